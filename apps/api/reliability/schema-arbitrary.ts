/**
 * JSON Schema → fast-check: values that follow an operation's own schemas in /openapi.json, for
 * the subset that document uses (object/properties/required/additionalProperties, string with
 * pattern/format/enum/minLength/maxLength, number/integer with limits, array with item counts,
 * anyOf/oneOf/allOf, nullable type lists, const, $ref to components).
 */
import fc from 'fast-check';

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
export type Schema = { [key: string]: unknown };

export interface OpenApiDocument {
  paths: Record<string, Record<string, Operation>>;
  components?: { schemas?: Record<string, Schema> };
}

export interface Parameter {
  name: string;
  in: 'path' | 'query' | 'header' | 'cookie';
  required?: boolean;
  schema?: Schema;
}

export interface Operation {
  operationId?: string;
  security?: Record<string, string[]>[];
  parameters?: Parameter[];
  requestBody?: { required?: boolean; content?: Record<string, { schema?: Schema }> };
  responses?: Record<string, unknown>;
}

const isSchema = (value: unknown): value is Schema =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const schemaList = (value: unknown): Schema[] =>
  Array.isArray(value) ? value.filter(isSchema) : [];

const num = (value: unknown): number | undefined => (typeof value === 'number' ? value : undefined);

/** Follows `$ref: '#/components/schemas/Name'`. */
export function resolve(doc: OpenApiDocument, schema: Schema): Schema {
  let current = schema;
  for (let hops = 0; hops < 20; hops++) {
    const ref = current.$ref;
    if (typeof ref !== 'string') return current;
    const name = ref.replace('#/components/schemas/', '');
    const target = doc.components?.schemas?.[name];
    if (target === undefined) throw new Error(`unresolved $ref ${ref}`);
    current = target;
  }
  throw new Error('$ref cycle');
}

const isoDate = fc
  .date({
    min: new Date('1990-01-01T00:00:00Z'),
    max: new Date('2040-12-31T00:00:00Z'),
    noInvalidDate: true,
  })
  .map((d) => d.toISOString());

function stringArbitrary(schema: Schema): fc.Arbitrary<string> {
  const minLength = num(schema.minLength) ?? 0;
  const maxLength = Math.max(minLength, Math.min(num(schema.maxLength) ?? 40, 200));
  if (typeof schema.pattern === 'string') {
    const pattern = new RegExp(schema.pattern);
    return fc
      .stringMatching(pattern)
      .filter((s) => s.length >= minLength && s.length <= (num(schema.maxLength) ?? Infinity));
  }
  switch (schema.format) {
    case 'date-time':
      return isoDate;
    case 'date':
      return isoDate.map((s) => s.slice(0, 10));
    case 'email':
      return fc.emailAddress();
    case 'uri':
      return fc.webUrl();
    default:
      return fc.string({ minLength, maxLength, unit: 'grapheme' });
  }
}

function numberArbitrary(schema: Schema, integer: boolean): fc.Arbitrary<number> {
  const exclusiveMin = num(schema.exclusiveMinimum);
  const exclusiveMax = num(schema.exclusiveMaximum);
  const min =
    num(schema.minimum) ??
    (exclusiveMin === undefined ? undefined : exclusiveMin + (integer ? 1 : 1e-6));
  const max =
    num(schema.maximum) ??
    (exclusiveMax === undefined ? undefined : exclusiveMax - (integer ? 1 : 1e-6));
  if (integer) {
    return fc.integer({
      min: Math.max(min ?? -1_000_000, Number.MIN_SAFE_INTEGER),
      max: Math.min(max ?? 1_000_000, Number.MAX_SAFE_INTEGER),
    });
  }
  return fc.double({ min: min ?? -1e6, max: max ?? 1e6, noNaN: true, noDefaultInfinity: true });
}

