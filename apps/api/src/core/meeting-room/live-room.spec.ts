import { minutesPresent } from './attendance-intervals';
import { LiveRoom, type RoomPerson } from './live-room';
import { PollTally, type PollHeader } from './poll-tally';
import { itemAt } from '../../../test/item-at';

const person = (id: string, name: string, city: string | null = null): RoomPerson => ({
  user: { id, name },
  city: city ? { id: `c-${city}`, name: city } : null,
  memberRole: city ? 'official' : 'expert',
  role: 'participant',
});
const at = (minute: number) => new Date(Date.UTC(2026, 10, 24, 9, minute));
const stay = () => Promise.resolve('row');

describe('LiveRoom presence', () => {
  it('counts several connections of one person as one presence with one stay', () => {
    const room = new LiveRoom('o-1');
    const started = jest.fn(stay);
    expect(room.arrive(person('u1', 'Aiko', 'Tokyo'), 's1', at(0), started)).toBe('new-stay');
    expect(room.arrive(person('u1', 'Aiko', 'Tokyo'), 's2', at(1), started)).toBe('another-connection');
    expect(started).toHaveBeenCalledTimes(1);
    expect(room.presence()).toHaveLength(1);
    expect(itemAt(room.presence()).joinedAt).toBe(at(0).toISOString());
    expect(room.depart('u1', 's1', at(2))).toBeNull();
    expect(room.depart('u1', 's2', at(3))?.goneSince).toEqual(at(3));
  });

  it('continues a stay when the person comes back before it ended', () => {
    const room = new LiveRoom('o-1');
    room.arrive(person('u1', 'Aiko', 'Tokyo'), 's1', at(0), stay);
    room.depart('u1', 's1', at(5));
    expect(room.arrive(person('u1', 'Aiko', 'Tokyo'), 's2', at(5), stay)).toBe('resumed');
    expect(room.people.get('u1')?.goneSince).toBeNull();
    expect(itemAt(room.presence()).joinedAt).toBe(at(0).toISOString());
  });

  it('lists people by city, then name, people without a city last', () => {
    const room = new LiveRoom('o-1');
    room.arrive(person('u1', 'Zoe'), 'a', at(0), stay);
    room.arrive(person('u2', 'Priya', 'Delhi'), 'b', at(0), stay);
    room.arrive(person('u3', 'Ana', 'Mexico City'), 'c', at(0), stay);
    room.arrive(person('u4', 'Budi', 'Delhi'), 'd', at(0), stay);
    expect(room.presence().map((p) => p.user.name)).toEqual(['Budi', 'Priya', 'Ana', 'Zoe']);
  });

  it('keeps raised hands in the order they were raised; raising again keeps the place; leaving lowers it', () => {
    const room = new LiveRoom('o-1');
    for (const [id, name] of [
      ['u1', 'A'],
      ['u2', 'B'],
      ['u3', 'C'],
    ] as const)
      room.arrive(person(id, name), id, at(0), stay);
    expect(room.raiseHand('u2', at(1))).not.toBeNull();
    expect(room.raiseHand('u1', at(2))).not.toBeNull();
    expect(room.raiseHand('u3', at(3))).not.toBeNull();
    expect(room.raiseHand('u2', at(4))).toBeNull();
    expect(room.handQueue().map((h) => h.user.id)).toEqual(['u2', 'u1', 'u3']);
    expect(room.nextHand()?.user.id).toBe('u2');
    room.endStay('u1');
    expect(room.handQueue().map((h) => h.user.id)).toEqual(['u3']);
    expect(room.raiseHand('u-absent', at(5))).toBeNull();
  });

  it('orders the queue the same on every instance, whichever hand each heard of first', () => {
    const hand = (id: string, second: number) => ({ user: { id, name: id }, city: null, raisedAt: at(second).toISOString() });
    const tokyo = new LiveRoom('o-1');
    const jakarta = new LiveRoom('o-1');
    for (const h of [hand('u1', 2), hand('u2', 1), hand('u3', 2)]) tokyo.addHand(h);
    for (const h of [hand('u3', 2), hand('u1', 2), hand('u2', 1)]) jakarta.addHand(h);
    expect(tokyo.handQueue().map((h) => h.user.id)).toEqual(['u2', 'u1', 'u3']);
    expect(jakarta.handQueue().map((h) => h.user.id)).toEqual(['u2', 'u1', 'u3']);
    expect(jakarta.nextHand()?.user.id).toBe('u2');
  });
});

describe('PollTally', () => {
  const header = (kind: 'single' | 'multiple'): PollHeader => ({
    id: 'p1',
    occurrenceId: 'o-1',
    question: 'Which day?',
    kind,
    status: 'open',
    openedBy: { id: 'h', name: 'Host' },
    openedAt: at(0).toISOString(),
    closedAt: null,
  });
  const options = [
    { id: 'a', position: 0, label: 'Monday' },
    { id: 'b', position: 1, label: 'Tuesday' },
    { id: 'c', position: 2, label: 'Friday' },
  ];
  const votes = (t: PollTally) => Object.fromEntries(t.view().options.map((o) => [o.id, o.votes]));

  it('counts one ballot per person and replaces it when they vote again', () => {
    const tally = new PollTally(header('single'), options);
    tally.apply('u1', ['a']);
    tally.apply('u2', ['a']);
    tally.apply('u1', ['b']);
    expect(votes(tally)).toEqual({ a: 1, b: 1, c: 0 });
    expect(tally.voterCount).toBe(2);
    expect(tally.view('u1').myOptionIds).toEqual(['b']);
    expect(tally.view().myOptionIds).toBeUndefined();
  });

  it('counts every option of a multiple-choice ballot, and the voter once', () => {
    const tally = new PollTally(header('multiple'), options, [['u1', ['a', 'c']]]);
    tally.apply('u2', ['c']);
    expect(votes(tally)).toEqual({ a: 1, b: 0, c: 2 });
    expect(tally.voterCount).toBe(2);
  });

  it('refuses several options on a single-choice poll, unknown options and votes on a closed poll', () => {
    const tally = new PollTally(header('single'), options);
    expect(tally.check(['a', 'b'])).toBe('too_many_options');
    expect(tally.check(['zzz'])).toBe('unknown_option');
    expect(tally.check([])).toBe('unknown_option');
    expect(tally.check(['a'])).toBeNull();
    tally.header = { ...tally.header, status: 'closed', closedAt: at(9).toISOString() };
    expect(tally.check(['a'])).toBe('poll_closed');
  });
});

describe('minutesPresent', () => {
  it('adds separate stays and counts overlapping ones once', () => {
    expect(
      minutesPresent(
        [
          { joinedAt: at(0), leftAt: at(10) },
          { joinedAt: at(20), leftAt: at(25) },
        ],
        at(59),
      ),
    ).toBe(15);
    expect(
      minutesPresent(
        [
          { joinedAt: at(0), leftAt: at(10) },
          { joinedAt: at(5), leftAt: at(12) },
        ],
        at(59),
      ),
    ).toBe(12);
  });

  it('counts an open stay up to now', () => {
    expect(minutesPresent([{ joinedAt: at(0), leftAt: null }], at(30))).toBe(30);
  });
});
