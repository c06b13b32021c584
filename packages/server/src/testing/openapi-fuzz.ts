// Bad requests generated from the app's own OpenAPI document (#13 "Done when"): every operation
// gets bad path ids, bad query values and bad bodies. Deterministic (no random seed to chase): a
// failure names the operation and the case, and the same case comes back on the next run.

/** The parts of JSON Schema the zod transform emits and the generator reads. */
export interface JsonSchema {
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  additionalProperties?: JsonSchema | boolean;
  items?: JsonSchema;
  enum?: unknown[];
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  minimum?: number;
  maximum?: number;
  minLength?: number;
  maxLength?: number;
  minItems?: number;
  pattern?: string;
  default?: unknown;
}

interface Parameter {
  in: 'path' | 'query';
  name: string;
  required?: boolean;
  schema: JsonSchema;
}

export interface Operation {
  method: string;
  /** `/api/towns/{townId}/teams/{id}` */
  path: string;
  params: Parameter[];
  body: JsonSchema | undefined;
}

export interface FuzzCase {
  label: string;
  url: string;
  body?: unknown;
}

interface OpenApiDoc {
  paths: Record<string, Record<string, { parameters?: Parameter[]; requestBody?: { content?: Record<string, { schema?: JsonSchema }> } }>>;
}

export function operationsOf(doc: OpenApiDoc): Operation[] {
  return Object.entries(doc.paths).flatMap(([path, ops]) =>
    Object.entries(ops).map(([method, op]) => ({
      method: method.toUpperCase(),
      path,
      params: op.parameters ?? [],
      body: op.requestBody?.content?.['application/json']?.schema,
    })),
  );
}

/** Strings a clerk's paste, an attacker or a broken client sends. */
export const BAD_STRINGS = [
  '\u0000',
  'a\u0000b',
  '\u202Eevil\u202C',
  '\u2066x\u2069',
  'zero\u200Bwidth\u200D',
  '\uFEFF',
  '',
  ' ',
  '0000-01-01',
  '9999-12-31',
  '0000-01',
  '2147483648',
  '9007199254740993',
  '-1',
  '1e309',
  'x'.repeat(5000),
  '%00',
  "'; drop table towns; --",
];

/** Values of every JSON type, numbers at the edges of int32, float64 and the safe integers. */
export const BAD_VALUES: unknown[] = [
  ...BAD_STRINGS,
  2 ** 31,
  2 ** 31 - 1,
  2 ** 53,
  Number.MAX_SAFE_INTEGER,
  -Number.MAX_SAFE_INTEGER,
  1e15,
  -1e15,
  -1,
  0,
  0.5,
  1e308,
  true,
  null,
  [],
  {},
  ['\u0000'],
  { a: '\u0000' },
];

/** Path ids: encoded as they would arrive on the wire (`%00` is a NUL once decoded). */
const BAD_PATH_IDS = ['%00', 'a%00b', '%E2%80%AEx', '%E2%80%8B', '%EF%BB%BF', '2147483648', '9007199254740993', '-1', '0000', 'x'.repeat(300), '%20', '..%2F..%2Fetc'];

/** What a valid request carries for names the schema cannot tell (dates are refined strings). */
export interface Known {
  townCode: string;
  /** A real id for a field or path parameter name (teamId, coopId…) or a path prefix (/teams/{id}). */
  idFor(name: string, path: string): string | undefined;
}

const DATE_NAMES = /(^|[a-z])(date|Date|validFrom|validTo|from|to|on|From|To|at|At|Start|End)$/;

/** Values the schema cannot describe (a checksum, a refined format). */
const BY_NAME: Record<string, string> = {
  idNumber: '11010519491231002X',
  phone: '13800138000',
  emergencyContactPhone: '13800138001',
  bankAccount: '6222000000000000',
};

function exampleString(name: string, s: JsonSchema, known: Known, path: string): string {
  if (name === 'townCode') return known.townCode;
  if (name === 'username') return 'fuzz-nobody';
  if (BY_NAME[name]) return BY_NAME[name];
  const id = /Id$|^id$/.test(name) ? known.idFor(name, path) : undefined;
  if (id) return id;
  if (/month|period/i.test(name)) return '2026-03';
  if (DATE_NAMES.test(name)) return '2026-03-01';
  const candidates = ['2026-03-01', '2026-03', 'abc', 'ab1', 'a_b', '123456', '320000000000000000', '13800000000', '6222000000000000'];
  if (s.pattern) {
    const re = new RegExp(s.pattern);
    const hit = candidates.find((c) => re.test(c));
    if (hit) return hit;
  }
  const min = s.minLength ?? 1;
  return 'x'.repeat(Math.max(min, 1)).slice(0, s.maxLength ?? 100);
}

