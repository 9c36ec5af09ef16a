// fast-check arbitraries of hostile requests, shaped by the API's own OpenAPI document.
import { randomBytes } from 'node:crypto';
import fc from 'fast-check';
import { itemAt } from './item-at';

export const METHODS = ['get', 'put', 'post', 'delete', 'patch'] as const;
export type Method = (typeof METHODS)[number];

export interface JsonSchema {
  $ref?: string;
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  items?: JsonSchema;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  enum?: unknown[];
  const?: unknown;
  format?: string;
  pattern?: string;
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  minItems?: number;
  maxItems?: number;
}

interface Parameter {
  name: string;
  in: 'path' | 'query' | 'header' | 'cookie';
  schema?: JsonSchema;
}

interface OperationObject {
  parameters?: Parameter[];
  requestBody?: { content: Record<string, { schema?: JsonSchema }> };
}

export interface OpenApiDoc {
  paths: Record<string, Partial<Record<Method, OperationObject>>>;
  components?: { schemas?: Record<string, JsonSchema> };
}

export interface Operation {
  method: Method;
  /** The templated path, e.g. /api/milestones/{id}. */
  path: string;
  parameters: Parameter[];
  body: JsonSchema | null;
}

/** A request to send: the path with its parameters filled in, the raw query string, and a JSON body (or none). */
export interface HostileRequest {
  url: string;
  body?: unknown;
}

export function operationsOf(doc: OpenApiDoc): Operation[] {
  return Object.entries(doc.paths).flatMap(([path, item]) =>
    METHODS.filter((method) => item[method]).map((method) => {
      const op = item[method] as OperationObject;
      return { method, path, parameters: op.parameters ?? [], body: op.requestBody?.content['application/json']?.schema ?? null };
    }),
  );
}

/** Strings PostgreSQL cannot store, strings too long for any column, and strings that look like other things. */
const HOSTILE_STRINGS = [
  '',
  ' ',
  'a\u0000b',
  '\u0000',
  '\ud800',
  'x\udfffy',
  'end\ud83d',
  '👩‍👩‍👧 ok',
  'x'.repeat(100_000),
  'ÿ'.repeat(5_000),
  "'; DROP TABLE users; --",
  '%00',
  '\\u0000',
  '0000-01-01',
  '9999-12-31T23:59:59Z',
  'NaN',
  '-1',
];
const DATES = ['0000-01-01', '0001-01-01', '0999-12-31', '1000-01-01', '1969-12-31', '2028-02-29', '2026-06-15', '9999-12-31'];
const INSTANTS = [
  '0000-01-01T00:00:00Z',
  '0999-12-31T23:59:59Z',
  '1000-01-01T00:00:00+01:00',
  '1970-01-01T00:00:00Z',
  '2026-06-15T10:00:00Z',
  '2026-06-15T10:00:00.123456789+05:45',
  '9999-12-31T23:59:59Z',
  '9999-12-31T23:59:59-12:00',
];
const LOCAL_DATE_TIMES = ['0000-01-01T00:00', '0100-01-01T10:00', '2026-03-29T02:30', '2026-06-15T10:00', '9999-12-31T23:00'];
const FUZZ_RUN = randomBytes(4).toString('hex');
/** Plausible values for fields whose name says more than their schema (a time zone is a string of up to 64 characters). */
const BY_FIELD_NAME: Record<string, string[]> = {
  timeZone: ['UTC', 'America/Mexico_City', 'Asia/Tokyo', 'Pacific/Chatham', 'Mars/Olympus'],
  locale: ['es-MX', 'ja-JP', 'en', 'not a locale'],
  language: ['es', 'ja', 'en'],
  languages: ['es', 'ja', 'en'],
  timeZones: ['UTC', 'Asia/Tokyo', 'America/Mexico_City'],
  country: ['MX', 'JP', 'ZZ'],
  // Unique to the run: failed sign-ins lock an email for every test sharing the database.
  email: [`fuzz-${FUZZ_RUN}@example.test`, `FUZZ-${FUZZ_RUN}@EXAMPLE.TEST`, 'no-at-sign'],
  rrule: [
    'FREQ=WEEKLY;COUNT=3',
    'FREQ=DAILY;INTERVAL=2;COUNT=100',
    'FREQ=MONTHLY;UNTIL=99991231T000000Z',
    'FREQ=YEARLY;COUNT=100',
    'RRULE:FREQ=WEEKLY;BYDAY=MO,WE',
  ],
};
const NUMBERS = [0, -0, 1, -1, 0.5, 2 ** 31 - 1, 2 ** 31, -(2 ** 31) - 1, 2 ** 53, 1e15, -1e15, 1e308, -1e308, Number.MIN_VALUE];
const WRONG_TYPES: unknown[] = [null, 0, -1, 1.5, 2 ** 53, 1e308, true, false, [], {}, [null], { a: 1 }, 'text'];

