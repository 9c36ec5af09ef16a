// The fair slot finder: scores candidate meeting times by who would be outside their working hours (and how far,
// weekends weighing double), and for a series rotates the inconvenient hours so no zone always meets at night.
import { IANAZone } from 'luxon';
import { weekendDays } from './weekend';
import type { LocalDateTime } from './time-zones';

export interface WorkingHours {
  start: string;
  end: string;
  /** ISO weekdays, 1 = Monday. */
  days: number[];
}

export interface SlotParticipant {
  id: string;
  name: string;
  cityName: string | null;
  timeZone: string;
  locale: string;
  workingHours: WorkingHours;
}

interface SlotOptions {
  /** First and last day searched (`YYYY-MM-DD`, UTC days). */
  from: string;
  to: string;
  durationMinutes: number;
  stepMinutes?: number;
  limit?: number;
  /** Propose this many slots for a series, rotating who is outside hours. */
  seriesLength?: number;
}

export interface SlotInconvenience {
  person: { id: string; name: string };
  cityName: string | null;
  timeZone: string;
  localStart: LocalDateTime;
  localEnd: LocalDateTime;
  minutesOutside: number;
  weekend: boolean;
}

export interface ZoneTime {
  timeZone: string;
  places: string[];
  localStart: LocalDateTime;
  localEnd: LocalDateTime;
}

export interface SlotProposal {
  startsAt: Date;
  endsAt: Date;
  score: number;
  insideCount: number;
  outside: SlotInconvenience[];
  local: ZoneTime[];
}

interface SlotSearchResult {
  participantCount: number;
  slots: SlotProposal[];
  rotation: SlotProposal[] | null;
  burdenByZone: { timeZone: string; places: string[]; meetingsOutsideHours: number }[] | null;
}

const MINUTE = 60_000;
const DAY = 86_400_000;
/** Beyond this the "how far outside" part of the penalty stops growing (a 3 a.m. slot is bad enough). */
const MAX_FARNESS_MINUTES = 8 * 60;
const DEFAULT_DAYS = [1, 2, 3, 4, 5];

interface PreparedPerson {
  person: SlotParticipant;
  zone: IANAZone;
  startMinute: number;
  endMinute: number;
  workingDays: Set<number>;
}

function minutesOf(clock: string): number {
  const [h, m] = clock.split(':').map(Number);
  // Without its minutes ("9") a clock would make every score NaN, and the slots come out in no order.
  if (h === undefined || m === undefined) throw new RangeError(`Not a time of day (HH:MM): ${clock}`);
  return h * 60 + m;
}

/**
 * Working days: the person's own, unless they kept the default Monday–Friday, in which case their locale's
 * weekend decides (Friday–Saturday in Saudi Arabia, Sunday only in India).
 */
export function workingDaysOf(hours: WorkingHours, locale: string): number[] {
  const isDefault = hours.days.length === DEFAULT_DAYS.length && DEFAULT_DAYS.every((d) => hours.days.includes(d));
  if (!isDefault) return [...hours.days].sort();
  const weekend = weekendDays(locale);
  return [1, 2, 3, 4, 5, 6, 7].filter((d) => !weekend.includes(d));
}

function prepare(person: SlotParticipant): PreparedPerson {
  return {
    person,
    zone: IANAZone.create(person.timeZone),
    startMinute: minutesOf(person.workingHours.start),
    endMinute: minutesOf(person.workingHours.end),
    workingDays: new Set(workingDaysOf(person.workingHours, person.locale)),
  };
}

/** Local wall-clock of an instant as "floating" epoch milliseconds (UTC fields = local fields). */
function floatingMs(zone: IANAZone, instant: number): number {
  return instant + zone.offset(instant) * MINUTE;
}

function isoWeekday(floating: number): number {
  const day = new Date(floating).getUTCDay();
  return day === 0 ? 7 : day;
}

function formatFloating(floating: number): LocalDateTime {
  return new Date(floating).toISOString().slice(0, 16);
}

interface PersonVerdict {
  minutesOutside: number;
  farness: number;
  weekend: boolean;
  localStart: number;
  localEnd: number;
}

