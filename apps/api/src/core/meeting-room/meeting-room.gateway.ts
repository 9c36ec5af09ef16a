import { Inject, Logger, type BeforeApplicationShutdown, type OnModuleDestroy } from '@nestjs/common';
import {
  WebSocketGateway,
  WebSocketServer,
  type OnGatewayConnection,
  type OnGatewayDisconnect,
  type OnGatewayInit,
} from '@nestjs/websockets';
import type { Subscription } from 'rxjs';
import type { z } from 'zod';
import {
  MEETING_ROOM_EVENTS,
  MEETING_ROOM_NAMESPACE,
  lowerHandSchema,
  meetingNotesDocName,
  openPollSchema,
  pollRefSchema,
  roomRefSchema,
  setAgendaItemSchema,
  voteSchema,
  type OccurrenceContext,
  type RoomError,
  type RoomRole,
  type RoomState,
  type HandEntry,
} from '@minga/contracts';
import type { AuthPrincipal } from '../../platform/access/principal';
import { CLUSTER_BUS, type ClusterBus } from '../../platform/cluster/cluster-bus';
import { APP_CONFIG, type AppConfig } from '../../platform/config/app-config';
import { broadcastPrebuilt } from '../../platform/realtime/prebuilt-broadcast';
import { SocketProblem } from '../../platform/realtime/socket-problem';
import { RealtimeConnections } from '../../platform/realtime/realtime-connections.service';
import {
  event,
  registerEvents,
  type EventAnswer,
  type RealtimeSocketData,
  type TypedNamespace,
  type TypedSocket,
} from '../../platform/realtime/socket-events';
import { LiveRoom } from './live-room';
import { PollTally } from './poll-tally';
import { decodeRoomRelay, encodeRoomRelay, roomChannel, type RoomRelayMessage } from './room-relay';
import { RoomAccess } from './room-access';
import { RoomPolls } from './room-polls';
import { RoomStore } from './room-store';

interface RoomSocketData extends RealtimeSocketData {
  /** Rooms this connection joined, with its role in each (re-decided when the person's roles change). */
  rooms: Map<string, RoomRole>;
}

type RoomSocket = TypedSocket<RoomSocketData>;

/** Room events one connection may send per second (steady), twice that in a burst. */
const EVENTS_PER_SECOND = 10;
/** With several instances: how often each says who is present through it, and when silence means it died. */
const PRESENCE_HEARTBEAT_MS = 5000;
const REMOTE_PRESENCE_TTL_MS = 20_000;

/**
 * `/meetings`: the live room of a meeting occurrence. Presence (one per person, several tabs allowed, a short grace
 * for reconnects) becomes attendance stays; the host moves the current agenda item, works the raise-hand queue and
 * runs polls whose tallies everyone sees as votes arrive. Every event is checked against the access policy (the
 * Meeting's `attend` and `host`), decided at join and again whenever the person's roles change.
 */