/** An arbitrary of values valid for `schema` (as far as JSON Schema alone says). */
export function arbitraryOf(doc: OpenApiDocument, input: Schema, depth = 0): fc.Arbitrary<Json> {
  const schema = resolve(doc, input);
  if ('const' in schema) return fc.constant(schema.const as Json);
  if (Array.isArray(schema.enum)) return fc.constantFrom(...(schema.enum as Json[]));
  const alternatives = [...schemaList(schema.anyOf), ...schemaList(schema.oneOf)];
  if (alternatives.length > 0) {
    return fc.oneof(...alternatives.map((alternative) => arbitraryOf(doc, alternative, depth + 1)));
  }
  const allOf = schemaList(schema.allOf);
  if (allOf.length > 0) {
    const merged: Schema = { type: 'object', properties: {}, required: [] };
    for (const part of allOf) {
      const resolved = resolve(doc, part);
      Object.assign(merged.properties as Schema, resolved.properties ?? {});
      (merged.required as unknown[]).push(
        ...(Array.isArray(resolved.required) ? resolved.required : []),
      );
    }
    return arbitraryOf(doc, merged, depth + 1);
  }
  const type = schema.type;
  if (Array.isArray(type)) {
    return fc.oneof(
      ...type.map((t) =>
        t === 'null' ? fc.constant(null) : arbitraryOf(doc, { ...schema, type: t }, depth),
      ),
    );
  }
  switch (type) {
    case 'string':
      return stringArbitrary(schema);
    case 'integer':
      return numberArbitrary(schema, true);
    case 'number':
      return numberArbitrary(schema, false);
    case 'boolean':
      return fc.boolean();
    case 'null':
      return fc.constant(null);
    case 'array': {
      const items = isSchema(schema.items) ? schema.items : {};
      const minLength = num(schema.minItems) ?? 0;
      const maxLength = Math.max(
        minLength,
        Math.min(num(schema.maxItems) ?? 3, depth > 3 ? minLength : 3),
      );
      return fc.array(arbitraryOf(doc, items, depth + 1), { minLength, maxLength });
    }
    case 'object':
      return objectArbitrary(doc, schema, depth);
    default:
      if (isSchema(schema.properties)) return objectArbitrary(doc, schema, depth);
      return jsonValue;
  }
}

function objectArbitrary(doc: OpenApiDocument, schema: Schema, depth: number): fc.Arbitrary<Json> {
  const properties = isSchema(schema.properties) ? schema.properties : {};
  const required = Array.isArray(schema.required)
    ? schema.required.filter((k) => typeof k === 'string')
    : [];
  const record: Record<string, fc.Arbitrary<Json>> = {};
  for (const [key, value] of Object.entries(properties)) {
    // Deep optional parts are left out past a depth, so recursive schemas stay finite.
    if (depth > 4 && !required.includes(key)) continue;
    if (isSchema(value)) record[key] = arbitraryOf(doc, value, depth + 1);
  }
  if (Object.keys(record).length === 0 && isSchema(schema.additionalProperties)) {
    return fc
      .dictionary(
        fc.string({ minLength: 1, maxLength: 8 }),
        arbitraryOf(doc, schema.additionalProperties, depth + 1),
        {
          maxKeys: 3,
        },
      )
      .map((d) => d as Json);
  }
  return fc
    .record(record, { requiredKeys: required.filter((k) => k in record) })
    .map((r) => r as Json);
}

/** Any JSON value, small. */
export const jsonValue: fc.Arbitrary<Json> = fc.jsonValue({ maxDepth: 2 }).map((v) => v as Json);

// ---- Mutations: what a hostile or broken client sends ----

export const injectionStrings = [
  "' OR '1'='1",
  "'; DROP TABLE students; --",
  '1; SELECT pg_sleep(0) --',
  '" OR ""="',
  "%' AND 1=1 --",
  '\\x00\u0000nul',
  '<script>alert(1)</script>',
  '"><img src=x onerror=alert(1)>',
  'javascript:alert(1)',
  // biome-ignore lint/suspicious/noTemplateCurlyInString: a template-injection probe, sent as text.
  '{{7*7}}${7*7}',
  '../../../../etc/passwd',
  '%00%2e%2e%2f',
  '\u202Eevil\u200B',
  '𝕏'.repeat(50),
  '☃'.repeat(300),
  '\uD800',
];

