/**
 * The shape every record resource shares (list, get, create, update, delete), written once.
 * Each resource names its record, the view readers with fewer rights get, its input, its
 * patch and its list parameters.
 */
import type { APIPromise } from '../api-promise';
import type { RequestOptions, WriteOptions } from '../options';
import type { PagePromise } from '../pagination';
import { path, type Transport } from '../transport';
import { one, page, type SchemaName } from '../validation';

/** A namespace of the client (`client.students`, …), bound to the client's transport. */
export abstract class Resource {
  constructor(protected readonly transport: Transport) {}
}

export interface RecordSchemas {
  /** The full record. */
  record: SchemaName;
  /** What readers with fewer rights get, if different. */
  view?: SchemaName;
}

/** The types of one record resource. */
export interface RecordTypes {
  /** The full record. */
  record: unknown;
  /** What readers with fewer rights get instead (the record itself when all see all). */
  view: unknown;
  /** The body of `create`. */
  input: unknown;
  /** The body of `update`. */
  patch: unknown;
  /** What `update` answers. */
  updated: unknown;
  /** The parameters of `list`. */
  params: object;
  id: string;
}

export abstract class RecordResource<T extends RecordTypes> extends Resource {
  protected abstract readonly base: string;
  protected abstract readonly schemas: RecordSchemas;

  private get readable(): SchemaName[] {
    const { record, view } = this.schemas;
    return view === undefined ? [record] : [record, view];
  }

  protected at(id: string): string {
    return `${this.base}${path`/${id}`}`;
  }

  /** A page of records; iterate it (`for await`) for every record across pages. */
  list(params?: T['params'], options?: RequestOptions): PagePromise<T['record'] | T['view']> {
    return this.transport.list<T['record'] | T['view']>({
      method: 'GET',
      path: this.base,
      query: params,
      options,
      shape: page(...this.readable),
    });
  }

  get(id: T['id'], options?: RequestOptions): APIPromise<T['record'] | T['view']> {
    return this.transport.call({
      method: 'GET',
      path: this.at(id),
      options,
      shape: one(...this.readable),
    });
  }

  /** Creates a record. Retries are safe: they carry the same Idempotency-Key. */
  create(body: T['input'], options?: RequestOptions): APIPromise<T['record']> {
    return this.transport.call({
      method: 'POST',
      path: this.base,
      body,
      options,
      shape: one(this.schemas.record),
    });
  }

  /** Changes the fields sent. Pass `{ ifMatch: record.version }` to refuse a lost update (412). */
  update(id: T['id'], patch: T['patch'], options?: WriteOptions): APIPromise<T['updated']> {
    return this.transport.call({
      method: 'PATCH',
      path: this.at(id),
      body: patch,
      options,
      shape: one(...this.readable),
    });
  }

  delete(id: T['id'], options?: WriteOptions): APIPromise<void> {
    return this.transport.call({ method: 'DELETE', path: this.at(id), options });
  }
}
