// Hostile socket.io arguments for the socket fuzz: wrongly typed, malformed, truncated and oversized values, and
// y-protocols messages corrupted from valid ones, each classified by Yjs itself (not by the server's own checks) so a
// test can say what the server must do with it.
import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import * as awarenessProtocol from 'y-protocols/awareness';
import * as syncProtocol from 'y-protocols/sync';
import * as Y from 'yjs';
import { Y_MESSAGE_AWARENESS, Y_MESSAGE_SYNC } from '@minga/contracts';
import { DOC_FRAGMENT } from '@minga/editor';
import { halfValidUpdate } from './forged-updates';
import { firstItems, itemAt } from './item-at';

/** Strings PostgreSQL, JSON or a careless parser choke on. */
const NASTY_STRINGS = [
  '',
  ' ',
  '\u0000',
  'a\u0000b',
  '\ud800',
  'x\udfffy',
  '\uffff',
  '\u202e',
  '__proto__',
  'constructor',
  'prototype',
  'toString',
  'hasOwnProperty',
  'null',
  'undefined',
  'NaN',
  '[object Object]',
  '{}',
  '[]',
  '0',
  '-1',
  '1e400',
  '../../etc/passwd',
  '%00',
  '%s%s%s',
  '${jndi:x}',
  '<script>alert(1)</script>',
  "' OR 1=1 --",
  'SELECT pg_sleep(10)',
  '\r\n\r\n',
  '🏳️‍🌈',
];

export interface HostileOptions {
  /** Strings and buffers of up to this many bytes are generated now and then (above the server's message limit: the connection closes). */
  hugeBytes: number;
}

/** A string: arbitrary unicode, nasty constants, and now and then a very long one. */
function hostileString(options: HostileOptions): fc.Arbitrary<string> {
  return fc.oneof(
    { weight: 4, arbitrary: fc.string({ maxLength: 40 }) },
    { weight: 2, arbitrary: fc.string({ unit: 'binary', maxLength: 40 }) },
    { weight: 4, arbitrary: fc.constantFrom(...NASTY_STRINGS) },
    { weight: 1, arbitrary: fc.integer({ min: 1000, max: options.hugeBytes }).map((n) => 'x'.repeat(n)) },
    { weight: 1, arbitrary: fc.integer({ min: 1, max: 2000 }).map((n) => '\ud800'.repeat(n)) },
  );
}

/** Binary the server receives as a Buffer: random bytes, empty, and now and then a very large block. */
function hostileBinary(options: HostileOptions): fc.Arbitrary<Buffer> {
  return fc.oneof(
    { weight: 6, arbitrary: fc.uint8Array({ maxLength: 64 }).map((a) => Buffer.from(a)) },
    { weight: 1, arbitrary: fc.constant(Buffer.alloc(0)) },
    { weight: 1, arbitrary: fc.integer({ min: 1000, max: options.hugeBytes }).map((n) => Buffer.alloc(n, 0x80)) },
  );
}

/** An object whose own keys include `__proto__` (a literal would set the prototype instead). */
export function protoObject(inner: unknown): Record<string, unknown> {
  const object = JSON.parse('{"__proto__": null}') as Record<string, unknown>;
  Object.defineProperty(object, '__proto__', { value: inner, enumerable: true, configurable: true, writable: true });
  return object;
}

/** `depth` nested arrays around a value: deep recursion for decoders and validators. */
function nested(depth: number, kind: 'array' | 'object'): unknown {
  let value: unknown = 1;
  for (let i = 0; i < depth; i++) value = kind === 'array' ? [value] : { a: value };
  return value;
}

/** Any value a socket.io argument can carry (never a function): scalars, strings, binary, nested and odd objects. */
export function hostileValue(options: HostileOptions): fc.Arbitrary<unknown> {
  const scalar = fc.oneof(
    fc.constantFrom<unknown>(null, undefined, true, false, 0, -0, -1, 1, NaN, Infinity, -Infinity, 2 ** 53 + 2, -(2 ** 63), 1e308, 5e-324),
    fc.integer(),
    fc.double(),
    hostileString(options),
    hostileBinary(options),
  );
  const { value } = fc.letrec<{ value: unknown }>((tie) => ({
    value: fc.oneof(
      { depthSize: 'small', withCrossShrink: true },
      { weight: 5, arbitrary: scalar },
      { weight: 1, arbitrary: fc.array(tie('value'), { maxLength: 5 }) },
      {
        weight: 1,
        arbitrary: fc.dictionary(fc.oneof(fc.string({ maxLength: 12 }), fc.constantFrom(...NASTY_STRINGS)), tie('value'), { maxKeys: 5 }),
      },
      { weight: 1, arbitrary: tie('value').map(protoObject) },
      {
        weight: 1,
        arbitrary: fc
          .tuple(fc.integer({ min: 10, max: 1000 }), fc.constantFrom<'array' | 'object'>('array', 'object'))
          .map(([d, k]) => nested(d, k)),
      },
    ),
  }));
  return value;
}