/**
 * Values for one schema: of the right type (with edge values: year 9999, the longest string allowed, 1e308) so
 * that requests get past validation into the services and the database, and in part of the requests also hostile
 * strings and values of the wrong type here and there. `ids` are uuids of real objects, used besides random ones.
 */
export class HostileValues {
  /** The same values without hostile strings or wrong types. */
  private readonly typed: HostileValues;

  constructor(
    private readonly doc: OpenApiDoc,
    private readonly ids: string[],
    private readonly hostile = true,
  ) {
    this.typed = hostile ? new HostileValues(doc, ids, false) : this;
  }

  of(schema: JsonSchema | undefined, depth = 0, fieldName = ''): fc.Arbitrary<unknown> {
    if (!this.hostile) return this.plausible(this.resolve(schema), depth, fieldName);
    // Mostly plausible, so that a request with many fields often has only one or two hostile ones.
    return fc.oneof(
      { weight: 12, arbitrary: this.plausible(this.resolve(schema), depth, fieldName) },
      { weight: 1, arbitrary: fc.constantFrom(...HOSTILE_STRINGS) },
      { weight: 1, arbitrary: fc.constantFrom(...WRONG_TYPES) },
    );
  }

  /**
   * The request for an operation: path parameters (real ids where given), a query string and a body. With a valid
   * `example` body, a third of the requests are that body with one field replaced, so that hostile values reach the
   * service of a route whose body has many interdependent fields.
   */
  request(op: Operation, pathIds: (name: string) => string | null, example?: Record<string, unknown>): fc.Arbitrary<HostileRequest> {
    const generated = [this.requestOf(op, pathIds), this.typed.requestOf(op, pathIds)];
    if (!example || !op.body) return fc.oneof(...generated);
    const properties = this.resolve(op.body).properties ?? {};
    const mutated = fc
      .constantFrom(...Object.keys(properties))
      .chain((field) => this.of(properties[field], 1, field).map((value) => ({ ...example, [field]: value })));
    const path = this.typed.pathOf(op, pathIds);
    return fc.oneof(...generated, fc.record({ url: path, body: mutated }));
  }

  private requestOf(op: Operation, pathIds: (name: string) => string | null): fc.Arbitrary<HostileRequest> {
    const queryParams = op.parameters.filter((p) => p.in === 'query');
    const query = fc.tuple(...queryParams.map((p) => fc.option(this.of(p.schema, 0, p.name), { nil: undefined, freq: 2 }))).map((values) =>
      queryParams
        .flatMap((p, i) => queryPairs(p.name, values[i]))
        .map(([name, value]) => `${encodeComponent(name)}=${encodeComponent(value)}`)
        .join('&'),
    );
    const body = op.body ? this.of(op.body) : fc.constant(undefined);
    return fc
      .record({ path: this.pathOf(op, pathIds), query, body })
      .map(({ path, query: q, body: b }) => ({ url: q ? `${path}?${q}` : path, body: b }));
  }

  private pathOf(op: Operation, pathIds: (name: string) => string | null): fc.Arbitrary<string> {
    const pathParams = op.parameters.filter((p) => p.in === 'path');
    return fc
      .tuple(...pathParams.map((p) => this.pathValue(p, pathIds(p.name))))
      .map((values) => pathParams.reduce((url, p, i) => url.replace(`{${p.name}}`, encodeComponent(itemAt(values, i))), op.path));
  }

