/**
 * Who may do what: the single table of rights, per role × resource × action. Every route asks
 * `authorize` before it touches data; nothing else decides access. apps/api/README.md shows
 * the same table.
 *
 * - `all`: every record, every field.
 * - `public`: what anyone may see: partner names (partners only, no contacts or stage),
 *   events and articles open to the asker's audience, staff names and titles.
 * - `own`: only the asker's own records (a student's record, their registrations).
 * - `none`: refused. A student is answered 404, as if the thing did not exist; other roles 403.
 *
 * A service token acting for someone (`Passerelle-Act-As`) is judged by that person's row, so
 * the bot never has more rights than the person it speaks for. On its own (no header: a chat
 * user who has not bound an identity) it has the `public` rows below; for articles that means
 * those open to students in general or to the public (routes/knowledge.ts), so the bot can
 * answer from the Survival Guide before anyone binds.
 */
import { ApiError } from '../http/problem';
import type { Auth, Role } from './identity';

export const resources = [
  'institutions',
  'agreements',
  'students',
  /** Moving a student through the lifecycle (admission included). */
  'student_status',
  'staff',
  'delegations',
  'events',
  'registrations',
  'publications',
  'awards',
  'articles',
  'alerts',
  'reports',
  'tokens',
  'binding_codes',
  'bindings',
  'audit',
  /** Calendar feed tokens (subscription URLs) of the asker. */
  'calendar_feeds',
  /** The whole store: read = take a backup, create = restore one into an empty store. */
  'backup',
  /** Reminders: read = list, create = run the daily computation, update = claim and acknowledge. */
  'reminders',
  /** The asker's own choice of reminders on or off (GET and PUT /v1/me/reminders). */
  'reminder_preferences',
] as const;
export type Resource = (typeof resources)[number];

export const actions = ['read', 'create', 'update', 'delete'] as const;
export type Action = (typeof actions)[number];

export type Access = 'all' | 'public' | 'own' | 'none';

type Rights = Readonly<Record<Action, Access>>;

const rights = (read: Access, create: Access, update: Access, remove: Access): Rights => ({
  read,
  create,
  update,
  delete: remove,
});
const ALL = rights('all', 'all', 'all', 'all');
const NONE = rights('none', 'none', 'none', 'none');
/** Read and write, but deleting is for admins. */
const EDIT = rights('all', 'all', 'all', 'none');
const READ = rights('all', 'none', 'none', 'none');
const PUBLIC = rights('public', 'none', 'none', 'none');

export const policy: Readonly<Record<Role, Readonly<Record<Resource, Rights>>>> = {
  admin: {
    institutions: ALL,
    agreements: ALL,
    students: ALL,
    student_status: rights('none', 'none', 'all', 'none'),
    staff: ALL,
    delegations: ALL,
    events: ALL,
    registrations: ALL,
    publications: ALL,
    awards: ALL,
    articles: ALL,
    alerts: READ,
    reports: READ,
    tokens: ALL,
    binding_codes: ALL,
    bindings: ALL,
    audit: READ,
    // Admins may revoke anyone's feed (a leaked URL); everyone lists and makes only their own.
    calendar_feeds: rights('own', 'own', 'none', 'all'),
    backup: rights('all', 'all', 'none', 'none'),
    // Admins run the computation by hand; delivering is the bot's (service) work.
    reminders: rights('all', 'all', 'none', 'none'),
    reminder_preferences: rights('own', 'none', 'own', 'none'),
  },
  staff: {
    institutions: EDIT,
    agreements: EDIT,
    students: EDIT,
    student_status: rights('none', 'none', 'all', 'none'),
    staff: READ,
    delegations: EDIT,
    events: EDIT,
    registrations: EDIT,
    publications: EDIT,
    awards: EDIT,
    articles: EDIT,
    alerts: READ,
    reports: READ,
    tokens: NONE,
    binding_codes: rights('none', 'all', 'none', 'none'),
    // Staff may bind their own chat identity with a code issued for them.
    bindings: rights('none', 'own', 'none', 'none'),
    audit: NONE,
    calendar_feeds: rights('own', 'own', 'none', 'own'),
    backup: NONE,
    reminders: READ,
    reminder_preferences: rights('own', 'none', 'own', 'none'),
  },
  student: {
    institutions: PUBLIC,
    agreements: NONE,
    // Their own record (without staff notes or document numbers); a few fields are theirs to change.
    students: rights('own', 'none', 'own', 'none'),
    student_status: NONE,
    staff: PUBLIC,
    delegations: NONE,
    events: PUBLIC,
    // Register themselves, see and cancel their own registrations.
    registrations: rights('own', 'own', 'own', 'none'),
    publications: READ,
    awards: READ,
    articles: PUBLIC,
    alerts: rights('own', 'none', 'none', 'none'),
    reports: NONE,
    tokens: NONE,
    binding_codes: NONE,
    bindings: rights('none', 'own', 'none', 'none'),
    audit: NONE,
    calendar_feeds: rights('own', 'own', 'none', 'own'),
    backup: NONE,
    reminders: NONE,
    reminder_preferences: rights('own', 'none', 'own', 'none'),
  },
  service: {
    institutions: PUBLIC,
    agreements: NONE,
    students: NONE,
    student_status: NONE,
    staff: NONE,
    delegations: NONE,
    events: PUBLIC,
    registrations: NONE,
    publications: READ,
    awards: READ,
    articles: PUBLIC,
    alerts: NONE,
    reports: NONE,
    tokens: NONE,
    binding_codes: NONE,
    // Bind a chat identity with a code, and resolve a chat identity to a person.
    bindings: rights('all', 'all', 'none', 'none'),
    audit: NONE,
    calendar_feeds: NONE,
    backup: NONE,
    // Run the daily computation (a scheduler of its own), claim and acknowledge deliveries.
    reminders: rights('none', 'all', 'all', 'none'),
    // Only when acting for someone (then that person's row applies).
    reminder_preferences: NONE,
  },
};

/** The access the request's identity has, without refusing. */
export function accessOf(auth: Auth, resource: Resource, action: Action): Access {
  return policy[auth.identity.role][resource][action];
}

/**
 * The access the request's identity has to `resource` for `action`, or a refusal: 404 for a
 * student (as if the thing did not exist), 403 for everyone else.
 */
export function authorize(auth: Auth, resource: Resource, action: Action): Exclude<Access, 'none'> {
  const access = accessOf(auth, resource, action);
  if (access === 'none') throw denied(auth);
  return access;
}

/** The refusal for this identity: a student never learns that something exists. */
export function denied(auth: Auth): ApiError {
  return auth.identity.role === 'student'
    ? new ApiError('not_found', { detail: 'Not found.' })
    : new ApiError('forbidden', {
        detail: `The ${auth.identity.role} role may not do this.`,
      });
}