/** Document names that look like ones (another id, another case, a stray character) and many that do not. */
export function docNameLike(target: string, options: HostileOptions): fc.Arbitrary<unknown> {
  const [prefix, id] = firstItems(target.split(':'), 2);
  return fc.oneof(
    hostileValue(options),
    fc.uuid().map((u) => `${prefix}:${u}`),
    fc.uuid().map((u) => `meeting-notes:${u}`),
    fc.uuid().map((u) => `unknown-kind:${u}`),
    fc.constantFrom(
      target.toUpperCase(),
      `${target} `,
      ` ${target}`,
      `${target}\u0000`,
      `${prefix}:${id.slice(0, -1)}`,
      `${prefix}:${id}0`,
      `${prefix}::${id}`,
      `${prefix}:${id.replace(/-/g, '')}`,
      `${prefix}${id}`,
      `:${id}`,
      `${prefix}:`,
      ':',
      id,
      `${prefix}:${'-'.repeat(36)}`,
      `${prefix}:${'0'.repeat(36)}`,
    ),
  );
}

// ---------------------------------------------------------------------------------------------------------------
// y-protocols messages

export function frameSync(syncType: number, payload: Uint8Array): Buffer {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, Y_MESSAGE_SYNC);
  encoding.writeVarUint(encoder, syncType);
  encoding.writeVarUint8Array(encoder, payload);
  return Buffer.from(encoding.toUint8Array(encoder));
}

function frameAwareness(update: Uint8Array): Buffer {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, Y_MESSAGE_AWARENESS);
  encoding.writeVarUint8Array(encoder, update);
  return Buffer.from(encoding.toUint8Array(encoder));
}

/** An awareness update as y-protocols encodes it: count, then per client its id, clock and JSON state. */
function awarenessUpdate(entries: { clientId: number; clock: number; state: string }[]): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, entries.length);
  for (const entry of entries) {
    encoding.writeVarUint(encoder, entry.clientId);
    encoding.writeVarUint(encoder, entry.clock);
    encoding.writeVarString(encoder, entry.state);
  }
  return encoding.toUint8Array(encoder);
}

/** What Yjs (not the server) makes of a y-protocols message against a document as it is now. */
export type YVerdict =
  /** Framing is broken: unknown type, truncated, trailing bytes. */
  | 'malformed'
  /** A sync step 1 whose state vector decodes: a legitimate request, answered with a sync step 2. */
  | 'step1'
  /** A sync step 1 whose state vector does not decode. */
  | 'step1-malformed'
  /** An update Yjs cannot decode. */
  | 'update-undecodable'
  /** An update that decodes but carries nothing. */
  | 'update-empty'
  /** An update Yjs throws on, or integrates only in part (leaving changes pending): it must be refused whole. */
  | 'update-broken'
  /** An update Yjs applies completely without changing the document (it has all of it already). */
  | 'update-noop'
  /** An update Yjs applies completely and that changes the document: a legitimate edit, never sent by the fuzz. */
  | 'update-valid'
  | 'awareness';

