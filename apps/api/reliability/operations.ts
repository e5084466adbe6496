/**
 * Every operation of /openapi.json, and what the policy table says each role may do with it.
 *
 * `rightsMap` names, per operation, the `authorize(…, resource, action)` checks its handler makes
 * (read from src/routes/*.ts). It is checked for completeness against the document at run time:
 * an operation without an entry, or an entry without an operation, fails the suite, so it
 * cannot fall behind the API.
 */

import type { Role } from '../src/auth/identity';
import { type Access, type Action, policy, type Resource } from '../src/auth/policy';
import type { OpenApiDocument, Operation } from './schema-arbitrary';

export interface Requirement {
  resource: Resource;
  action: Action;
  /** The handler refuses anything short of `all` (exports, imports, attendance, …). */
  needsAll?: true;
}

/**
 * `public`: no bearer token needed; `feed`: a calendar feed token in the path instead;
 * `signed`: a signed link's query (signature and expiry) instead of a token.
 */
export type Rights = readonly Requirement[] | 'public' | 'feed' | 'signed';

const r = (resource: Resource, action: Action, needsAll?: true): Requirement =>
  needsAll === undefined ? { resource, action } : { resource, action, needsAll };

export const rightsMap: Readonly<Record<string, Rights>> = {
  'GET /healthz': 'public',
  'GET /readyz': 'public',
  'POST /v1/tokens': [r('tokens', 'create')],
  'GET /v1/tokens': [r('tokens', 'read')],
  'DELETE /v1/tokens/{id}': [r('tokens', 'delete')],
  'POST /v1/bindings/codes': [r('binding_codes', 'create')],
  'POST /v1/bindings': [r('bindings', 'create')],
  'GET /v1/bindings/resolve': [r('bindings', 'read')],
  'GET /v1/audit': [r('audit', 'read')],
  'GET /v1/institutions': [r('institutions', 'read')],
  'POST /v1/institutions': [r('institutions', 'create')],
  'GET /v1/institutions/{id}': [r('institutions', 'read')],
  'GET /v1/institutions/{id}/overview': [
    r('institutions', 'read', true),
    r('agreements', 'read'),
    r('delegations', 'read'),
  ],
  'PATCH /v1/institutions/{id}': [r('institutions', 'update')],
  'DELETE /v1/institutions/{id}': [r('institutions', 'delete')],
  'GET /v1/students': [r('students', 'read')],
  'GET /v1/students/counts': [r('students', 'read', true)],
  'POST /v1/students': [r('students', 'create')],
  'GET /v1/students/{id}': [r('students', 'read')],
  'PATCH /v1/students/{id}': [r('students', 'update')],
  'DELETE /v1/students/{id}': [r('students', 'delete')],
  'POST /v1/students/{id}/transitions': [r('student_status', 'update')],
  'GET /v1/agreements': [r('agreements', 'read')],
  'POST /v1/agreements': [r('agreements', 'create')],
  'GET /v1/agreements/{id}': [r('agreements', 'read')],
  'PATCH /v1/agreements/{id}': [r('agreements', 'update')],
  'DELETE /v1/agreements/{id}': [r('agreements', 'delete')],
  'POST /v1/agreements/{id}/transitions': [r('agreements', 'update')],
  'GET /v1/agreements/{id}/balance': [r('agreements', 'read')],
  'GET /v1/staff': [r('staff', 'read')],
  'POST /v1/staff': [r('staff', 'create')],
  'GET /v1/staff/{id}': [r('staff', 'read')],
  'PATCH /v1/staff/{id}': [r('staff', 'update')],
  'DELETE /v1/staff/{id}': [r('staff', 'delete')],
  'GET /v1/publications': [r('publications', 'read')],
  'POST /v1/publications': [r('publications', 'create')],
  'GET /v1/publications/{id}': [r('publications', 'read')],
  'PATCH /v1/publications/{id}': [r('publications', 'update')],
  'DELETE /v1/publications/{id}': [r('publications', 'delete')],
  'GET /v1/awards': [r('awards', 'read')],
  'POST /v1/awards': [r('awards', 'create')],
  'GET /v1/awards/{id}': [r('awards', 'read')],
  'PATCH /v1/awards/{id}': [r('awards', 'update')],
  'DELETE /v1/awards/{id}': [r('awards', 'delete')],
  'GET /v1/alerts': [r('alerts', 'read')],
  'GET /v1/delegations': [r('delegations', 'read')],
  'POST /v1/delegations': [r('delegations', 'create')],
  'GET /v1/delegations/{id}': [r('delegations', 'read')],
  'PATCH /v1/delegations/{id}': [r('delegations', 'update')],
  'DELETE /v1/delegations/{id}': [r('delegations', 'delete')],
  'POST /v1/delegations/{id}/transitions': [r('delegations', 'update')],
  'GET /v1/delegations/{id}/validation': [r('delegations', 'read')],
  'GET /v1/delegations/{id}/follow-ups': [r('delegations', 'read')],
  'POST /v1/delegations/{id}/itinerary': [r('delegations', 'update')],
  'PATCH /v1/delegations/{id}/itinerary/{itemId}': [r('delegations', 'update')],
  'DELETE /v1/delegations/{id}/itinerary/{itemId}': [r('delegations', 'update')],
  'POST /v1/delegations/{id}/outcomes': [r('delegations', 'update')],
  'PATCH /v1/delegations/{id}/outcomes/{outcomeId}': [r('delegations', 'update')],
  'DELETE /v1/delegations/{id}/outcomes/{outcomeId}': [r('delegations', 'update')],
  'POST /v1/delegations/{id}/outcomes/{outcomeId}/follow-ups': [r('delegations', 'update')],
  'PATCH /v1/delegations/{id}/outcomes/{outcomeId}/follow-ups/{fupId}': [
    r('delegations', 'update'),
  ],
  'GET /v1/events': [r('events', 'read')],
  'POST /v1/events': [r('events', 'create')],
  'GET /v1/events/{id}': [r('events', 'read')],
  'PATCH /v1/events/{id}': [r('events', 'update')],
  'DELETE /v1/events/{id}': [r('events', 'delete')],
  'POST /v1/events/{id}/registrations': [r('registrations', 'create')],
  'GET /v1/events/{id}/registrations': [r('registrations', 'read')],
  'GET /v1/me/registrations': [r('registrations', 'read')],
  'DELETE /v1/events/{id}/registrations/{regId}': [r('registrations', 'update')],
  'POST /v1/events/{id}/registrations/{regId}/attendance': [r('registrations', 'update', true)],
  'GET /v1/workshops/slots': [r('events', 'create')],
  'GET /v1/knowledge/articles': [r('articles', 'read')],
  'POST /v1/knowledge/articles': [r('articles', 'create')],
  'GET /v1/knowledge/articles/{id}': [r('articles', 'read')],
  'PATCH /v1/knowledge/articles/{id}': [r('articles', 'update')],
  'DELETE /v1/knowledge/articles/{id}': [r('articles', 'delete')],
  'GET /v1/knowledge/search': [r('articles', 'read')],
  'GET /v1/reports/year-end/{year}': [r('reports', 'read')],
  'GET /v1/calendars/events.ics': [r('events', 'read')],
  'GET /v1/calendars/delegations/{id}.ics': [r('delegations', 'read')],
  'POST /v1/calendars/feeds': [r('calendar_feeds', 'create')],
  'GET /v1/calendars/feeds': [r('calendar_feeds', 'read')],
  'DELETE /v1/calendars/feeds/{id}': [r('calendar_feeds', 'delete')],
  'GET /v1/calendars/feeds/{feedToken}/events.ics': 'feed',
  'GET /v1/calendars/feeds/{feedToken}/delegations/{id}.ics': 'feed',
  'GET /v1/exports/students.csv': [r('students', 'read', true)],
  'GET /v1/exports/institutions.csv': [r('institutions', 'read', true)],
  'GET /v1/exports/agreements.csv': [r('agreements', 'read', true)],
  'GET /v1/exports/registrations.csv': [r('registrations', 'read', true)],
  'GET /v1/exports/students.xlsx': [r('students', 'read', true)],
  'GET /v1/exports/institutions.xlsx': [r('institutions', 'read', true)],
  'GET /v1/exports/agreements.xlsx': [r('agreements', 'read', true)],
  'GET /v1/exports/registrations.xlsx': [r('registrations', 'read', true)],
  // The resource is a path parameter; the matrix sends `institutions`.
  'POST /v1/imports/{resource}': [
    r('institutions', 'create', true),
    r('institutions', 'update', true),
  ],
  'GET /v1/ewp/iias': [r('agreements', 'read'), r('institutions', 'read')],
  'POST /v1/ewp/iias/import': [r('agreements', 'create'), r('institutions', 'create')],
  'POST /v1/reports/year-end/{year}/links': [r('reports', 'read')],
  'GET /v1/reports/year-end/{year}/signed': 'signed',
  'GET /v1/reminders': [r('reminders', 'read')],
  'POST /v1/reminders/run': [r('reminders', 'create')],
  'POST /v1/reminders/claim': [r('reminders', 'update')],
  'POST /v1/reminders/{id}/delivered': [r('reminders', 'update')],
  'POST /v1/reminders/{id}/failed': [r('reminders', 'update')],
  'GET /v1/me/reminders': [r('reminder_preferences', 'read')],
  'PUT /v1/me/reminders': [r('reminder_preferences', 'update')],
  'GET /v1/admin/backup': [r('backup', 'read')],
  'POST /v1/admin/restore': [r('backup', 'create')],
};