/** A plausible value of the schema (valid where the schema alone can tell), to mutate one part of. */
export function skeleton(s: JsonSchema, name: string, known: Known, path: string): unknown {
  if (s.enum?.length) return s.enum[0];
  const alt = s.anyOf ?? s.oneOf;
  if (alt) return skeleton(alt.find((a) => a.type !== 'null') ?? alt[0]!, name, known, path);
  const type = Array.isArray(s.type) ? s.type.find((t) => t !== 'null') : s.type;
  switch (type) {
    case 'object': {
      const out: Record<string, unknown> = {};
      for (const [key, sub] of Object.entries(s.properties ?? {})) out[key] = skeleton(sub, key, known, path);
      return out;
    }
    case 'array':
      return Array.from({ length: Math.max(s.minItems ?? 1, 1) }, () => skeleton(s.items ?? {}, name, known, path));
    case 'integer':
    case 'number':
      if (name === 'year') return 2026;
      return Math.min(Math.max(s.minimum ?? 1, 1), s.maximum ?? Number.MAX_SAFE_INTEGER);
    case 'boolean':
      return false;
    case 'string':
      return exampleString(name, s, known, path);
    default:
      return 'x';
  }
}

/** Every place in a body a value can be replaced: [] is the body itself. */
function leafPaths(value: unknown, prefix: (string | number)[] = [], depth = 0): (string | number)[][] {
  const here = [prefix];
  if (depth >= 4 || value === null || typeof value !== 'object') return here;
  const entries = Array.isArray(value) ? value.map((v, i) => [i, v] as const) : Object.entries(value);
  return [...here, ...entries.flatMap(([k, v]) => leafPaths(v, [...prefix, k], depth + 1))];
}

function replaced(value: unknown, at: (string | number)[], next: unknown): unknown {
  if (at.length === 0) return next;
  const copy = (Array.isArray(value) ? [...value] : { ...(value as object) }) as Record<string | number, unknown>;
  copy[at[0]!] = replaced(copy[at[0]!], at.slice(1), next);
  return copy;
}

function urlOf(op: Operation, townId: string, known: Known, pathOverride: Record<string, string>, query: Record<string, string>): string {
  const path = op.path.replace(/\{(\w+)\}/g, (_, name: string) => {
    if (name in pathOverride) return pathOverride[name]!;
    if (name === 'townId') return townId;
    if (name === 'year') return '2026';
    return encodeURIComponent(known.idFor(name, op.path) ?? 'no-such-id');
  });
  const required = Object.fromEntries(op.params.filter((p) => p.in === 'query' && p.required).map((p) => [p.name, String(skeleton(p.schema, p.name, known, op.path))]));
  const qs = Object.entries({ ...required, ...query }).map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v)}`);
  return qs.length ? `${path}?${qs.join('&')}` : path;
}

/** The bad values for one slot, spread so neighbouring slots get different ones. */
function pick<T>(values: readonly T[], slot: number, count: number): T[] {
  return Array.from({ length: Math.min(count, values.length) }, (_, i) => values[(slot * 7 + i * Math.ceil(values.length / count)) % values.length]!);
}

/**
 * The cases of one operation, at most `limit`: each path parameter with bad ids, each query
 * parameter with bad strings, each place in the body with bad values of every type, and a few
 * bodies that are not objects at all.
 */
export function casesFor(op: Operation, townId: string, known: Known, limit = 60): FuzzCase[] {
  const cases: FuzzCase[] = [];
  const pathParams = op.params.filter((p) => p.in === 'path' && p.name !== 'townId');
  const queryParams = op.params.filter((p) => p.in === 'query');
  const body = op.body ? skeleton(op.body, '', known, op.path) : undefined;
  const plain = (over: Record<string, string> = {}, query: Record<string, string> = {}) => urlOf(op, townId, known, over, query);

  cases.push({ label: 'plain', url: plain(), body });
  pathParams.forEach((p, slot) => {
    for (const bad of pick(BAD_PATH_IDS, slot, 6)) cases.push({ label: `path ${p.name}=${bad.slice(0, 20)}`, url: plain({ [p.name]: bad }), body });
  });
  if (op.params.some((p) => p.name === 'townId')) cases.push({ label: 'path townId=%00', url: plain({ townId: '%00' }), body });
  queryParams.forEach((p, slot) => {
    for (const bad of pick(BAD_STRINGS, slot, 5)) cases.push({ label: `query ${p.name}=${JSON.stringify(bad).slice(0, 20)}`, url: plain({}, { [p.name]: bad }), body });
  });
  if (queryParams.length) cases.push({ label: 'query unknown', url: `${plain()}${plain().includes('?') ? '&' : '?'}%00=%00`, body });
  if (body !== undefined) {
    leafPaths(body).forEach((at, slot) => {
      for (const bad of pick(BAD_VALUES, slot, at.length === 0 ? BAD_VALUES.length : 4)) {
        cases.push({ label: `body ${at.join('.') || '(whole)'}=${JSON.stringify(bad)?.slice(0, 20)}`, url: plain(), body: replaced(body, at, bad) });
      }
    });
  }
  if (cases.length <= limit) return cases;
  // Keep the first (plain) and an even spread of the rest.
  const step = (cases.length - 1) / (limit - 1);
  return [cases[0]!, ...Array.from({ length: limit - 1 }, (_, i) => cases[1 + Math.floor(i * step)]!)];
}