  private pathValue(param: Parameter, realId: string | null): fc.Arbitrary<string> {
    const schema = this.resolve(param.schema);
    if (schema.enum) return fc.constantFrom(...(schema.enum as string[]));
    if (param.name === 'token')
      return fc.oneof(fc.base64String({ maxLength: 60 }), fc.constantFrom('a\u0000b', 'x'.repeat(300), '%', '..'));
    return realId ? fc.oneof({ weight: 4, arbitrary: fc.constant(realId) }, { weight: 1, arbitrary: fc.uuid() }) : fc.uuid();
  }

  private resolve(schema: JsonSchema | undefined): JsonSchema {
    if (!schema?.$ref) return schema ?? {};
    const name = schema.$ref.split('/').pop() as string;
    return this.resolve(this.doc.components?.schemas?.[name]);
  }

  private plausible(schema: JsonSchema, depth: number, fieldName: string): fc.Arbitrary<unknown> {
    const alternatives = schema.anyOf ?? schema.oneOf;
    if (alternatives) return fc.oneof(...alternatives.map((s) => this.of(s, depth, fieldName)));
    if ('const' in schema) return fc.constant(schema.const);
    if (schema.enum) return fc.constantFrom(...schema.enum);
    const types = Array.isArray(schema.type) ? schema.type : schema.type ? [schema.type] : [];
    if (!types.length) return fc.constantFrom(...WRONG_TYPES, ...HOSTILE_STRINGS);
    return fc.oneof(...types.map((type) => this.ofType(type, schema, depth, fieldName)));
  }

  private ofType(type: string, schema: JsonSchema, depth: number, fieldName: string): fc.Arbitrary<unknown> {
    switch (type) {
      case 'string':
        return this.string(schema, fieldName);
      case 'integer': {
        const min = Math.max(schema.minimum ?? -1000, -(2 ** 31));
        const max = Math.min(schema.maximum ?? 1000, 2 ** 31 - 1);
        return fc.oneof(fc.integer({ min, max }), fc.constantFrom(...NUMBERS));
      }
      case 'number':
        return fc.oneof(
          fc.double({ min: schema.minimum ?? -1e6, max: schema.maximum ?? 1e6, noNaN: true, noDefaultInfinity: true }),
          fc.constantFrom(...NUMBERS),
        );
      case 'boolean':
        return fc.boolean();
      case 'null':
        return fc.constant(null);
      case 'array':
        // Items of `timeZones` are time zones: they keep the array's name as their hint.
        return fc.array(this.of(schema.items, depth + 1, fieldName), {
          minLength: Math.min(schema.minItems ?? 0, 3),
          maxLength: Math.min(schema.maxItems ?? 3, 3),
        });
      case 'object': {
        if (depth > 4) return fc.constant({});
        const properties = Object.entries(schema.properties ?? {});
        const shape = Object.fromEntries(properties.map(([name, s]) => [name, this.of(s, depth + 1, name)]));
        return fc.record(shape, { requiredKeys: (schema.required ?? []).filter((name) => name in shape) });
      }
      default:
        return fc.constantFrom(...WRONG_TYPES);
    }
  }

  private string(schema: JsonSchema, fieldName: string): fc.Arbitrary<string> {
    const plain = this.plainString(schema, fieldName);
    if (!this.hostile) return plain;
    // A string that is valid but for one NUL or unpaired surrogate somewhere in it: what gets past validation to SQL.
    const poisoned = fc
      .tuple(plain, fc.constantFrom('\u0000', '\ud800', '\udc00'), fc.nat())
      .map(([text, bad, at]) => `${text.slice(0, at % (text.length + 1))}${bad}${text.slice(at % (text.length + 1))}`);
    return fc.oneof({ weight: 4, arbitrary: plain }, { weight: 1, arbitrary: poisoned });
  }

