import { presentUsers } from './presence-list';
import { USER_COLORS, userColor } from '@minga/contracts';

const aiko = { id: 'a', name: 'Aiko Tanaka', color: '#1f4e8c' };
const ben = { id: 'b', name: 'Ben Ortiz', color: '#8a3b12' };

describe('presentUsers', () => {
  it('lists each person once, oneself first, then by name, and skips clients without a user', () => {
    const states = new Map<number, Record<string, unknown>>([
      [1, { user: ben }],
      [2, { user: aiko }],
      [3, { user: ben }],
      [4, {}],
    ]);

    expect(presentUsers(states, 3)).toEqual([
      { ...ben, self: true },
      { ...aiko, self: false },
    ]);
  });
});

describe('userColor', () => {
  it('gives a person the same colour every time, from the readable palette', () => {
    expect(userColor('11111111-1111-4111-8111-111111111111')).toBe(userColor('11111111-1111-4111-8111-111111111111'));
    expect(USER_COLORS).toContain(userColor('22222222-2222-4222-8222-222222222222'));
  });

  it('spreads people over the palette', () => {
    const colors = new Set(Array.from({ length: 50 }, (_, i) => userColor(`user-${i}`)));
    expect(colors.size).toBeGreaterThan(5);
  });
});