/** Classifies a message against `state` (the document's whole state as an update), by applying it to a copy. */
export function yVerdict(message: Uint8Array, state: Uint8Array): YVerdict {
  let type: number;
  let syncType = -1;
  let payload: Uint8Array;
  try {
    const decoder = decoding.createDecoder(message);
    type = decoding.readVarUint(decoder);
    if (type === Y_MESSAGE_SYNC) {
      syncType = decoding.readVarUint(decoder);
      payload = decoding.readVarUint8Array(decoder);
    } else if (type === Y_MESSAGE_AWARENESS) {
      payload = decoding.readVarUint8Array(decoder);
    } else {
      return 'malformed';
    }
    if (decoding.hasContent(decoder)) return 'malformed';
  } catch {
    return 'malformed';
  }
  if (type === Y_MESSAGE_AWARENESS) return 'awareness';
  if (syncType === syncProtocol.messageYjsSyncStep1) {
    try {
      Y.decodeStateVector(payload);
      return 'step1';
    } catch {
      return 'step1-malformed';
    }
  }
  if (syncType !== syncProtocol.messageYjsSyncStep2 && syncType !== syncProtocol.messageYjsUpdate) return 'malformed';
  let decoded;
  try {
    decoded = Y.decodeUpdate(payload);
  } catch {
    return 'update-undecodable';
  }
  if (decoded.structs.length === 0 && decoded.ds.clients.size === 0) return 'update-empty';
  const copy = new Y.Doc();
  try {
    Y.applyUpdate(copy, state);
    const before = Y.encodeStateAsUpdate(copy);
    try {
      Y.applyUpdate(copy, payload);
    } catch {
      return 'update-broken';
    }
    if (copy.store.pendingStructs || copy.store.pendingDs) return 'update-broken';
    return Buffer.compare(Buffer.from(before), Buffer.from(Y.encodeStateAsUpdate(copy))) === 0 ? 'update-noop' : 'update-valid';
  } finally {
    copy.destroy();
  }
}

/** Valid messages against a document (its whole state as an update), as starting points for corruption. */
function validMessages(state: Uint8Array, text: string): Buffer[] {
  const fork = new Y.Doc();
  Y.applyUpdate(fork, state);
  const before = Y.encodeStateVector(fork);
  const paragraph = new Y.XmlElement('paragraph');
  paragraph.insert(0, [new Y.XmlText(text)]);
  const fragment = fork.getXmlFragment(DOC_FRAGMENT);
  fragment.insert(fragment.length, [paragraph]);
  const insert = Y.encodeStateAsUpdate(fork, before);
  const afterInsert = Y.encodeStateVector(fork);
  if (fragment.length > 1) fragment.delete(0, 1);
  const deletion = Y.encodeStateAsUpdate(fork, afterInsert);
  const awareness = new awarenessProtocol.Awareness(fork);
  awareness.setLocalState({ cursor: { anchor: 1, head: 2 }, user: { name: text } });
  const presence = awarenessProtocol.encodeAwarenessUpdate(awareness, [fork.clientID]);
  awareness.destroy();
  fork.destroy();
  return [
    frameSync(syncProtocol.messageYjsUpdate, insert),
    frameSync(syncProtocol.messageYjsSyncStep2, insert),
    frameSync(syncProtocol.messageYjsUpdate, deletion),
    frameSync(syncProtocol.messageYjsUpdate, halfValidUpdate(text)),
    frameSync(syncProtocol.messageYjsSyncStep1, before),
    frameAwareness(presence),
  ];
}

type Corruption = (bytes: Buffer) => Buffer;

/** Byte-level damage: truncation, flipped bits, inserted, removed or duplicated bytes, junk appended. */
function corruption(): fc.Arbitrary<Corruption> {
  const at = fc.nat();
  return fc.oneof(
    at.map(
      (n): Corruption =>
        (b) =>
          b.subarray(0, b.length === 0 ? 0 : n % b.length),
    ),
    fc.tuple(at, fc.integer({ min: 1, max: 255 })).map(([n, mask]): Corruption => (b) => {
      const c = Buffer.from(b);
      const i = n % c.length;
      if (c.length) c[i] = (c[i] ?? 0) ^ mask;
      return c;
    }),
    fc.tuple(at, fc.uint8Array({ minLength: 1, maxLength: 8 })).map(([n, bytes]): Corruption => (b) => {
      const i = b.length ? n % b.length : 0;
      return Buffer.concat([b.subarray(0, i), bytes, b.subarray(i)]);
    }),
    fc.tuple(at, fc.integer({ min: 1, max: 16 })).map(([n, len]): Corruption => (b) => {
      const i = b.length ? n % b.length : 0;
      return Buffer.concat([b.subarray(0, i), b.subarray(i + len)]);
    }),
    fc.tuple(at, at).map(([n, m]): Corruption => (b) => {
      if (!b.length) return b;
      const i = n % b.length;
      const j = i + (m % (b.length - i));
      return Buffer.concat([b.subarray(0, j), b.subarray(i, j), b.subarray(j)]);
    }),
    fc.uint8Array({ minLength: 1, maxLength: 8 }).map(
      (bytes): Corruption =>
        (b) =>
          Buffer.concat([b, bytes]),
    ),
  );
}

