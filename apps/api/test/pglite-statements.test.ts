import { PGlite } from '@electric-sql/pglite';
import { sql } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { rowsOf } from '../src/backup/tables';
import { StatementCache, withPreparedStatements } from '../src/db/pglite-statements';
import { keepUsedParsers, openStore } from '../src/db/store';
import { temporaryDir } from './helpers';

const VALUES = `select true as yes, 42::int4 as small, 9007199254740993::int8 as big,
  1.5::float8 as real, '{"a":[1,"x"]}'::jsonb as doc, array['a','b']::text[] as words,
  array[1,2]::int4[] as numbers, array['{"k":1}'::jsonb] as docs,
  '2026-01-02T03:04:05Z'::timestamptz as at, 'é'::text as word, null::text as nothing`;

describe('PGlite driver layer', () => {
  let client: PGlite;
  let cache: StatementCache;
  let db: PGlite;

  beforeEach(async () => {
    client = await PGlite.create();
    await client.exec('create table t (id text primary key, n int4, doc jsonb, tags text[])');
    cache = new StatementCache(client, 3);
    db = withPreparedStatements(client, cache);
  });
  afterEach(async () => {
    await client.close();
  });

  const prepared = async () =>
    (await client.query<{ n: number }>('select count(*)::int4 as n from pg_prepared_statements'))
      .rows[0]?.n;

  it('answers as PGlite.query does: rows, fields, row modes, command tags', async () => {
    for (const rowMode of ['object', 'array'] as const) {
      const mine = await db.query(VALUES, [], { rowMode });
      const theirs = await client.query(VALUES, [], { rowMode });
      expect(mine.rows).toEqual(theirs.rows);
      expect(mine.fields).toEqual(theirs.fields);
    }
    const params = [
      'stu_1',
      7,
      { nested: { list: [1, 2], text: 'ü' } },
      ['x', 'y "quoted"', 'z,comma'],
    ];
    const insert = 'insert into t (id, n, doc, tags) values ($1, $2, $3, $4) returning *';
    const inserted = await db.query(insert, params);
    expect(inserted).toMatchObject({ command: 'INSERT', affectedRows: 1, rowCount: 1 });
    expect(inserted.rows).toEqual([
      { id: 'stu_1', n: 7, doc: params[2], tags: ['x', 'y "quoted"', 'z,comma'] },
    ]);
    const read =
      'select * from t where id = $1 and n = any($2) and $3::boolean and $4::date < now()';
    const args = ['stu_1', [6, 7], true, new Date('2020-01-01T00:00:00Z')];
    expect((await db.query(read, args)).rows).toEqual((await client.query(read, args)).rows);
    const updated = await db.query('update t set n = n + 1 where id = $1', ['stu_1']);
    expect(updated).toMatchObject({ command: 'UPDATE', affectedRows: 1, rows: [] });
    expect((await db.query('select n from t where id = $1', [null])).rows).toEqual([]);
  });

  it('parses a statement once and runs it again from its name', async () => {
    for (let n = 0; n < 10; n++) {
      const { rows } = await db.query<{ n: number }>('select $1::int4 + 1 as n', [n]);
      expect(rows).toEqual([{ n: n + 1 }]);
    }
    expect(cache.size).toBe(1);
    expect(await prepared()).toBe(1);
  });

  it('keeps at most its capacity of statements, closing the least recently used', async () => {
    for (let n = 0; n < 6; n++) await db.query(`select ${n} as n`);
    expect(cache.size).toBe(3);
    // Evicted statements are closed with the next message sent.
    await db.query('select 5 as n');
    expect(await prepared()).toBeLessThanOrEqual(3);
    expect((await db.query('select 0 as n')).rows).toEqual([{ n: 0 }]);
  });

  it('reports errors with their SQLSTATE and stays usable', async () => {
    await expect(db.query('select from where')).rejects.toMatchObject({ code: '42601' });
    await db.query('insert into t (id) values ($1)', ['a']);
    await expect(db.query('insert into t (id) values ($1)', ['a'])).rejects.toMatchObject({
      code: '23505',
    });
    expect((await db.query('select count(*)::int4 as n from t')).rows).toEqual([{ n: 1 }]);
  });

  it('prepares again a statement whose result columns changed', async () => {
    await db.query('insert into t (id) values ($1)', ['a']);
    expect(Object.keys((await db.query('select * from t')).rows[0] ?? {})).toHaveLength(4);
    await client.exec('alter table t add column extra text');
    expect(Object.keys((await db.query('select * from t')).rows[0] ?? {})).toHaveLength(5);
  });

  it('keeps what is assigned to it on itself, not on the PGlite instance', async () => {
    const seen: string[] = [];
    const original = db.query.bind(db);
    db.query = (text: string, ...rest: unknown[]) => {
      seen.push(text);
      return Reflect.apply(original, db, [text, ...rest]);
    };
    await db.query('select 1 as one');
    await client.query('select 2 as two');
    expect(seen).toEqual(['select 1 as one']);
    expect(cache.size).toBe(1);
  });

  it('runs queries of a transaction in it, and others after it', async () => {
    let release: () => void = () => undefined;
    const held = new Promise<void>((resolve) => {
      release = resolve;
    });
    let entered: () => void = () => undefined;
    const inside = new Promise<void>((resolve) => {
      entered = resolve;
    });
    const transaction = db.transaction(async (tx) => {
      await tx.query('insert into t (id) values ($1)', ['in-tx']);
      entered();
      await held;
      return (await tx.query<{ n: number }>('select count(*)::int4 as n from t')).rows[0]?.n;
    });
    await inside;
    const outside = db.query<{ n: number }>('select count(*)::int4 as n from t');
    let outsideDone = false;
    void outside.then(() => {
      outsideDone = true;
    });
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(outsideDone).toBe(false);
    release();
    expect(await transaction).toBe(1);
    expect((await outside).rows).toEqual([{ n: 1 }]);

    await expect(
      db.transaction(async (tx) => {
        await tx.query('insert into t (id) values ($1)', ['rolled-back']);
        throw new Error('undo');
      }),
    ).rejects.toThrow('undo');
    // The statement parsed inside the rolled-back transaction still runs.
    await db.query('insert into t (id) values ($1)', ['after']);
    const ids = (await db.query<{ id: string }>('select id from t order by id')).rows;
    expect(ids.map((row) => row.id)).toEqual(['after', 'in-tx']);
  });
});

