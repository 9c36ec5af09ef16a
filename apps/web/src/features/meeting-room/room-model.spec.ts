import { groupPresence, roomPhaseAt, tallyRows } from './room-model';
import { MEXICO_CITY, TOKYO, person } from '../../testing/meeting-room-fixtures';

describe('groupPresence', () => {
  it('groups people by city, cities by name, with people of no city (hub and alliance) last', () => {
    const coordinator = person('Japan Coordinator', { memberRole: 'coordinator' });
    const tokyo = person('Tokyo Official', { city: TOKYO });
    const mexico = person('Mexico City Official', { city: MEXICO_CITY });
    const groups = groupPresence([coordinator, tokyo, mexico]);
    expect(groups.map((group) => group.city?.name ?? null)).toEqual(['Mexico City', 'Tokyo', null]);
    expect(groups[2]?.people).toEqual([coordinator]);
  });

  it('orders each city by role (officials first) and then by name, and lists each person once', () => {
    const expert = person('Ana Expert', { memberRole: 'expert', city: TOKYO });
    const zed = person('Zed Official', { city: TOKYO });
    const amy = person('Amy Official', { city: TOKYO });
    const [group] = groupPresence([expert, zed, amy, { ...amy }]);
    expect(group?.people.map((entry) => entry.user.name)).toEqual(['Amy Official', 'Zed Official', 'Ana Expert']);
  });
});

describe('tallyRows', () => {
  it('gives each option its share of the voters and marks every leading option', () => {
    const rows = tallyRows(
      [
        { id: 'a', position: 0, label: 'A', votes: 2 },
        { id: 'b', position: 1, label: 'B', votes: 2 },
        { id: 'c', position: 2, label: 'C', votes: 0 },
      ],
      4,
    );
    expect(rows.map((row) => [row.share, row.leading])).toEqual([
      [0.5, true],
      [0.5, true],
      [0, false],
    ]);
  });

  it('leads with nobody and shares nothing before the first vote', () => {
    const rows = tallyRows([{ id: 'a', position: 0, label: 'A', votes: 0 }], 0);
    expect(rows[0]).toMatchObject({ share: 0, leading: false });
  });
});

describe('roomPhaseAt', () => {
  it('is a lobby before the start, live until the end, then ended', () => {
    const start = '2026-11-24T01:00:00Z';
    const end = '2026-11-24T02:00:00Z';
    expect(roomPhaseAt(start, end, new Date('2026-11-24T00:59:00Z'))).toBe('lobby');
    expect(roomPhaseAt(start, end, new Date('2026-11-24T01:00:00Z'))).toBe('live');
    expect(roomPhaseAt(start, end, new Date('2026-11-24T02:00:00Z'))).toBe('ended');
  });
});