/** How a slot [start, end) sits with one person's working hours, given their zone's offsets (minutes) then. */
function judge(p: PreparedPerson, start: number, end: number, offsets: readonly [number, number]): PersonVerdict {
  const localStart = start + offsets[0] * MINUTE;
  const localEnd = end + offsets[1] * MINUTE;
  const duration = (end - start) / MINUTE;
  const firstDay = Math.floor(localStart / DAY) - 1;
  let overlap = 0;
  let farness = Infinity;
  for (let day = firstDay; day <= firstDay + 2; day++) {
    const dayStart = day * DAY;
    if (!p.workingDays.has(isoWeekday(dayStart))) continue;
    const windowStart = dayStart + p.startMinute * MINUTE;
    const windowEnd = dayStart + p.endMinute * MINUTE;
    overlap += Math.max(0, Math.min(localEnd, windowEnd) - Math.max(localStart, windowStart)) / MINUTE;
    const gap = localEnd <= windowStart ? windowStart - localEnd : localStart >= windowEnd ? localStart - windowEnd : 0;
    farness = Math.min(farness, gap / MINUTE);
  }
  const minutesOutside = Math.max(0, Math.round(duration - overlap));
  return {
    minutesOutside,
    farness: minutesOutside === 0 ? 0 : Math.min(MAX_FARNESS_MINUTES, farness),
    weekend: !p.workingDays.has(isoWeekday(localStart)),
    localStart,
    localEnd,
  };
}

function penalty(v: PersonVerdict): number {
  const base = v.minutesOutside + v.farness / 2;
  return v.weekend ? base * 2 : base;
}

/** People who judge every slot alike (same zone, hours and working days): judged once for all of them. */
interface PersonClass {
  rep: PreparedPerson;
  members: PreparedPerson[];
}

function classify(people: PreparedPerson[]): PersonClass[] {
  const classes = new Map<string, PersonClass>();
  for (const p of people) {
    const key = `${p.person.timeZone}|${p.startMinute}|${p.endMinute}|${[...p.workingDays].sort().join(',')}`;
    const found = classes.get(key);
    if (found) found.members.push(p);
    else classes.set(key, { rep: p, members: [p] });
  }
  return [...classes.values()];
}

interface Candidate {
  start: number;
  end: number;
  score: number;
  /** One verdict per person class. */
  verdicts: PersonVerdict[];
  /** Zones where somebody is outside their hours. */
  zonesOutside: Set<string>;
}

function zoneGroups(people: PreparedPerson[]): Map<string, string[]> {
  const groups = new Map<string, string[]>();
  for (const p of people) {
    const label = p.person.cityName ?? p.person.name;
    const names = groups.get(p.person.timeZone) ?? [];
    if (!names.includes(label)) names.push(label);
    groups.set(p.person.timeZone, names);
  }
  return groups;
}

function toProposal(c: Candidate, classes: PersonClass[], total: number, groups: Map<string, string[]>): SlotProposal {
  const outside: SlotInconvenience[] = [];
  for (const [i, cls] of classes.entries()) {
    // findSlots judges every class, in this order: a missing verdict cannot happen, and would mean nobody outside.
    const v = c.verdicts[i];
    if (!v || v.minutesOutside === 0) continue;
    for (const p of cls.members) {
      outside.push({
        person: { id: p.person.id, name: p.person.name },
        cityName: p.person.cityName,
        timeZone: p.person.timeZone,
        localStart: formatFloating(v.localStart),
        localEnd: formatFloating(v.localEnd),
        minutesOutside: v.minutesOutside,
        weekend: v.weekend,
      });
    }
  }
  outside.sort((a, b) => b.minutesOutside - a.minutesOutside || a.person.name.localeCompare(b.person.name));
  const local = [...groups.entries()]
    .map(([timeZone, places]) => {
      const zone = IANAZone.create(timeZone);
      return {
        offset: zone.offset(c.start),
        row: { timeZone, places, localStart: formatFloating(floatingMs(zone, c.start)), localEnd: formatFloating(floatingMs(zone, c.end)) },
      };
    })
    .sort((a, b) => a.offset - b.offset || a.row.timeZone.localeCompare(b.row.timeZone))
    .map(({ row }) => row);
  return {
    startsAt: new Date(c.start),
    endsAt: new Date(c.end),
    score: Math.round(c.score * 10) / 10,
    insideCount: total - outside.length,
    outside,
    local,
  };
}