  private plainString(schema: JsonSchema, fieldName: string): fc.Arbitrary<string> {
    const known = BY_FIELD_NAME[fieldName];
    if (known) return fc.oneof({ weight: 5, arbitrary: fc.constantFrom(...known) }, { weight: 1, arbitrary: this.plainString(schema, '') });
    switch (schema.format) {
      case 'uuid':
        return this.ids.length
          ? fc.oneof({ weight: 4, arbitrary: fc.constantFrom(...this.ids) }, { weight: 1, arbitrary: fc.uuid() })
          : fc.uuid();
      case 'date':
        return fc.constantFrom(...DATES);
      case 'date-time':
        return fc.constantFrom(...INSTANTS);
      case 'uri':
        return fc.oneof(
          fc.webUrl({ validSchemes: ['https'] }),
          fc.constantFrom('https://example.org/\u0000', 'http://example.org', 'javascript:alert(1)'),
        );
      default:
        // any other format, or none: by pattern and length below
        break;
    }
    if (schema.pattern?.includes('T([01]')) return fc.constantFrom(...LOCAL_DATE_TIMES);
    const max = schema.maxLength ?? 1000;
    // Now and then exactly as long as allowed, or one character longer.
    const withEdges = (usual: fc.Arbitrary<string>) =>
      fc.oneof({ weight: 8, arbitrary: usual }, { weight: 1, arbitrary: fc.constantFrom('x'.repeat(max), 'x'.repeat(max + 1)) });
    if (schema.pattern) {
      try {
        return withEdges(fc.stringMatching(new RegExp(schema.pattern)));
      } catch {
        // a pattern fast-check cannot generate from: plain strings below
      }
    }
    return withEdges(fc.string({ minLength: schema.minLength ?? 0, maxLength: Math.min(max, 40), unit: 'grapheme' }));
  }
}

/** A query parameter's value as name=value pairs: arrays repeat the name, objects go as JSON. */
function queryPairs(name: string, value: unknown): [string, string][] {
  if (value === undefined) return [];
  if (Array.isArray(value)) return value.map((item) => [name, typeof item === 'string' ? item : JSON.stringify(item)]);
  return [[name, typeof value === 'string' ? value : value === null ? '' : JSON.stringify(value)]];
}

/** Percent-encodes like encodeURIComponent, and a lone surrogate as the three bytes a lax UTF-8 encoder would send. */
function encodeComponent(text: string): string {
  return Array.from(text)
    .map((ch) => {
      try {
        return encodeURIComponent(ch);
      } catch {
        const unit = ch.charCodeAt(0);
        return [0xe0 | (unit >> 12), 0x80 | ((unit >> 6) & 0x3f), 0x80 | (unit & 0x3f)]
          .map((b) => `%${b.toString(16).toUpperCase()}`)
          .join('');
      }
    })
    .join('');
}

const IDS_BY_PARAM: Record<string, string> = {
  hubId: 'hub',
  cityId: 'city',
  draftId: 'draft',
  cohortId: 'cohort',
  versionId: 'version',
  token: 'invitationToken',
};
const IDS_BY_SEGMENT: Record<string, string> = {
  hubs: 'hub',
  cities: 'city',
  'action-plans': 'plan',
  milestones: 'milestone',
  tasks: 'task',
  kpis: 'kpi',
  measurements: 'measurement',
  drafts: 'draft',
  threads: 'thread',
  comments: 'comment',
  cohorts: 'cohort',
  meetings: 'meeting',
  occurrences: 'occurrence',
  'meeting-action-items': 'actionItem',
  users: 'user',
  'model-policies': 'modelPolicy',
  'role-assignments': 'roleAssignment',
  invitations: 'invitation',
  'calendar-feeds': 'calendarFeed',
  feeds: 'calendarFeedToken',
};

/** The kind of object a path parameter names ('hub', 'draft', ...): by its name, else by the path segment before it. */
export function objectKindOf(path: string, param: string): string | undefined {
  const segments = path.split('/');
  const before = segments[segments.indexOf(`{${param}}`) - 1];
  return IDS_BY_PARAM[param] ?? (before === undefined ? undefined : IDS_BY_SEGMENT[before]);
}
