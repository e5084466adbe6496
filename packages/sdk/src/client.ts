import type { APIPromise } from './api-promise';
import {
  type ClientOptions,
  DEFAULT_BASE_URL,
  DEFAULT_MAX_RETRIES,
  DEFAULT_TIMEOUT_MS,
  type Fetch,
  type RequestOptions,
} from './options';
import { Bindings, Tokens } from './resources/access';
import { Agreements } from './resources/agreements';
import { Delegations } from './resources/delegations';
import { Events } from './resources/events';
import { Institutions } from './resources/institutions';
import { Admin, Calendars, Ewp, Spreadsheets } from './resources/interchange';
import { Knowledge } from './resources/knowledge';
import { Alerts, Audit, Reports } from './resources/office';
import { Awards, Publications, StaffMembers } from './resources/people';
import { Reminders } from './resources/reminders';
import { Students } from './resources/students';
import { Transport } from './transport';
import type { HealthStatus } from './types';

/**
 * The Passerelle API client.
 *
 * ```ts
 * const client = new Passerelle({ token: process.env.PASSERELLE_TOKEN });
 * for await (const student of client.students.list({ nationality: 'FR' })) console.log(student.fullName);
 * ```
 */
export class Passerelle {
  readonly institutions: Institutions;
  readonly agreements: Agreements;
  readonly students: Students;
  readonly staff: StaffMembers;
  readonly delegations: Delegations;
  readonly events: Events;
  readonly publications: Publications;
  readonly awards: Awards;
  readonly knowledge: Knowledge;
  readonly alerts: Alerts;
  readonly reports: Reports;
  readonly tokens: Tokens;
  readonly bindings: Bindings;
  readonly audit: Audit;
  /** iCalendar feeds and feed tokens. */
  readonly calendars: Calendars;
  /** CSV / XLSX exports and imports. */
  readonly spreadsheets: Spreadsheets;
  /** Erasmus Without Paper IIAs, as XML. */
  readonly ewp: Ewp;
  /** Whole-store backup and restore (admins). */
  readonly admin: Admin;
  readonly reminders: Reminders;

  readonly #options: ClientOptions;
  readonly #transport: Transport;

  constructor(options: ClientOptions = {}) {
    this.#options = { ...options };
    const timeout = options.timeout ?? DEFAULT_TIMEOUT_MS;
    const maxRetries = options.maxRetries ?? DEFAULT_MAX_RETRIES;
    if (!Number.isFinite(timeout) || timeout <= 0) {
      throw new RangeError('timeout must be a positive number of milliseconds');
    }
    if (!Number.isInteger(maxRetries) || maxRetries < 0) {
      throw new RangeError('maxRetries must be a whole number, 0 or more');
    }
    this.#transport = new Transport({
      baseUrl: options.baseUrl ?? DEFAULT_BASE_URL,
      token: options.token,
      actAs: options.actAs,
      timeout,
      maxRetries,
      fetch: options.fetch ?? defaultFetch(),
      validateResponses: options.validateResponses ?? false,
      defaultHeaders: { ...options.defaultHeaders },
    });
    const transport = this.#transport;
    this.institutions = new Institutions(transport);
    this.agreements = new Agreements(transport);
    this.students = new Students(transport);
    this.staff = new StaffMembers(transport);
    this.delegations = new Delegations(transport);
    this.events = new Events(transport);
    this.publications = new Publications(transport);
    this.awards = new Awards(transport);
    this.knowledge = new Knowledge(transport);
    this.alerts = new Alerts(transport);
    this.reports = new Reports(transport);
    this.tokens = new Tokens(transport);
    this.bindings = new Bindings(transport);
    this.audit = new Audit(transport);
    this.calendars = new Calendars(transport);
    this.spreadsheets = new Spreadsheets(transport);
    this.ewp = new Ewp(transport);
    this.admin = new Admin(transport);
    this.reminders = new Reminders(transport);
  }

  /** Where this client sends its requests. */
  get baseUrl(): string {
    return this.#transport.config.baseUrl;
  }

  /**
   * A new client with some options changed, e.g. to act for someone:
   * `client.withOptions({ actAs: 'channel:wechat:o6_bmj…' })`. This client is unchanged.
   */
  withOptions(options: ClientOptions): Passerelle {
    return new Passerelle({ ...this.#options, ...options });
  }

  /** GET /healthz: the process is up. */
  health(options?: RequestOptions): APIPromise<HealthStatus> {
    return this.#transport.call({ method: 'GET', path: '/healthz', options });
  }

  /** GET /readyz: the API can reach its store (an `InternalServerError` with 503 when not). */
  ready(options?: RequestOptions): APIPromise<HealthStatus> {
    return this.#transport.call({ method: 'GET', path: '/readyz', options });
  }
}

/** `globalThis.fetch`, looked up at call time and called unbound (as browsers require). */
function defaultFetch(): Fetch {
  if (typeof globalThis.fetch !== 'function') {
    throw new TypeError(
      'No global fetch: pass one as `new Passerelle({ fetch })` (Node 20+, browsers, Deno and edge runtimes have it).',
    );
  }
  return (url, init) => globalThis.fetch(url, init);
}