/** Damage to the Yjs update inside a message whose framing stays intact, so Yjs's decoder gets the damaged bytes. */
function innerCorruption(): fc.Arbitrary<Corruption> {
  return corruption().map((damage): Corruption => (message) => {
    try {
      const decoder = decoding.createDecoder(message);
      const type = decoding.readVarUint(decoder);
      if (type !== Y_MESSAGE_SYNC) return frameAwareness(damage(Buffer.from(decoding.readVarUint8Array(decoder))));
      const syncType = decoding.readVarUint(decoder);
      return frameSync(syncType, damage(Buffer.from(decoding.readVarUint8Array(decoder))));
    } catch {
      return damage(message);
    }
  });
}

/** Raw y-protocols bytes that are not a message: unknown types, lone prefixes, length prefixes that lie. */
function junkMessages(): fc.Arbitrary<Buffer> {
  return fc.oneof(
    fc.uint8Array({ maxLength: 48 }).map((a) => Buffer.from(a)),
    fc.tuple(fc.integer({ min: 2, max: 2 ** 31 }), fc.uint8Array({ maxLength: 16 })).map(([type, rest]) => {
      const encoder = encoding.createEncoder();
      encoding.writeVarUint(encoder, type);
      encoding.writeUint8Array(encoder, rest);
      return Buffer.from(encoding.toUint8Array(encoder));
    }),
    fc.tuple(fc.integer({ min: 3, max: 1000 }), fc.uint8Array({ maxLength: 16 })).map(([syncType, rest]) => frameSync(syncType, rest)),
    fc
      .tuple(fc.constantFrom(0, 1, 2), fc.integer({ min: 1, max: 2 ** 31 }), fc.uint8Array({ maxLength: 8 }))
      .map(([syncType, claimed, rest]) => {
        const encoder = encoding.createEncoder();
        encoding.writeVarUint(encoder, Y_MESSAGE_SYNC);
        encoding.writeVarUint(encoder, syncType);
        encoding.writeVarUint(encoder, claimed);
        encoding.writeUint8Array(encoder, rest);
        return Buffer.from(encoding.toUint8Array(encoder));
      }),
    fc.constantFrom(
      Buffer.from([0]),
      Buffer.from([1]),
      Buffer.from([0, 0]),
      Buffer.from([0, 1]),
      Buffer.from([0, 2]),
      Buffer.from([0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff]),
    ),
  );
}

/** Presence updates: foreign client ids, states that are not objects, lying lengths, huge states. */
function presenceMessages(ownedByOthers: number[]): fc.Arbitrary<Buffer> {
  const clientId = ownedByOthers.length ? fc.oneof(fc.constantFrom(...ownedByOthers), fc.nat()) : fc.nat();
  const state = fc.oneof(
    fc.constantFrom(
      'null',
      '1',
      '"x"',
      '[]',
      '[1,2]',
      'true',
      '{',
      '',
      '{"user":{"id":"someone-else","name":"Mallory"}}',
      '{"__proto__":{"polluted":1}}',
    ),
    fc.json({ maxDepth: 3 }),
    fc.integer({ min: 4000, max: 20_000 }).map((n) => JSON.stringify({ pad: 'x'.repeat(n) })),
  );
  return fc
    .array(fc.record({ clientId, clock: fc.nat(), state }), { minLength: 0, maxLength: 6 })
    .map((entries) => frameAwareness(awarenessUpdate(entries)));
}

/** Updates Yjs applies but the editor has no place for (another root type, an unknown node): refused by policy. */
function foreignShapeMessage(): fc.Arbitrary<Buffer> {
  return fc.tuple(fc.constantFrom('map', 'text', 'script', 'array'), fc.string({ maxLength: 20 })).map(([kind, text]) => {
    const doc = new Y.Doc();
    if (kind === 'map') doc.getMap(`evil${text.length}`).set('payload', text);
    else if (kind === 'text') doc.getText('evil').insert(0, text || 'x');
    else if (kind === 'array') doc.getArray('evil').insert(0, [text]);
    else doc.getXmlFragment(DOC_FRAGMENT).insert(0, [new Y.XmlElement('script')]);
    const update = Y.encodeStateAsUpdate(doc);
    doc.destroy();
    return frameSync(syncProtocol.messageYjsUpdate, update);
  });
}

