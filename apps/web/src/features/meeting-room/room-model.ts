// Pure views of the live room's state: who is present grouped by city, a poll's tally as shares, the hands queue.
import type { CityRef, MeetingPhase, PollOption, PresenceEntry, Role } from '@minga/contracts';

interface PresenceGroup {
  /** null: people who belong to no city (coordinators, experts, admins). */
  city: CityRef | null;
  people: PresenceEntry[];
}

const ROLE_ORDER: (Role | null)[] = ['official', 'coordinator', 'expert', 'admin', 'observer', null];

/**
 * Present people by city (cities by name, then everyone without a city), each group ordered by role and then name,
 * with each person once however many tabs they have open.
 */
export function groupPresence(people: readonly PresenceEntry[], locale = 'en'): PresenceGroup[] {
  const collator = new Intl.Collator(locale);
  const seen = new Set<string>();
  const groups = new Map<string | null, PresenceGroup>();
  for (const person of people) {
    if (seen.has(person.user.id)) continue;
    seen.add(person.user.id);
    const key = person.city?.id ?? null;
    const group = groups.get(key) ?? { city: person.city, people: [] };
    group.people.push(person);
    groups.set(key, group);
  }
  for (const group of groups.values()) {
    group.people.sort(
      (a, b) => ROLE_ORDER.indexOf(a.memberRole) - ROLE_ORDER.indexOf(b.memberRole) || collator.compare(a.user.name, b.user.name),
    );
  }
  return [...groups.values()].sort((a, b) => {
    if (a.city === null) return b.city === null ? 0 : 1;
    if (b.city === null) return -1;
    return collator.compare(a.city.name, b.city.name);
  });
}

export interface TallyRow extends PollOption {
  /** Share of the voters who chose this option, 0..1 (for multiple choice the shares add up to more than 1). */
  share: number;
  leading: boolean;
}

/** Each option's share of the people who voted; the leading options (ties included) are marked once anyone voted. */
export function tallyRows(options: readonly PollOption[], voters: number): TallyRow[] {
  const most = Math.max(0, ...options.map((option) => option.votes));
  return options.map((option) => ({
    ...option,
    share: voters > 0 ? option.votes / voters : 0,
    leading: most > 0 && option.votes === most,
  }));
}

/** Before its start the room is a lobby; after its end it is over (people may still stay to finish). */
export function roomPhaseAt(startsAt: string, endsAt: string, now: Date): MeetingPhase {
  const time = now.getTime();
  if (time < Date.parse(startsAt)) return 'lobby';
  return time < Date.parse(endsAt) ? 'live' : 'ended';
}