/** Proposes the best slots between two days for a set of people; see the file comment for the scoring. */
export function findSlots(participants: SlotParticipant[], options: SlotOptions): SlotSearchResult {
  const step = (options.stepMinutes ?? 30) * MINUTE;
  const duration = options.durationMinutes * MINUTE;
  const limit = options.limit ?? 5;
  const people = participants.map(prepare);
  const groups = zoneGroups(people);
  const rangeStart = Date.parse(`${options.from}T00:00:00Z`);
  const rangeEnd = Date.parse(`${options.to}T00:00:00Z`) + DAY;

  // Offsets are looked up once per zone and candidate (Intl is slow), not once per person.
  const zones = [...new Map(people.map((p) => [p.person.timeZone, p.zone])).entries()];
  const classes = classify(people);
  const candidates: Candidate[] = [];
  for (let start = rangeStart; start + duration <= rangeEnd; start += step) {
    const end = start + duration;
    const offsets = new Map(zones.map(([name, zone]) => [name, [zone.offset(start), zone.offset(end)] as const]));
    const verdicts: PersonVerdict[] = [];
    const zonesOutside = new Set<string>();
    let score = 0;
    for (const cls of classes) {
      const v = judge(cls.rep, start, end, offsets.get(cls.rep.person.timeZone) ?? [0, 0]);
      verdicts.push(v);
      if (v.minutesOutside > 0) zonesOutside.add(cls.rep.person.timeZone);
      score += penalty(v) * cls.members.length;
    }
    candidates.push({ start, end, score, verdicts, zonesOutside });
  }
  const ranked = [...candidates].sort((a, b) => a.score - b.score || a.start - b.start);

  // The best slots that do not overlap one another.
  const chosen: Candidate[] = [];
  for (const c of ranked) {
    if (chosen.length >= limit) break;
    if (chosen.some((o) => c.start < o.end && o.start < c.end)) continue;
    chosen.push(c);
  }

  let rotation: SlotProposal[] | null = null;
  let burdenByZone: SlotSearchResult['burdenByZone'] = null;
  if (options.seriesLength && options.seriesLength > 1 && ranked.length > 0) {
    const picks = rotate(ranked, options.seriesLength, [...groups.keys()]);
    rotation = picks.map((c) => toProposal(c, classes, people.length, groups));
    burdenByZone = [...groups.entries()].map(([timeZone, places]) => ({
      timeZone,
      places,
      meetingsOutsideHours: picks.filter((c) => c.zonesOutside.has(timeZone)).length,
    }));
  }
  return {
    participantCount: people.length,
    slots: chosen.map((c) => toProposal(c, classes, people.length, groups)),
    rotation,
    burdenByZone,
  };
}

/**
 * One slot per meeting of a series (a time of day; the slot shows it on its best date in the range). Greedy: each
 * meeting takes the time that keeps the most-burdened zone's count of meetings outside hours lowest, then the
 * lowest total burden, then the best score; a time of day already used is avoided while another as fair exists.
 */
function rotate(ranked: Candidate[], count: number, zones: string[]): Candidate[] {
  // One representative per UTC time of day: its best-scoring date.
  const byTimeOfDay = new Map<number, Candidate>();
  for (const c of ranked) {
    const key = c.start % DAY;
    if (!byTimeOfDay.has(key)) byTimeOfDay.set(key, c);
  }
  const pool = [...byTimeOfDay.values()];
  const burden = new Map(zones.map((z) => [z, 0]));
  const used = new Map<number, number>();
  const picks: Candidate[] = [];
  for (let i = 0; i < count; i++) {
    let best: { candidate: Candidate; key: RotationKey } | null = null;
    for (const c of pool) {
      const after = zones.map((z) => (burden.get(z) ?? 0) + (c.zonesOutside.has(z) ? 1 : 0));
      const key: RotationKey = [Math.max(...after), after.reduce((a, b) => a + b, 0), used.get(c.start % DAY) ?? 0, c.score];
      if (!best || compareKeys(key, best.key) < 0) best = { candidate: c, key };
    }
    if (!best) break;
    const pick = best.candidate;
    picks.push(pick);
    used.set(pick.start % DAY, (used.get(pick.start % DAY) ?? 0) + 1);
    for (const z of pick.zonesOutside) burden.set(z, (burden.get(z) ?? 0) + 1);
  }
  return picks;
}

/** What a rotation's next pick keeps lowest, in order: most-burdened zone, total burden, times of day reused, score. */
type RotationKey = readonly [maxBurden: number, totalBurden: number, reuse: number, score: number];

function compareKeys([a0, a1, a2, a3]: RotationKey, [b0, b1, b2, b3]: RotationKey): number {
  return a0 - b0 || a1 - b1 || a2 - b2 || a3 - b3;
}
