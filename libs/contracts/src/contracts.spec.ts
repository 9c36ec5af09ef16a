import { createInvitationSchema } from './invitations';
import { roleGrantSchema } from './roles';
import { isKnownTimeZone } from './common';
import { updateCitySchema, createCitySchema } from './cities';
import { signUpSchema } from './auth';
import { workingHoursSchema } from './users';

const HUB = '7d9f1c7e-3a52-4a7e-9e2a-0f4f2b1c9a11';
const CITY = '5b1e2c3d-4f56-4a78-9b0c-1d2e3f4a5b6c';

describe('role grants', () => {
  it.each([
    [{ role: 'admin' }, true],
    [{ role: 'observer' }, true],
    [{ role: 'observer', hubId: HUB }, true],
    [{ role: 'coordinator', hubId: HUB }, true],
    [{ role: 'coordinator' }, false],
    [{ role: 'expert', hubId: HUB, cityId: CITY }, false],
    [{ role: 'official', cityId: CITY }, true],
    [{ role: 'official', hubId: HUB }, false],
    [{ role: 'admin', hubId: HUB }, false],
    [{ role: 'mayor', hubId: HUB }, false],
  ])('%j is valid: %s', (grant, valid) => {
    expect(roleGrantSchema.safeParse(grant).success).toBe(valid);
  });

  it('names the field that is wrong', () => {
    const result = createInvitationSchema.safeParse({ email: 'x@example.org', role: 'official' });
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((i) => i.path.join('.'))).toEqual(['cityId']);
  });

  it('normalises the invited email', () => {
    expect(createInvitationSchema.parse({ email: '  Ana@Example.ORG ', role: 'admin' }).email).toBe('ana@example.org');
  });
});

describe('time zones', () => {
  it.each(['Asia/Kolkata', 'America/Mexico_City', 'Asia/Jakarta', 'UTC'])('accepts %s', (zone) => {
    expect(isKnownTimeZone(zone)).toBe(true);
  });
  it.each(['Mars/Olympus', 'GMT+5', '+05:30', 'Tokyo', ''])('rejects %s', (zone) => {
    expect(isKnownTimeZone(zone)).toBe(false);
  });
});

describe('working hours', () => {
  it('rejects an end before the start and repeated days', () => {
    const result = workingHoursSchema.safeParse({ start: '18:00', end: '09:00', days: [1, 1] });
    expect(result.error?.issues.map((i) => i.path.join('.')).sort()).toEqual(['days', 'end']);
  });
});

describe('cities', () => {
  it('creates with unknown facts as null, but an update that omits a fact leaves it out', () => {
    const created = createCitySchema.parse({ hubId: null, name: 'Kaga', country: 'JP', timeZone: 'Asia/Tokyo', locale: 'ja-JP' });
    expect(created.population).toBeNull();
    expect(updateCitySchema.parse({ population: 250000 })).toEqual({ population: 250000 });
  });

  it('refuses unknown fields', () => {
    expect(updateCitySchema.safeParse({ mayor: 'someone' }).success).toBe(false);
  });
});

describe('sign-up', () => {
  it('asks for a password of at least ten characters', () => {
    const result = signUpSchema.safeParse({ invitationToken: 'x'.repeat(43), name: 'Ana', password: 'short' });
    expect(result.error?.issues[0]?.path).toEqual(['password']);
  });
});
