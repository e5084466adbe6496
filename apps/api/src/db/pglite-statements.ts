/**
 * PGlite with prepared statements. `PGlite.query` sends every statement afresh (Parse,
 * Describe, Bind, Describe, Execute and Sync, six round trips into the WebAssembly
 * PostgreSQL) and PostgreSQL plans it again each time. Planning is most of a small query's
 * cost there: the planner asks the size of the table and of each of its indexes, and each size
 * is an `fstat` through Emscripten's file system (about 130 µs per read of a student, the
 * largest item of the API benchmark's CPU profile, bench/results.md).
 *
 * This keeps one named statement per distinct SQL text (the API's SQL comes from drizzle's
 * query builder, so texts repeat), parsed once, then sends Bind, Execute and Sync in one call.
 * PostgreSQL keeps the plan of a statement that has been run a few times (its generic plan),
 * so a repeated query is neither parsed nor planned again: a read of one student by id fell
 * from about 300 µs to 40–60 µs of CPU on this machine.
 *
 * Same contract as `PGlite.query` (with PGlite's describe parser and message classes):
 * parameters serialised and results parsed with the client's own serializers and parsers, `rowMode`, per-query `parsers`/`serializers`, and the
 * same locking (a query outside a transaction waits for the running one; inside one, it
 * joins it). The statements kept are bounded (least recently used closed first); a statement
 * PostgreSQL no longer knows, or whose result columns changed (a restore, a migration), is
 * prepared again once. Queries with a `blob` or explicit `paramTypes` go to `PGlite.query`.
 */
import {
  messages,
  type PGlite,
  parse,
  type QueryOptions,
  type Results,
} from '@electric-sql/pglite';
// node-postgres's serializer, not the one PGlite exports (`protocol.serialize`): for the four
// messages of a run, PGlite's took 13 µs and this one 0.8 µs on this machine.
import { serialize } from 'pg-protocol';

type Transaction = Parameters<Parameters<PGlite['transaction']>[0]>[0];

interface Statement {
  name: string;
  paramTypes: number[];
}

/** Commands whose tag counts rows they changed (PGlite's `affectedRows`). */
const COUNTED_COMMANDS = new Set(['INSERT', 'UPDATE', 'DELETE', 'COPY', 'MERGE']);

/** Statements kept per connection. */
export const STATEMENT_CACHE_SIZE = 256;

/** SQLSTATE: prepared statement unknown; cached plan must not change result type. */
const STALE_STATEMENT_CODES = new Set(['26000', '0A000']);

function isStale(error: unknown): boolean {
  return (
    typeof error === 'object' &&
    error !== null &&
    'code' in error &&
    typeof error.code === 'string' &&
    STALE_STATEMENT_CODES.has(error.code)
  );
}

export class StatementCache {
  readonly #client: PGlite;
  readonly #capacity: number;
  readonly #statements = new Map<string, Statement>();
  /** Statements evicted from the map, closed with the next message sent. */
  #toClose: string[] = [];
  #counter = 0;

  constructor(client: PGlite, capacity = STATEMENT_CACHE_SIZE) {
    this.#client = client;
    this.#capacity = capacity;
  }

  /** How many statements are prepared now (for tests). */
  get size(): number {
    return this.#statements.size;
  }