export interface DocOperation {
  key: string;
  method: string;
  path: string;
  operation: Operation;
}

const methods = ['get', 'post', 'put', 'patch', 'delete'];

export function operationsOf(doc: OpenApiDocument): DocOperation[] {
  const list: DocOperation[] = [];
  for (const [path, item] of Object.entries(doc.paths)) {
    for (const [method, operation] of Object.entries(item)) {
      if (!methods.includes(method)) continue;
      const upper = method.toUpperCase();
      list.push({ key: `${upper} ${path}`, method: upper, path, operation });
    }
  }
  return list;
}

/** The callers of the matrix. */
export const callers = [
  'admin',
  'staff',
  'student',
  'service',
  'service-as-student',
  'service-as-staff',
  'no-token',
  'malformed-token',
  'revoked-token',
  'expired-token',
] as const;
export type Caller = (typeof callers)[number];

/** The role whose row of the policy applies, or undefined when the caller is not authenticated. */
export function roleOf(caller: Caller): Role | undefined {
  switch (caller) {
    case 'admin':
    case 'staff':
    case 'student':
    case 'service':
      return caller;
    case 'service-as-student':
      return 'student';
    case 'service-as-staff':
      return 'staff';
    default:
      return undefined;
  }
}

export type Expected =
  | { kind: 'allowed'; access: readonly Access[] }
  | { kind: 'denied'; status: 403 | 404 }
  | { kind: 'unauthenticated' }
  | { kind: 'public' }
  | { kind: 'feed' }
  | { kind: 'signed' };

/** What the policy table says `caller` gets from the operation. */
export function expectedOutcome(rights: Rights, caller: Caller): Expected {
  if (rights === 'public') return { kind: 'public' };
  if (rights === 'feed') return { kind: 'feed' };
  if (rights === 'signed') return { kind: 'signed' };
  const role = roleOf(caller);
  if (role === undefined) return { kind: 'unauthenticated' };
  const access = rights.map((req) => policy[role][req.resource][req.action]);
  const refused = rights.some((req, i) => {
    const a = access[i];
    return a === 'none' || (req.needsAll === true && a !== 'all');
  });
  if (refused) return { kind: 'denied', status: role === 'student' ? 404 : 403 };
  return { kind: 'allowed', access };
}
