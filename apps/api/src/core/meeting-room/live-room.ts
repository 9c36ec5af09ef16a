import type { CityRef, CurrentAgendaItem, HandEntry, PresenceEntry, Role, RoomRole } from '@minga/contracts';
import type { PollTally } from './poll-tally';

/** Who a person is in a room: decided at join from the access policy and their roles. */
export interface RoomPerson {
  user: { id: string; name: string };
  city: CityRef | null;
  memberRole: Role | null;
  role: RoomRole;
}

/** One person present, however many connections (tabs, devices) they have in the room. */
interface Presence extends RoomPerson {
  connections: Set<string>;
  joinedAt: Date;
  /** The attendance row of this stay, once inserted (null if that failed). */
  stay: Promise<string | null>;
  /** The same once known (told to other instances, which close it if this one dies); null when the insert failed. */
  stayId?: string | null;
  /** When their last connection went away; the stay ends there unless they come back within the grace. */
  goneSince: Date | null;
  graceTimer: NodeJS.Timeout | null;
}

type Arrival = 'new-stay' | 'resumed' | 'another-connection';

/**
 * The in-memory state of one occurrence's live room on this instance: presence (one entry per person, several
 * connections each, a grace period before a departure counts), the raise-hand queue, the current agenda item and
 * its polls. Pure state; the gateway does the I/O and the timers.
 */
export class LiveRoom {
  readonly people = new Map<string, Presence>();
  /** Raised hands by person; `handQueue()` orders them. */
  readonly hands = new Map<string, HandEntry>();
  readonly polls = new Map<string, PollTally>();
  currentAgendaItem: CurrentAgendaItem | null = null;
  /** Who is present through other instances, per instance, with the stays it keeps open and when it last said so. */
  readonly remote = new Map<string, { people: PresenceEntry[]; stays: string[]; seenAt: number }>();

  constructor(readonly occurrenceId: string) {}

  get channel(): string {
    return `occurrence:${this.occurrenceId}`;
  }

  /** A connection of `person` joined. A person already present (or within the grace) keeps their stay. */
  arrive(person: RoomPerson, connectionId: string, now: Date, startStay: () => Promise<string | null>): Arrival {
    const present = this.people.get(person.user.id);
    if (present) {
      const resumed = present.connections.size === 0;
      present.connections.add(connectionId);
      Object.assign(present, { city: person.city, memberRole: person.memberRole, role: person.role });
      if (present.graceTimer) clearTimeout(present.graceTimer);
      present.graceTimer = null;
      present.goneSince = null;
      return resumed ? 'resumed' : 'another-connection';
    }
    this.people.set(person.user.id, {
      ...person,
      connections: new Set([connectionId]),
      joinedAt: now,
      stay: startStay(),
      goneSince: null,
      graceTimer: null,
    });
    return 'new-stay';
  }

  /** A connection left; returns the person when it was their last one (their grace period starts). */
  depart(userId: string, connectionId: string, now: Date): Presence | null {
    const present = this.people.get(userId);
    if (!present || !present.connections.delete(connectionId)) return null;
    if (present.connections.size > 0) return null;
    present.goneSince = now;
    return present;
  }

  /** Ends a stay for good (grace over, access lost, shutdown): they leave the presence list and the hands queue. */
  endStay(userId: string): Presence | null {
    const present = this.people.get(userId);
    if (!present) return null;
    if (present.graceTimer) clearTimeout(present.graceTimer);
    this.people.delete(userId);
    this.hands.delete(userId);
    return present;
  }

  /** Everyone present through this instance (including those within the grace of a reconnect). */
  localPresence(): PresenceEntry[] {
    return [...this.people.values()].map((p) => ({
      user: p.user,
      city: p.city,
      memberRole: p.memberRole,
      role: p.role,
      joinedAt: p.joinedAt.toISOString(),
    }));
  }

  /** Everyone present through any instance, each person once (here first), by city, then name. */
  presence(): PresenceEntry[] {
    const byUser = new Map<string, PresenceEntry>();
    for (const entry of this.localPresence()) byUser.set(entry.user.id, entry);
    for (const { people } of this.remote.values())
      for (const entry of people) if (!byUser.has(entry.user.id)) byUser.set(entry.user.id, entry);
    return [...byUser.values()].sort(
      (a, b) =>
        (a.city ? 0 : 1) - (b.city ? 0 : 1) ||
        (a.city?.name ?? '').localeCompare(b.city?.name ?? '') ||
        a.user.name.localeCompare(b.user.name) ||
        a.user.id.localeCompare(b.user.id),
    );
  }

  /** Raising a raised hand keeps its place in the queue. Returns the new entry, or null when nothing changed. */
  raiseHand(userId: string, now: Date): HandEntry | null {
    const present = this.people.get(userId);
    if (!present || this.hands.has(userId)) return null;
    const hand = { user: present.user, city: present.city, raisedAt: now.toISOString() };
    this.hands.set(userId, hand);
    return hand;
  }

  /** A hand raised through another instance. */
  addHand(hand: HandEntry): boolean {
    if (this.hands.has(hand.user.id)) return false;
    this.hands.set(hand.user.id, hand);
    return true;
  }

  lowerHand(userId: string): boolean {
    return this.hands.delete(userId);
  }

  /** Takes the first raised hand off the queue (the host gives them the floor). */
  nextHand(): HandEntry | null {
    const first = this.handQueue()[0];
    if (!first) return null;
    this.hands.delete(first.user.id);
    return first;
  }

  /**
   * First raised first, by the time each hand was raised (ties by person): every instance holding the room orders
   * the same queue the same way, whichever hand it heard of first.
   */
  handQueue(): HandEntry[] {
    return [...this.hands.values()].sort((a, b) => a.raisedAt.localeCompare(b.raisedAt) || a.user.id.localeCompare(b.user.id));
  }

  get isEmpty(): boolean {
    return this.people.size === 0;
  }
}