/**
 * Updates that decode but cannot integrate into the document: half valid (a reference to a change of its own writer
 * that does not exist), continuing changes the document never had, deleting text it does not have.
 */
function brokenUpdateMessage(state: () => Uint8Array): fc.Arbitrary<Buffer> {
  return fc
    .tuple(fc.string({ minLength: 1, maxLength: 20 }), fc.constantFrom('half', 'gap', 'delete-missing'), fc.boolean())
    .map(([text, kind, step2]) => {
      const syncType = step2 ? syncProtocol.messageYjsSyncStep2 : syncProtocol.messageYjsUpdate;
      if (kind === 'half') return frameSync(syncType, halfValidUpdate(text));
      const fork = new Y.Doc();
      Y.applyUpdate(fork, state());
      const fragment = fork.getXmlFragment(DOC_FRAGMENT);
      const paragraph = () => {
        const element = new Y.XmlElement('paragraph');
        element.insert(0, [new Y.XmlText(text)]);
        return element;
      };
      fragment.insert(fragment.length, [paragraph()]);
      const missing = Y.encodeStateVector(fork);
      if (kind === 'gap') fragment.insert(fragment.length, [paragraph()]);
      else fragment.delete(fragment.length - 1, 1);
      const update = Y.encodeStateAsUpdate(fork, missing);
      fork.destroy();
      return frameSync(syncType, update);
    });
}

/**
 * y-protocols messages for a document whose state is `state()`: corrupted valid messages, inner corruptions,
 * junk, presence abuse and foreign shapes. Edits Yjs would apply in full are left out: the fuzz only sends what the
 * server must not let change the document.
 */
export function hostileYMessages(
  state: () => Uint8Array,
  ownedByOthers: number[],
): fc.Arbitrary<{ bytes: Buffer; verdict: YVerdict | 'foreign-shape' }> {
  const valid = fc.tuple(fc.string({ minLength: 1, maxLength: 30 }), fc.nat()).map(([text, pick]) => {
    const messages = validMessages(state(), text || randomUUID());
    return itemAt(messages, pick % messages.length);
  });
  const corrupted = fc
    .tuple(valid, fc.oneof(corruption(), innerCorruption()), fc.array(fc.oneof(corruption(), innerCorruption()), { maxLength: 2 }))
    .map(([message, first, more]) => more.reduce((bytes, damage) => damage(bytes), first(message)));
  return fc
    .oneof(
      { weight: 6, arbitrary: corrupted.map((bytes) => ({ bytes, verdict: yVerdict(bytes, state()) as YVerdict | 'foreign-shape' })) },
      { weight: 2, arbitrary: junkMessages().map((bytes) => ({ bytes, verdict: yVerdict(bytes, state()) as YVerdict | 'foreign-shape' })) },
      { weight: 2, arbitrary: presenceMessages(ownedByOthers).map((bytes) => ({ bytes, verdict: 'awareness' as const })) },
      { weight: 1, arbitrary: foreignShapeMessage().map((bytes) => ({ bytes, verdict: 'foreign-shape' as const })) },
      {
        weight: 2,
        arbitrary: brokenUpdateMessage(state).map((bytes) => ({ bytes, verdict: yVerdict(bytes, state()) as YVerdict | 'foreign-shape' })),
      },
      // Replays of what the document already has: Yjs ignores them; no one needs to receive them again.
      {
        weight: 1,
        arbitrary: fc.constantFrom(syncProtocol.messageYjsUpdate, syncProtocol.messageYjsSyncStep2).map((syncType) => {
          const bytes = frameSync(syncType, state());
          return { bytes, verdict: yVerdict(bytes, state()) as YVerdict | 'foreign-shape' };
        }),
      },
      // Valid messages are kept when harmless: a sync step 1 (answered), presence; never an edit.
      { weight: 1, arbitrary: valid.map((bytes) => ({ bytes, verdict: yVerdict(bytes, state()) as YVerdict | 'foreign-shape' })) },
    )
    .filter(({ verdict }) => verdict !== 'update-valid');
}
