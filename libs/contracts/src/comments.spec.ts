import { createThreadSchema, mentionedIds, threadQuerySchema } from './comments';
import { markNotificationsReadSchema, updateNotificationPreferencesSchema } from './notifications';

const ANCHOR = { start: 'AQID', end: 'AQIE' };

describe('comment contracts', () => {
  it('reads each mentioned person once from @[Name](id) tokens', () => {
    const id = '5b1e2c3d-4f56-4a78-9b0c-1d2e3f4a5b6c';
    expect(mentionedIds(`@[Ana](${id}) and again @[Ana R.](${id.toUpperCase()}), not @Ana or @[x](123)`)).toEqual([id]);
  });

  it.each([
    [{ body: 'On the whole draft' }, true],
    [{ body: 'On these words', anchor: ANCHOR, quote: 'these words' }, true],
    [{ body: '   ' }, false],
    [{ body: 'x'.repeat(10_001) }, false],
    [{ kind: 'suggestion', body: 'Better', anchor: ANCHOR, replacement: 'better words' }, true],
    [{ kind: 'suggestion', body: 'Better', replacement: 'better words' }, false],
    [{ kind: 'suggestion', body: 'Better', anchor: ANCHOR }, false],
    [{ kind: 'suggestion', body: 'Better', anchor: ANCHOR, replacement: 'two\nparagraphs' }, false],
    [{ body: 'A comment', replacement: 'not for comments' }, false],
    [{ body: 'Bad anchor', anchor: { start: 'not base64!', end: 'AQID' } }, false],
  ])('%j is a valid new thread: %s', (input, valid) => {
    expect(createThreadSchema.safeParse(input).success).toBe(valid);
  });

  it('parses the thread filters from query strings', () => {
    expect(threadQuerySchema.parse({ status: 'open', mine: 'true', mentioningMe: 'false' })).toMatchObject({
      status: 'open',
      mine: true,
      mentioningMe: false,
      limit: 50,
    });
  });

  it('marks some notifications or all, never an empty or mixed request', () => {
    expect(markNotificationsReadSchema.safeParse({ all: true }).success).toBe(true);
    expect(markNotificationsReadSchema.safeParse({ ids: [] }).success).toBe(false);
    expect(markNotificationsReadSchema.safeParse({ all: true, ids: ['5b1e2c3d-4f56-4a78-9b0c-1d2e3f4a5b6c'] }).success).toBe(false);
  });

  it('accepts preferences for some kinds and refuses unknown kinds', () => {
    expect(updateNotificationPreferencesSchema.safeParse({ preferences: { mention: { inApp: true, email: 'off' } } }).success).toBe(true);
    expect(updateNotificationPreferencesSchema.safeParse({ preferences: { everything: { inApp: true, email: 'off' } } }).success).toBe(
      false,
    );
  });
});