@WebSocketGateway({ namespace: MEETING_ROOM_NAMESPACE })
export class MeetingRoomGateway
  implements OnGatewayInit, OnGatewayConnection, OnGatewayDisconnect, BeforeApplicationShutdown, OnModuleDestroy
{
  private readonly logger = new Logger('MeetingRoom');
  @WebSocketServer() private readonly namespace!: TypedNamespace<RoomSocketData>;
  private readonly rooms = new Map<string, LiveRoom>();
  private readonly loading = new Map<string, Promise<LiveRoom>>();
  private accessSubscription: Subscription | null = null;
  private shuttingDown = false;
  private heartbeat: NodeJS.Timeout | null = null;
  private vouching: NodeJS.Timeout | null = null;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly access: RoomAccess,
    private readonly store: RoomStore,
    private readonly polls: RoomPolls,
    private readonly realtime: RealtimeConnections,
    @Inject(CLUSTER_BUS) private readonly bus: ClusterBus,
  ) {}

  afterInit(namespace: TypedNamespace<RoomSocketData>): void {
    namespace.use(this.realtime.handshake());
    if (this.bus.shared) {
      this.heartbeat = setInterval(() => this.beat(), PRESENCE_HEARTBEAT_MS);
      this.heartbeat.unref();
    }
    const staysEveryMs = (this.config.MEETING_ROOM_STAY_TIMEOUT_SECONDS * 1000) / 3;
    this.vouching = setInterval(() => {
      this.keepStaysOpen().catch((err: unknown) => this.logger.error(`Vouching for open stays failed: ${String(err)}`));
    }, staysEveryMs);
    this.vouching.unref();
    this.accessSubscription = this.realtime.watchAccess(namespace, (sockets, principal) => this.recheck(sockets, principal));
  }

  onModuleDestroy(): void {
    this.accessSubscription?.unsubscribe();
    if (this.heartbeat) clearInterval(this.heartbeat);
    if (this.vouching) clearInterval(this.vouching);
  }

  /** Everyone still in a room leaves now: their stays end before the sockets and the database go away. */
  async beforeApplicationShutdown(): Promise<void> {
    this.shuttingDown = true;
    const now = new Date();
    const stays: Promise<{ id: string; leftAt: Date } | null>[] = [];
    for (const room of this.rooms.values()) {
      for (const person of [...room.people.values()]) {
        room.endStay(person.user.id);
        stays.push(person.stay.then((id) => (id ? { id, leftAt: person.goneSince ?? now } : null)));
      }
    }
    for (const room of this.rooms.values())
      this.publish(room.occurrenceId, { t: 'presence', from: this.bus.instanceId, people: [], stays: [] });
    this.rooms.clear();
    const ended = (await Promise.all(stays)).filter((s): s is { id: string; leftAt: Date } => s !== null);
    await this.store.endStays(ended).catch((err: unknown) => this.logger.error(`Recording departures at shutdown failed: ${String(err)}`));
  }

  handleConnection(socket: RoomSocket): void {
    this.realtime.admit(socket, {
      errorEvent: MEETING_ROOM_EVENTS.error,
      messagesPerSecond: EVENTS_PER_SECOND,
      joinEvents: [MEETING_ROOM_EVENTS.join, MEETING_ROOM_EVENTS.leave],
    });
    socket.data.rooms = new Map();
    registerEvents(socket, this.eventsOf(socket), {
      errorEvent: MEETING_ROOM_EVENTS.error,
      logger: this.logger,
      contextOf: (payload) => {
        const occurrenceId = (payload as { occurrenceId?: unknown } | null)?.occurrenceId;
        return typeof occurrenceId === 'string' ? { occurrenceId } : {};
      },
    });
  }

  /** The events of `/meetings`, each with its payload schema (libs/contracts) and its handler. */
  private eventsOf(socket: RoomSocket) {
    return {
      [MEETING_ROOM_EVENTS.join]: event(roomRefSchema, async (input) => {
        const finished = this.realtime.beginJoin(socket);
        if (!finished) throw new SocketProblem('rate_limited', 'Too many rooms being joined at once');
        try {
          return await this.join(socket, input.occurrenceId);
        } finally {
          finished();
        }
      }),
      [MEETING_ROOM_EVENTS.leave]: event(roomRefSchema, async (input) => {
        this.leave(socket, input.occurrenceId, new Date());
        return { ok: true };
      }),
      [MEETING_ROOM_EVENTS.setAgendaItem]: event(setAgendaItemSchema, (input) => this.setAgendaItem(socket, input)),
      [MEETING_ROOM_EVENTS.raiseHand]: event(roomRefSchema, async (input) => {
        const room = this.joined(socket, input.occurrenceId);
        const hand = room.raiseHand(this.me(socket).id, new Date());
        if (hand) this.handsChanged(room, hand, null);
        return { ok: true };
      }),
      [MEETING_ROOM_EVENTS.lowerHand]: event(lowerHandSchema, (input) => this.lowerHand(socket, input.occurrenceId, input.userId)),
      [MEETING_ROOM_EVENTS.nextHand]: event(roomRefSchema, async (input) => {
        const { room } = await this.asHost(socket, input.occurrenceId);
        const hand = room.nextHand();
        if (hand) this.handsChanged(room, null, hand.user.id);
        return { ok: true, hand };
      }),
      [MEETING_ROOM_EVENTS.openPoll]: event(openPollSchema, async (input) => {
        const { room } = await this.asHost(socket, input.occurrenceId);
        const tally = await this.polls.open(room, input, { id: this.me(socket).id, name: this.me(socket).name });
        this.emitToRoom(room, MEETING_ROOM_EVENTS.poll, { occurrenceId: room.occurrenceId, poll: tally.view() });
        this.publishPoll(room, tally);
        return { ok: true, poll: tally.view(this.me(socket).id) };
      }),
      [MEETING_ROOM_EVENTS.vote]: event(voteSchema, (input) => this.vote(socket, input)),
      [MEETING_ROOM_EVENTS.closePoll]: event(pollRefSchema, (input) => this.closePoll(socket, input)),
      [MEETING_ROOM_EVENTS.endMeeting]: event(roomRefSchema, async (input) => {
        const { room } = await this.asHost(socket, input.occurrenceId);
        const endedAt = await this.store.endNow(room.occurrenceId);
        if (!endedAt) throw new SocketProblem('not_live', 'The meeting is not under way');
        const endsAt = endedAt.toISOString();
        this.shareEvent(room, MEETING_ROOM_EVENTS.timing, { occurrenceId: room.occurrenceId, endsAt });
        return { ok: true, endsAt };
      }),
    };
  }

  handleDisconnect(socket: RoomSocket): void {
    const data = socket.data;
    const now = new Date();
    for (const occurrenceId of [...(data.rooms?.keys() ?? [])]) this.leave(socket, occurrenceId, now);
  }

  private me(socket: RoomSocket): AuthPrincipal {
    return socket.data.principal;
  }

  private joined(socket: RoomSocket, occurrenceId: string): LiveRoom {
    const room = this.rooms.get(occurrenceId);
    if (!room || !socket.data.rooms.has(occurrenceId)) throw new SocketProblem('not_joined', 'Join the room first');
    return room;
  }

  /**
   * Host actions ask the policy again with a fresh view of the meeting (a changed organiser or invitee list counts
   * at once); they are rare, so the query is cheap.
   */
  private async asHost(socket: RoomSocket, occurrenceId: string): Promise<{ room: LiveRoom; ctx: OccurrenceContext }> {
    const room = this.joined(socket, occurrenceId);
    const ctx = await this.access.context(occurrenceId);
    const role = ctx ? this.access.roleIn(ctx, this.me(socket)) : null;
    if (!ctx || role !== 'host') throw new SocketProblem('host_only', 'Only the host may do this');
    return { room, ctx };
  }

  private async join(socket: RoomSocket, occurrenceId: string): Promise<EventAnswer> {
    const principal = this.me(socket);
    const ctx = await this.access.context(occurrenceId);
    if (!ctx || !this.access.canRead(ctx, principal)) throw new SocketProblem('not_found', 'No such meeting occurrence');
    const role = this.access.roleIn(ctx, principal);
    if (!role) throw new SocketProblem('forbidden', 'You are not invited to this meeting');
    if (ctx.occurrence.status === 'cancelled' || ctx.meeting.status === 'cancelled')
      throw new SocketProblem('meeting_cancelled', 'This meeting was cancelled');
    const facts = await this.store.memberFacts(principal);
    // No await between getting the room and arriving in it: an emptied room cannot be dropped in between.
    const room = await this.acquire(occurrenceId);
    if (socket.disconnected || this.shuttingDown) throw new SocketProblem('internal_error', 'Disconnected while joining');
    const data = socket.data;
    data.rooms.set(occurrenceId, role);
    const previousRole = room.people.get(principal.id)?.role;
    const now = new Date();
    const arrival = room.arrive({ user: { id: principal.id, name: principal.name }, ...facts, role }, socket.id, now, () =>
      this.store.startStay(occurrenceId, principal.id, role, now).catch((err: unknown) => {
        this.logger.error(`Recording an arrival failed: ${String(err)}`);
        return null;
      }),
    );
    const present = room.people.get(principal.id);
    if (present && arrival === 'new-stay') void present.stay.then((id) => (present.stayId = id));
    await socket.join(room.channel);
    if (arrival === 'new-stay' || previousRole !== role) this.emitPresence(room, socket);
    return { ok: true, role, state: this.stateOf(room, ctx, role, principal.id) };
  }

  private stateOf(room: LiveRoom, ctx: OccurrenceContext, role: RoomRole, viewerId: string): RoomState {
    const now = Date.now();
    const startsAt = new Date(ctx.occurrence.startsAt).getTime();
    const endsAt = new Date(ctx.occurrence.endsAt).getTime();
    return {
      occurrenceId: room.occurrenceId,
      meeting: {
        id: ctx.meeting.id,
        title: ctx.meeting.title,
        hubId: ctx.hub.id,
        cohortId: ctx.cohort?.id ?? null,
        timeZone: ctx.meeting.timeZone,
      },
      startsAt: ctx.occurrence.startsAt,
      endsAt: ctx.occurrence.endsAt,
      phase: now < startsAt ? 'lobby' : now < endsAt ? 'live' : 'ended',
      role,
      present: room.presence(),
      agenda: ctx.agenda.map((item) => ({
        id: item.id,
        position: item.position,
        title: item.title,
        durationMinutes: item.durationMinutes,
        presenter: item.presenter,
        draftId: item.draft?.id ?? null,
        draftSection: item.draftSection,
      })),
      currentAgendaItem: room.currentAgendaItem,
      hands: room.handQueue(),
      polls: [...room.polls.values()].map((p) => p.view(viewerId)),
      notesDocName: meetingNotesDocName(room.occurrenceId),
      draftId: ctx.draft?.id ?? null,
    };
  }

  /** Loads a room's stored state once, however many people join at the same moment. */
  private async acquire(occurrenceId: string): Promise<LiveRoom> {
    const open = this.rooms.get(occurrenceId);
    if (open) return open;
    let loading = this.loading.get(occurrenceId);
    if (!loading) {
      loading = (async () => {
        const room = new LiveRoom(occurrenceId);
        // Heard from now on: what other instances holding the room say; what they said before, they say again
        // when asked (`hello`) or is in the database.
        await this.bus.subscribe(roomChannel(occurrenceId), (bytes) => this.onRelay(occurrenceId, bytes));
        const [current, polls] = await Promise.all([this.store.currentAgendaItem(occurrenceId), this.store.polls(occurrenceId)]);
        room.currentAgendaItem = current;
        for (const poll of polls) room.polls.set(poll.header.id, poll);
        this.rooms.set(occurrenceId, room);
        this.publish(occurrenceId, { t: 'hello', from: this.bus.instanceId });
        return room;
      })().finally(() => this.loading.delete(occurrenceId));
      this.loading.set(occurrenceId, loading);
    }
    return loading;
  }

  /** A connection leaves a room; the person's stay ends once the grace passes without another connection of theirs. */
  private leave(socket: RoomSocket, occurrenceId: string, now: Date): void {
    const data = socket.data;
    if (!data.rooms.delete(occurrenceId)) return;
    const room = this.rooms.get(occurrenceId);
    if (!room) return;
    void socket.leave(room.channel);
    if (this.shuttingDown) return;
    const gone = room.depart(data.principal.id, socket.id, now);
    if (!gone) return;
    gone.graceTimer = setTimeout(() => this.endStay(room, data.principal.id), this.config.MEETING_ROOM_GRACE_SECONDS * 1000);
    gone.graceTimer.unref();
  }

  private endStay(room: LiveRoom, userId: string): void {
    const person = room.people.get(userId);
    if (!person || person.connections.size > 0) return;
    const hadHand = room.hands.has(userId);
    room.endStay(userId);
    const leftAt = person.goneSince ?? new Date();
    void person.stay
      .then((id) => (id ? this.store.endStays([{ id, leftAt }]) : undefined))
      .catch((err: unknown) => this.logger.error(`Recording a departure failed: ${String(err)}`));
    if (hadHand) this.publish(room.occurrenceId, { t: 'hand', from: this.bus.instanceId, raised: null, lowered: userId });
    if (room.isEmpty && this.rooms.get(room.occurrenceId) === room) {
      // Nobody is here through this instance any more: the others drop its presence at once.
      this.publishPresence(room);
      this.rooms.delete(room.occurrenceId);
      this.bus.unsubscribe(roomChannel(room.occurrenceId));
      return;
    }
    this.emitPresence(room);
    if (hadHand) this.emitHands(room);
  }

  private async setAgendaItem(socket: RoomSocket, input: z.output<typeof setAgendaItemSchema>): Promise<EventAnswer> {
    const { room, ctx } = await this.asHost(socket, input.occurrenceId);
    if (input.agendaItemId && !ctx.agenda.some((item) => item.id === input.agendaItemId)) {
      throw new SocketProblem('unknown_agenda_item', 'That item is not on this occurrence’s agenda');
    }
    const me = this.me(socket);
    room.currentAgendaItem = await this.store.setAgendaItem(room.occurrenceId, input.agendaItemId, { id: me.id, name: me.name });
    this.shareEvent(room, MEETING_ROOM_EVENTS.agenda, { occurrenceId: room.occurrenceId, currentAgendaItem: room.currentAgendaItem });
    return { ok: true, currentAgendaItem: room.currentAgendaItem };
  }

  private async lowerHand(socket: RoomSocket, occurrenceId: string, userId: string | undefined): Promise<EventAnswer> {
    const me = this.me(socket);
    const room = userId && userId !== me.id ? (await this.asHost(socket, occurrenceId)).room : this.joined(socket, occurrenceId);
    if (room.lowerHand(userId ?? me.id)) this.handsChanged(room, null, userId ?? me.id);
    return { ok: true };
  }

  private async vote(socket: RoomSocket, input: z.output<typeof voteSchema>): Promise<EventAnswer> {
    const room = this.joined(socket, input.occurrenceId);
    const me = this.me(socket);
    const tally = await this.polls.vote(room, input.pollId, me.id, input.optionIds, (counted) => {
      this.emitToRoom(room, MEETING_ROOM_EVENTS.poll, { occurrenceId: room.occurrenceId, poll: counted.view() });
      this.publish(room.occurrenceId, {
        t: 'ballot',
        from: this.bus.instanceId,
        pollId: counted.header.id,
        userId: me.id,
        optionIds: input.optionIds,
      });
    });
    return { ok: true, poll: tally.view(me.id) };
  }

  private async closePoll(socket: RoomSocket, input: z.output<typeof pollRefSchema>): Promise<EventAnswer> {
    const { room } = await this.asHost(socket, input.occurrenceId);
    const tally = await this.polls.close(room, input.pollId);
    this.emitToRoom(room, MEETING_ROOM_EVENTS.poll, { occurrenceId: room.occurrenceId, poll: tally.view() });
    this.publishPoll(room, tally);
    return { ok: true, poll: tally.view(this.me(socket).id) };
  }

  /** After a role change: each room of that person is re-decided; lost access removes them, a new role is announced. */
  private async recheck(personSockets: RoomSocket[], principal: AuthPrincipal | null): Promise<void> {
    const sockets = personSockets.filter((socket) => socket.data.rooms?.size);
    const userId = sockets[0]?.data.principal.id;
    if (!userId) return;
    const occurrenceIds = new Set(sockets.flatMap((socket) => [...socket.data.rooms.keys()]));
    for (const occurrenceId of occurrenceIds) {
      const ctx = await this.access.context(occurrenceId);
      const role = ctx && principal ? this.access.roleIn(ctx, principal) : null;
      const room = this.rooms.get(occurrenceId);
      for (const socket of sockets) {
        const data = socket.data;
        const had = data.rooms.get(occurrenceId);
        if (!had) continue;
        if (!role) {
          this.leave(socket, occurrenceId, new Date());
          socket.emit(MEETING_ROOM_EVENTS.error, {
            code: 'forbidden',
            message: 'You may no longer attend this meeting',
            occurrenceId,
          } satisfies RoomError);
        } else if (role !== had) {
          data.rooms.set(occurrenceId, role);
          socket.emit(MEETING_ROOM_EVENTS.role, { occurrenceId, role });
        }
      }
      const person = room?.people.get(userId);
      if (room && person && role && person.role !== role) {
        person.role = role;
        if (role === 'host') void person.stay.then((id) => (id ? this.store.markHost(id) : undefined)).catch(() => undefined);
        this.emitPresence(room);
      }
    }
  }

  private emitPresence(room: LiveRoom, except?: RoomSocket): void {
    this.emitToRoom(room, MEETING_ROOM_EVENTS.presence, { occurrenceId: room.occurrenceId, present: room.presence() }, except);
    this.publishPresence(room);
  }

  /** A hand raised or lowered here: this instance's participants see the queue, the other instances apply the same. */
  private handsChanged(room: LiveRoom, raised: HandEntry | null, lowered: string | null): void {
    this.emitHands(room);
    this.publish(room.occurrenceId, { t: 'hand', from: this.bus.instanceId, raised, lowered });
  }

  /** An event stored and sent here, for every instance's participants (and their copy of the room). */
  private shareEvent(room: LiveRoom, event: string, payload: unknown): void {
    this.emitToRoom(room, event, payload);
    this.publish(room.occurrenceId, { t: 'emit', from: this.bus.instanceId, event, payload });
  }

  private publishPoll(room: LiveRoom, tally: PollTally): void {
    this.publish(room.occurrenceId, { t: 'poll', from: this.bus.instanceId, header: tally.header, options: tally.options });
  }

  private publishPresence(room: LiveRoom): void {
    const stays = [...room.people.values()].flatMap((p) => (p.stayId ? [p.stayId] : []));
    this.publish(room.occurrenceId, { t: 'presence', from: this.bus.instanceId, people: room.localPresence(), stays });
  }

  private publish(occurrenceId: string, message: RoomRelayMessage): void {
    if (this.bus.shared) this.bus.publish(roomChannel(occurrenceId), encodeRoomRelay(message));
  }

  /** What another instance holding the room said: applied to this instance's copy, and sent to its participants. */
  private onRelay(occurrenceId: string, bytes: Buffer): void {
    const message = decodeRoomRelay(bytes);
    const room = this.rooms.get(occurrenceId);
    if (!message || !room || message.from === this.bus.instanceId) return;
    switch (message.t) {
      case 'presence': {
        if (message.people.length) room.remote.set(message.from, { people: message.people, stays: message.stays, seenAt: Date.now() });
        else room.remote.delete(message.from);
        this.emitToRoom(room, MEETING_ROOM_EVENTS.presence, { occurrenceId, present: room.presence() });
        return;
      }
      case 'hello':
        if (room.people.size) this.publishPresence(room);
        if (room.hands.size) this.publish(occurrenceId, { t: 'hands', from: this.bus.instanceId, queue: room.handQueue() });
        return;
      case 'hand': {
        const changed =
          (message.raised ? room.addHand(message.raised) : false) || (message.lowered ? room.lowerHand(message.lowered) : false);
        if (changed) this.emitHands(room);
        return;
      }
      case 'hands': {
        let changed = false;
        for (const hand of message.queue) changed = room.addHand(hand) || changed;
        if (changed) this.emitHands(room);
        return;
      }
      case 'poll': {
        const tally = room.polls.get(message.header.id);
        if (tally) tally.header = message.header;
        else room.polls.set(message.header.id, new PollTally(message.header, message.options));
        const poll = room.polls.get(message.header.id) as PollTally;
        this.emitToRoom(room, MEETING_ROOM_EVENTS.poll, { occurrenceId, poll: poll.view() });
        return;
      }
      case 'ballot': {
        const tally = room.polls.get(message.pollId);
        if (!tally) return;
        tally.apply(message.userId, message.optionIds);
        this.emitToRoom(room, MEETING_ROOM_EVENTS.poll, { occurrenceId, poll: tally.view() });
        return;
      }
      case 'emit': {
        const payload = message.payload as { currentAgendaItem?: RoomState['currentAgendaItem'] };
        if (message.event === MEETING_ROOM_EVENTS.agenda && payload.currentAgendaItem !== undefined)
          room.currentAgendaItem = payload.currentAgendaItem;
        this.emitToRoom(room, message.event, message.payload);
        return;
      }
    }
  }

  /**
   * Every few seconds: this instance says who is present through it; an instance that stopped saying so (it died) is
   * dropped from the presence list, and the stays it kept open are closed as of the last time it spoke.
   */
  private beat(): void {
    const now = Date.now();
    for (const room of this.rooms.values()) {
      if (room.people.size) this.publishPresence(room);
      for (const [instance, remote] of room.remote) {
        if (now - remote.seenAt < REMOTE_PRESENCE_TTL_MS) continue;
        room.remote.delete(instance);
        const leftAt = new Date(remote.seenAt);
        this.store
          .endStays(remote.stays.map((id) => ({ id, leftAt })))
          .catch((err: unknown) => this.logger.error(`Closing a lost instance's stays failed: ${String(err)}`));
        this.emitToRoom(room, MEETING_ROOM_EVENTS.presence, { occurrenceId: room.occurrenceId, present: room.presence() });
      }
    }
  }

  /**
   * Every instance vouches for the stays it keeps open and closes those nobody vouched for in time: a killed
   * instance's stays end as of its last word, whether or not another instance holds the room. A stay closed while
   * this instance could not reach the database (its people are still here) starts again.
   */
  private async keepStaysOpen(): Promise<void> {
    const open = [...this.rooms.values()].flatMap((room) => [...room.people.values()].map((person) => ({ room, person })));
    const ids = open.flatMap(({ person }) => (person.stayId ? [person.stayId] : []));
    const still = await this.store.vouchForStays(ids);
    const now = new Date();
    for (const { room, person } of open) {
      if (person.connections.size === 0 || this.shuttingDown) continue;
      // undefined: its insert is still running; null: the insert failed, so the person is here without a stay.
      if (person.stayId === undefined || (person.stayId !== null && still.has(person.stayId))) continue;
      const { id: userId } = person.user;
      person.stayId = undefined;
      person.stay = this.store.startStay(room.occurrenceId, userId, person.role, now).catch((err: unknown) => {
        // The next round tries again while the person is still here; say why this one failed.
        this.logger.warn(`Starting a stay again failed: ${String(err)}`);
        return null;
      });
      void person.stay.then((id) => (person.stayId = id));
    }
    await this.store.closeAbandonedStays(this.config.MEETING_ROOM_STAY_TIMEOUT_SECONDS);
  }

  private emitHands(room: LiveRoom): void {
    this.emitToRoom(room, MEETING_ROOM_EVENTS.hands, { occurrenceId: room.occurrenceId, hands: room.handQueue() });
  }

  /** One event to every connection in the room, encoded and framed once for all of them. */
  private emitToRoom(room: LiveRoom, event: string, payload: unknown, except?: RoomSocket): void {
    const ids = this.namespace.adapter.rooms.get(room.channel);
    if (!ids?.size) return;
    const recipients: RoomSocket[] = [];
    for (const id of ids) {
      const socket = this.namespace.sockets.get(id);
      if (socket && socket !== except) recipients.push(socket);
    }
    broadcastPrebuilt(this.namespace, recipients, event, payload);
  }
}