export const limitNumbers = [
  0,
  -1,
  -0,
  2147483647,
  2147483648,
  -2147483649,
  Number.MAX_SAFE_INTEGER,
  Number.MIN_SAFE_INTEGER,
  2 ** 53 + 2,
  1e308,
  -1e308,
  5e-324,
  0.1,
];

const hugeString = fc.constantFrom('x'.repeat(70_000), 'é'.repeat(40_000), '0'.repeat(2_000_000));

const wrongType: fc.Arbitrary<Json> = fc.oneof(
  fc.constant(null),
  fc.boolean(),
  fc.constantFrom(...limitNumbers),
  fc.constantFrom(...injectionStrings),
  fc.constant<Json>([]),
  fc.constant({}),
  fc.array(fc.integer(), { maxLength: 3 }),
);

/** A value with one part changed into something the schema does not allow. */
export function mutate(value: Json): fc.Arbitrary<Json> {
  if (typeof value === 'object' && value !== null && !Array.isArray(value)) {
    const keys = Object.keys(value);
    const options: fc.Arbitrary<Json>[] = [
      // An extra field, including prototype-pollution attempts.
      fc
        .tuple(
          fc.constantFrom(
            'extra',
            '__proto__',
            'constructor',
            'id',
            'version',
            'createdAt',
            '$where',
          ),
          wrongType,
        )
        .map(([k, v]) => ({ ...value, [k]: v })),
      wrongType,
    ];
    if (keys.length > 0) {
      const key = fc.constantFrom(...keys);
      options.push(
        // A missing field.
        key.map((k) => Object.fromEntries(Object.entries(value).filter(([name]) => name !== k))),
        // A field of the wrong type or an injection string.
        fc.tuple(key, wrongType).map(([k, v]) => ({ ...value, [k]: v })),
        fc.tuple(key, hugeString).map(([k, v]) => ({ ...value, [k]: v })),
        // A field mutated deeper down.
        key.chain((k) => mutate(value[k] ?? null).map((v) => ({ ...value, [k]: v }))),
      );
    }
    return fc.oneof(...options);
  }
  if (Array.isArray(value)) {
    return fc.oneof(
      wrongType,
      fc.constant<Json>([...value, ...value, ...value]),
      fc.constant<Json>(Array.from({ length: 5_000 }, (): Json => value[0] ?? 1)),
    );
  }
  return fc.oneof(wrongType, hugeString);
}

/** A JSON text nested `depth` levels deep. */
export const deepNesting = (depth: number): string => `${'['.repeat(depth)}1${']'.repeat(depth)}`;

/** Bodies that are not valid JSON text at all. */
export const rawBodies: fc.Arbitrary<Uint8Array | string> = fc.oneof(
  fc.constant(
    new Uint8Array([0x7b, 0x22, 0x61, 0x22, 0x3a, 0x22, 0xff, 0xfe, 0xc3, 0x28, 0x22, 0x7d]),
  ),
  fc.constant(new Uint8Array([0xed, 0xa0, 0x80, 0xf8, 0x88, 0x80, 0x80, 0x80])),
  fc.uint8Array({ minLength: 1, maxLength: 64 }),
  fc.constantFrom(
    deepNesting(10_000),
    `${'{"a":'.repeat(5_000)}1${'}'.repeat(5_000)}`,
    deepNesting(200),
  ),
  fc.constantFrom(
    '{',
    '{"a":1,}',
    'NaN',
    '[1,2',
    '"unterminated',
    '',
    'null',
    '1e999',
    '{"a":1e999}',
  ),
);