describe('the embedded store', () => {
  it('reads every type the API uses, with a parser table a tenth of PGlite’s', async () => {
    const dataDir = await temporaryDir('passerelle-parsers-');
    const store = await openStore({ dataDir });
    try {
      const client: unknown = Reflect.get(store.db, '$client');
      const parsers: unknown =
        typeof client === 'object' && client !== null ? Reflect.get(client, 'parsers') : undefined;
      expect(Object.keys(parsers ?? {}).length).toBeLessThan(60);
      const [row] = await rowsOf(store.db, sql.raw(VALUES));
      expect(row).toEqual({
        yes: true,
        small: 42,
        big: 9007199254740993n,
        real: 1.5,
        doc: { a: [1, 'x'] },
        words: ['a', 'b'],
        numbers: [1, 2],
        docs: [{ k: 1 }],
        at: '2026-01-02 03:04:05+00',
        word: 'é',
        nothing: null,
      });
    } finally {
      await store.close();
    }
  });

  it('keeps the generic plan of a statement with parameters from its first run', async () => {
    const dataDir = await temporaryDir('passerelle-plans-');
    const store = await openStore({ dataDir });
    try {
      await store.migrate();
      const client: unknown = Reflect.get(store.db, '$client');
      const raw = client as PGlite;
      // A read that filters on a parameter: by default PostgreSQL plans it for each run's
      // values (custom plans) for its first five runs at least, and for as long as it judges
      // those cheaper than the generic plan.
      for (let run = 0; run < 8; run++) {
        await raw.query('select id from students where nationality = $1 and status = $2', [
          run % 2 === 0 ? 'FR' : 'CN',
          'active',
        ]);
      }
      const plans = await raw.query<{ generic: number; custom: number }>(
        `select generic_plans::int as generic, custom_plans::int as custom
         from pg_prepared_statements
         where statement like 'select id from students where nationality%'`,
      );
      expect(plans.rows).toEqual([{ generic: 8, custom: 0 }]);
    } finally {
      await store.close();
    }
  });

  it('keepUsedParsers keeps the parsers of base types and their arrays only', async () => {
    const client = await PGlite.create();
    try {
      const before = Object.keys(client.parsers).length;
      await keepUsedParsers(client);
      const kept = Object.keys(client.parsers).map(Number);
      expect(kept.length).toBeLessThan(before / 5);
      // text, jsonb, int4 and their arrays
      for (const oid of [25, 3802, 23, 1009, 3807, 1007]) expect(kept).toContain(oid);
    } finally {
      await client.close();
    }
  });
});
