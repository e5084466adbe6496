/**
 * Counts the SQL statements a store runs, by wrapping its driver's `query` (and the queries of
 * its transactions): how many statements a request costs, and how many of them read the
 * `tokens` table (which a cached token check must not do per request).
 */
import type { Db } from '../../../apps/api/src/db/store';

export interface QueryCounts {
  /** Every statement, including BEGIN and COMMIT of transactions. */
  statements: number;
  /** Statements naming the tokens table. */
  tokenStatements: number;
}

type QueryFn = (...args: unknown[]) => Promise<unknown>;

interface Queryish {
  query: QueryFn;
}

function hasQuery(value: unknown): value is Queryish {
  return (
    typeof value === 'object' &&
    value !== null &&
    'query' in value &&
    typeof value.query === 'function'
  );
}

function textOf(first: unknown): string {
  if (typeof first === 'string') return first;
  if (typeof first === 'object' && first !== null && 'text' in first) return String(first.text);
  return '';
}

const tokensTable = /"tokens"/;

/** Wraps the store's driver (PGlite or a pg Pool); returns a live view of the counts. */
export function countQueries(db: Db): QueryCounts {
  const counts: QueryCounts = { statements: 0, tokenStatements: 0 };
  const client: unknown = Reflect.get(db, '$client');
  if (!hasQuery(client)) throw new Error('the store has no driver client to count queries on');
  const wrapped = new WeakSet<object>();

  const wrap = (target: Queryish) => {
    if (wrapped.has(target)) return;
    wrapped.add(target);
    const original = target.query.bind(target);
    target.query = (...args: unknown[]) => {
      counts.statements++;
      if (tokensTable.test(textOf(args[0]))) counts.tokenStatements++;
      return original(...args);
    };
  };
  const transaction: unknown = Reflect.get(client, 'transaction');
  const connect: unknown = Reflect.get(client, 'connect');
  if (typeof transaction === 'function') {
    // PGlite: statements go to the client, or, in a transaction, to the object it hands over.
    wrap(client);
    Reflect.set(client, 'transaction', (callback: (tx: unknown) => Promise<unknown>) =>
      Reflect.apply(transaction, client, [
        (tx: unknown) => {
          if (hasQuery(tx)) wrap(tx);
          return callback(tx);
        },
      ]),
    );
  } else if (typeof connect === 'function') {
    // A pg Pool runs every statement (its own `query` too) on a client it lends with
    // `connect`, with a callback or as a promise: count there, once.
    Reflect.set(client, 'connect', (...args: unknown[]) => {
      const last = args.at(-1);
      if (typeof last === 'function') {
        return Reflect.apply(connect, client, [
          ...args.slice(0, -1),
          (error: unknown, lent: unknown, ...rest: unknown[]) => {
            if (hasQuery(lent)) wrap(lent);
            return Reflect.apply(last, undefined, [error, lent, ...rest]);
          },
        ]);
      }
      return (Reflect.apply(connect, client, args) as Promise<unknown>).then((lent) => {
        if (hasQuery(lent)) wrap(lent);
        return lent;
      });
    });
  } else {
    wrap(client);
  }
  return counts;
}