  /** `PGlite.query`, outside any transaction: waits for a running transaction to end. */
  async query<T>(
    text: string,
    params: unknown[] = [],
    options?: QueryOptions,
  ): Promise<Results<T>> {
    if (options?.blob !== undefined || options?.paramTypes !== undefined) {
      return this.#client.query<T>(text, params, options);
    }
    await this.#client._checkReady();
    return this.#client._runExclusiveTransaction(() =>
      this.#client._runExclusiveQuery(() => this.#run<T>(text, params, options, true)),
    );
  }

  /** `PGlite.transaction`, whose queries go through the statements too. */
  transaction<T>(callback: (tx: Transaction) => Promise<T>): Promise<T> {
    return this.#client.transaction((tx) => callback(this.#joining(tx)));
  }

  /** The transaction PGlite hands over, with its queries going through the statements. */
  #joining(tx: Transaction): Transaction {
    return {
      query: <R>(text: string, params?: unknown[], options?: QueryOptions) => {
        if (tx.closed) throw new Error('Transaction is closed');
        if (options?.blob !== undefined || options?.paramTypes !== undefined) {
          return tx.query<R>(text, params, options);
        }
        return this.#client._runExclusiveQuery(() =>
          this.#run<R>(text, params ?? [], options, false),
        );
      },
      sql: tx.sql,
      exec: tx.exec,
      rollback: tx.rollback,
      listen: tx.listen,
      get closed() {
        return tx.closed;
      },
    };
  }

  async #run<T>(
    text: string,
    params: unknown[],
    options: QueryOptions | undefined,
    syncToFs: boolean,
  ): Promise<Results<T>> {
    let statement = this.#statements.get(text);
    try {
      if (statement === undefined) statement = await this.#prepare(text, options);
      else this.#touch(text, statement);
      return await this.#execute<T>(statement, params, options, syncToFs);
    } catch (error) {
      if (statement === undefined || !isStale(error)) throw error;
      // Forget it (PostgreSQL dropped it, or its columns changed) and prepare it again, once.
      this.#statements.delete(text);
      this.#toClose.push(statement.name);
      const again = await this.#prepare(text, options);
      return this.#execute<T>(again, params, options, syncToFs);
    }
  }

  #touch(text: string, statement: Statement): void {
    this.#statements.delete(text);
    this.#statements.set(text, statement);
  }

  async #prepare(text: string, options: QueryOptions | undefined): Promise<Statement> {
    const name = `passerelle_${++this.#counter}`;
    const answer = await this.#client.execProtocol(
      this.#withCloses([
        serialize.parse({ name, text, types: [] }),
        serialize.describe({ type: 'S', name }),
        serialize.sync(),
      ]),
      {
        syncToFs: false,
        ...(options?.onNotice === undefined ? {} : { onNotice: options.onNotice }),
      },
    );
    const statement = { name, paramTypes: parse.parseDescribeStatementResults(answer.messages) };
    this.#statements.set(text, statement);
    if (this.#statements.size > this.#capacity) {
      const [oldestText, oldest] = this.#statements.entries().next().value ?? [];
      if (oldestText !== undefined && oldest !== undefined) {
        this.#statements.delete(oldestText);
        this.#toClose.push(oldest.name);
      }
    }
    return statement;
  }

  async #execute<T>(
    statement: Statement,
    params: unknown[],
    options: QueryOptions | undefined,
    syncToFs: boolean,
  ): Promise<Results<T>> {
    const values = params.map((value, index) => {
      if (value === null || value === undefined) return null;
      const oid = statement.paramTypes[index] ?? 0;
      const serializer = options?.serializers?.[oid] ?? this.#client.serializers[oid];
      return serializer === undefined ? String(value) : serializer(value);
    });
    const answer = await this.#client.execProtocol(
      this.#withCloses([
        serialize.bind({ statement: statement.name, values }),
        serialize.describe({ type: 'P' }),
        serialize.execute({}),
        serialize.sync(),
      ]),
      { syncToFs, ...(options?.onNotice === undefined ? {} : { onNotice: options.onNotice }) },
    );
    return this.#results<T>(answer.messages, options);
  }

  /**
   * The answer as `PGlite.query` gives it. Not PGlite's exported `parseResults`: measured on a
   * read by id, it made the whole query cost 150 µs of CPU instead of 65 µs (it copies the
   * parser table and looks each value's parser up again for every row).
   */
  #results<T>(answers: readonly unknown[], options: QueryOptions | undefined): Results<T> {
    const rows: T[] = [];
    let fields: { name: string; dataTypeID: number }[] = [];
    let parsers: ((value: string, typeId: number) => unknown)[] = [];
    let affectedRows = 0;
    let rowCount: number | undefined;
    let command: string | undefined;
    for (const message of answers) {
      if (message instanceof messages.RowDescriptionMessage) {
        fields = message.fields.map(({ name, dataTypeID }) => ({ name, dataTypeID }));
        parsers = fields.map(
          ({ dataTypeID }) =>
            options?.parsers?.[dataTypeID] ?? this.#client.parsers[dataTypeID] ?? String,
        );
      } else if (message instanceof messages.DataRowMessage) {
        const values = message.fields.map((value, index) =>
          value === null ? null : (parsers[index] ?? String)(value, fields[index]?.dataTypeID ?? 0),
        );
        if (options?.rowMode === 'array') rows.push(values as T);
        else
          rows.push(
            Object.fromEntries(fields.map((field, index) => [field.name, values[index]])) as T,
          );
      } else if (message instanceof messages.CommandCompleteMessage) {
        const words = message.text.split(' ');
        command = words[0];
        const count = Number.parseInt(words.at(-1) ?? '', 10);
        if (!Number.isNaN(count)) {
          rowCount = count;
          if (COUNTED_COMMANDS.has(command ?? '')) affectedRows += count;
        }
      }
    }
    return {
      rows,
      fields,
      affectedRows,
      ...(command === undefined ? {} : { command }),
      ...(rowCount === undefined ? {} : { rowCount }),
    };
  }

  /** Prepends Close messages for evicted statements (their answers are ignored). */
  #withCloses(parts: Uint8Array[]): Uint8Array {
    if (this.#toClose.length > 0) {
      const closes = this.#toClose.map((name) => serialize.close({ type: 'S', name }));
      this.#toClose = [];
      return Buffer.concat([...closes, ...parts]);
    }
    return Buffer.concat(parts);
  }
}

/**
 * The client drizzle is given: the PGlite instance, with `query` and `transaction` going
 * through prepared statements. Everything else (close, exec, dumpDataDir…) is PGlite's own.
 * Properties assigned to it stay on it (a wrapper over `query`, as the benchmark's statement
 * counter sets, wraps this `query`, not PGlite's).
 */
export function withPreparedStatements(client: PGlite, cache = new StatementCache(client)): PGlite {
  const own = new Map<string | symbol, unknown>([
    ['query', cache.query.bind(cache)],
    ['transaction', cache.transaction.bind(cache)],
  ]);
  return new Proxy(client, {
    get(target, property) {
      if (own.has(property)) return own.get(property);
      // PGlite's getters and methods read its private fields: `this` must be the instance.
      const value: unknown = Reflect.get(target, property, target);
      return typeof value === 'function' ? value.bind(target) : value;
    },
    set(_target, property, value) {
      own.set(property, value);
      return true;
    },
  });
}
