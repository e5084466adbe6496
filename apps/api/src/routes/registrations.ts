/**
 * Registrations (rule 7): /v1/events/{id}/registrations and /v1/me/registrations.
 *
 * Every change to the registrations of an event runs in a transaction that first locks the
 * event's row, so registrations, cancellations and attendance marks of one event happen one
 * after another: capacity holds under any concurrency, arrival numbers (`sequence`) follow the
 * order in which requests took the lock, and a freed seat goes to the first of the waitlist.
 *
 * A student (or the bot acting for one) registers only themself, sees and cancels only their
 * own registrations, and gets 404 for anything else. Staff register anyone, see everything and
 * record attendance.
 */
import { createRoute } from '@hono/zod-openapi';
import {
  type AudienceMember,
  cancelRegistration,
  type Event,
  EventId,
  markAttendance,
  newId,
  Participant,
  participantKey,
  Registration,
  RegistrationId,
  RegistrationStatus,
  register,
  type Violation,
} from '@passerelle/core';
import { and, eq } from 'drizzle-orm';
import { z } from 'zod';
import { writeAudit } from '../audit';
import { type Auth, ownStudentId } from '../auth/identity';
import { authorize, denied } from '../auth/policy';
import { listPage, pageOf, pageQuery, sortParam } from '../db/keyset';
import { guardUnique } from '../db/mutations';
import { findRecord, insertRecord } from '../db/records';
import { registrations, staff } from '../db/schema';
import type { Queryable, Tx } from '../db/store';
import { checkIfMatch, etagOf, ifMatchHeaders } from '../http/conditional';
import { type App, type AppDeps, authOf } from '../http/context';
import { ApiError } from '../http/problem';
import { eventRepository, registrationRepository as repository } from '../repositories/events';
import { programmeKindOf } from '../repositories/students';
import { actorOf, bearer, errors, etagHeader } from './common';
import { canSee, type EventReader, eventReaderOf, participantOf } from './events';
import { registrationsOf, writeRegistration } from './waitlist';

const tags = ['Registrations'];
const EventParams = z.object({ id: EventId.meta({ param: { name: 'id', in: 'path' } }) });
const RegistrationParams = EventParams.extend({
  regId: RegistrationId.meta({ param: { name: 'regId', in: 'path' } }),
});

const RegisterBody = z
  .object({
    participant: Participant.optional().meta({
      description:
        'Who registers. Absent: the caller (a student, or the member of staff behind the token). A student may name only themself.',
    }),
  })
  .meta({ id: 'RegistrationRequest' });

const AttendanceBody = z
  .object({ status: z.enum(['attended', 'no_show']) })
  .meta({ id: 'AttendanceRequest' });

/** What a cancellation answers: the cancelled registration, and for staff who moved up. */
const CancelledRegistration = Registration.extend({
  promoted: Registration.nullable().optional().meta({
    description:
      'Staff only: the waitlisted registration that took the freed seat (null when none did).',
  }),
}).meta({ id: 'CancelledRegistration' });

const eventSorts = { sequence: [registrations.sequence] };
const EventListQuery = z.object({
  ...pageQuery,
  sort: sortParam(eventSorts, 'sequence'),
  status: RegistrationStatus.optional(),
});

const mineSorts = { created: [registrations.createdAt] };
const MineQuery = z.object({
  ...pageQuery,
  sort: sortParam(mineSorts, '-created'),
  status: RegistrationStatus.optional(),
});

const RegistrationPage = pageOf(Registration, 'RegistrationPage');

const create = createRoute({
  method: 'post',
  path: '/v1/events/{id}/registrations',
  tags,
  summary: 'Register for an event',
  description:
    'Rule 7: `registered` while seats are free, then `waitlisted` in arrival order. Refusals are 422 `rule_violation` naming the rule: `event.already_registered`, `event.not_in_audience`, `event.registration_not_open`, `event.registration_closed`, `event.cancelled`.',
  security: bearer,
  request: {
    params: EventParams,
    body: { required: false, content: { 'application/json': { schema: RegisterBody } } },
  },
  responses: {
    201: {
      description: 'The registration (status `registered` or `waitlisted`)',
      headers: etagHeader,
      content: { 'application/json': { schema: Registration } },
    },
    ...errors(403, 404, 409, 413, 415, 422),
  },
});

const listForEvent = createRoute({
  method: 'get',
  path: '/v1/events/{id}/registrations',
  tags,
  summary: "List an event's registrations",
  description: 'In arrival order. A student gets only their own.',
  security: bearer,
  request: { params: EventParams, query: EventListQuery },
  responses: {
    200: {
      description: 'A page of registrations',
      content: { 'application/json': { schema: RegistrationPage } },
    },
    ...errors(403, 404),
  },
});

const listMine = createRoute({
  method: 'get',
  path: '/v1/me/registrations',
  tags,
  summary: 'My registrations',
  description:
    "The caller's own registrations across events, newest first by default: a student's (or the student a service acts for), or a member of staff's own. A token that stands for no person gets an empty list.",
  security: bearer,
  request: { query: MineQuery },
  responses: {
    200: {
      description: 'A page of registrations',
      content: { 'application/json': { schema: RegistrationPage } },
    },
    ...errors(403, 404),
  },
});

const cancel = createRoute({
  method: 'delete',
  path: '/v1/events/{id}/registrations/{regId}',
  tags,
  summary: 'Cancel a registration',
  description:
    'A freed seat goes to the waitlisted registration with the lowest sequence, in the same transaction. Answers the cancelled registration; staff also get `promoted`. A registration that is no longer registered or waitlisted is 409 `illegal_transition` (`registration.not_cancellable`).',
  security: bearer,
  request: { params: RegistrationParams, headers: ifMatchHeaders },
  responses: {
    200: {
      description: 'The cancelled registration',
      headers: etagHeader,
      content: { 'application/json': { schema: CancelledRegistration } },
    },
    ...errors(403, 404, 409, 412),
  },
});

const attendance = createRoute({
  method: 'post',
  path: '/v1/events/{id}/registrations/{regId}/attendance',
  tags,
  summary: 'Record attendance (staff)',
  description:
    'For a registered person; a mark may be corrected (attended ↔ no_show). A waitlisted or cancelled registration is 409 `illegal_transition` (`registration.not_attendable`).',
  security: bearer,
  request: {
    params: RegistrationParams,
    headers: ifMatchHeaders,
    body: { required: true, content: { 'application/json': { schema: AttendanceBody } } },
  },
  responses: {
    200: {
      description: 'The registration with its attendance',
      headers: etagHeader,
      content: { 'application/json': { schema: Registration } },
    },
    ...errors(403, 404, 409, 412, 413, 415),
  },
});

/** Reads an event with its row locked: the start of every change to its registrations. */
async function lockEvent(tx: Tx, id: string): Promise<Event> {
  const event = await findRecord(tx, eventRepository, id, { forUpdate: true });
  if (event === undefined) throw ApiError.notFound(`Event ${id}`);
  return event;
}

/** Whether this caller may reach this registration: staff any, a student their own. */
function reaches(auth: Auth, registration: Registration): boolean {
  if (auth.identity.role === 'admin' || auth.identity.role === 'staff') return true;
  const own = ownStudentId(auth);
  return (
    own !== undefined &&
    registration.participant.kind === 'student' &&
    registration.participant.studentId === own
  );
}

/**
 * Who registers, and who they are for the audience rule; 400 when the participant is unknown.
 * A student registering themself is the reader of the request, whose programme was read with it.
 */
async function resolveParticipant(
  db: Queryable,
  auth: Auth,
  reader: EventReader,
  sent: Participant | undefined,
): Promise<{ participant: Participant; audience: AudienceMember | undefined }> {
  const caller = participantOf(auth);
  const own = ownStudentId(auth);
  if (own !== undefined && sent !== undefined && participantKey(sent) !== `student:${own}`) {
    // A student registers only themself.
    throw denied(auth);
  }
  const participant = sent ?? caller;
  if (participant === undefined) {
    throw new ApiError('validation', {
      detail: 'body.participant: this token stands for no person; name the participant',
      errors: [{ path: 'body.participant', message: 'this token stands for no person; name one' }],
    });
  }
  if (participant.kind === 'student') {
    if (
      participant.studentId === own &&
      reader.kind === 'open' &&
      reader.member.kind === 'student'
    ) {
      return { participant, audience: reader.member };
    }
    const programmeKind = await programmeKindOf(db, participant.studentId);
    if (programmeKind === undefined) throw unknownParticipant('studentId', 'no such student');
    return { participant, audience: { kind: 'student', programmeKind } };
  }
  if (participant.kind === 'staff') {
    const [row] = await db
      .select({ id: staff.id })
      .from(staff)
      .where(eq(staff.id, participant.staffId))
      .limit(1);
    if (row === undefined) throw unknownParticipant('staffId', 'no such member of staff');
  }
  return { participant, audience: undefined };
}

function unknownParticipant(field: string, message: string): ApiError {
  return new ApiError('validation', {
    detail: `body.participant.${field}: ${message}`,
    errors: [{ path: `body.participant.${field}`, message }],
  });
}

/** A core refusal about a registration: 404 for one not found, 409 for a wrong state. */
function refusal(violation: Violation): ApiError {
  if (violation.rule === 'registration.not_found') {
    return new ApiError('not_found', { detail: violation.message.en });
  }
  return ApiError.fromViolation(violation, 'illegal_transition');
}

export function registerRegistrations(app: App, deps: AppDeps): void {
  const { db } = deps.store;

  app.openapi(create, async (c) => {
    const auth = authOf(c);
    authorize(auth, 'registrations', 'create');
    const reader: EventReader = await eventReaderOf(db, auth);
    const { id } = c.req.valid('param');
    const { participant: sent } = c.req.valid('json');
    const { participant, audience } = await resolveParticipant(db, auth, reader, sent);
    const actor = actorOf(c, deps);
    const registration = await db.transaction(async (tx) => {
      const event = await lockEvent(tx, id);
      if (!canSee(reader, event)) throw ApiError.notFound(`Event ${id}`);
      const outcome = register({
        event,
        registrations: await registrationsOf(tx, id),
        participant,
        ...(audience === undefined ? {} : { audience }),
        now: actor.now,
        id: newId('reg', actor.now.getTime()),
      });
      if (!outcome.ok) throw ApiError.fromViolation(outcome.violation, 'rule_violation');
      const created = repository.schema.parse(outcome.value.registration);
      await guardUnique(() => insertRecord(tx, repository, created), 'registration');
      await writeAudit(tx, actor, {
        action: 'registration.create',
        entity: 'registration',
        entityId: created.id,
        versionAfter: created.version,
        details: { eventId: id, status: created.status, sequence: created.sequence },
      });
      return created;
    });
    c.header('Location', `/v1/events/${id}/registrations/${registration.id}`);
    c.header('ETag', etagOf(registration.version));
    return c.json(registration, 201);
  });

  app.openapi(listForEvent, async (c) => {
    const auth = authOf(c);
    const access = authorize(auth, 'registrations', 'read');
    const { id } = c.req.valid('param');
    const query = c.req.valid('query');
    const own = access === 'all' ? undefined : ownStudentId(auth);
    if (access !== 'all' && own === undefined) throw denied(auth);
    const event = await findRecord(db, eventRepository, id);
    if (event === undefined) throw ApiError.notFound(`Event ${id}`);
    if (own !== undefined && !canSee(await eventReaderOf(db, auth), event)) {
      // An event hidden from the student exists for them only through their own registrations.
      const [held] = await db
        .select({ id: registrations.id })
        .from(registrations)
        .where(and(eq(registrations.eventId, id), eq(registrations.studentId, own)))
        .limit(1);
      if (held === undefined) throw ApiError.notFound(`Event ${id}`);
    }
    const page = await listPage(db, repository, {
      where: [
        eq(registrations.eventId, id),
        own === undefined ? undefined : eq(registrations.studentId, own),
        query.status === undefined ? undefined : eq(registrations.status, query.status),
      ],
      sorts: eventSorts,
      sort: query.sort,
      limit: query.limit,
      cursor: query.cursor,
    });
    return c.json(page, 200);
  });

  app.openapi(listMine, async (c) => {
    const auth = authOf(c);
    authorize(auth, 'registrations', 'read');
    const query = c.req.valid('query');
    const me = participantOf(auth);
    if (me === undefined) return c.json({ data: [], next_cursor: null }, 200);
    const page = await listPage(db, repository, {
      where: [
        me.kind === 'student'
          ? eq(registrations.studentId, me.studentId)
          : eq(registrations.participantKey, participantKey(me)),
        query.status === undefined ? undefined : eq(registrations.status, query.status),
      ],
      sorts: mineSorts,
      sort: query.sort,
      limit: query.limit,
      cursor: query.cursor,
    });
    return c.json(page, 200);
  });

  app.openapi(cancel, async (c) => {
    const auth = authOf(c);
    const access = authorize(auth, 'registrations', 'update');
    const { id, regId } = c.req.valid('param');
    const ifMatch = c.req.valid('header')['if-match'];
    const actor = actorOf(c, deps);
    const result = await db.transaction(async (tx) => {
      const event = await lockEvent(tx, id);
      const all = await registrationsOf(tx, id, regId);
      const target = all.find((registration) => registration.id === regId);
      if (target === undefined || !reaches(auth, target)) {
        throw ApiError.notFound(`Registration ${regId}`);
      }
      checkIfMatch(ifMatch, target.version);
      const outcome = cancelRegistration({
        event,
        registrations: all,
        registrationId: target.id,
        now: actor.now,
      });
      if (!outcome.ok) throw refusal(outcome.violation);
      const { cancelled, promoted } = outcome.value;
      await writeRegistration(tx, actor, target, cancelled, 'registration.cancel', {
        eventId: id,
        ...(promoted === null ? {} : { promoted: promoted.id }),
      });
      if (promoted !== null) {
        const waiting = all.find((registration) => registration.id === promoted.id) ?? promoted;
        await writeRegistration(tx, actor, waiting, promoted, 'registration.promote', {
          eventId: id,
          freedBy: cancelled.id,
        });
      }
      return { cancelled, promoted };
    });
    c.header('ETag', etagOf(result.cancelled.version));
    return c.json(
      access === 'all' ? { ...result.cancelled, promoted: result.promoted } : result.cancelled,
      200,
    );
  });

  app.openapi(attendance, async (c) => {
    const auth = authOf(c);
    const access = authorize(auth, 'registrations', 'update');
    if (access !== 'all') throw denied(auth);
    const { id, regId } = c.req.valid('param');
    const { status } = c.req.valid('json');
    const ifMatch = c.req.valid('header')['if-match'];
    const actor = actorOf(c, deps);
    const marked = await db.transaction(async (tx) => {
      await lockEvent(tx, id);
      const current = await findRecord(tx, repository, regId, {
        forUpdate: true,
        where: eq(registrations.eventId, id),
      });
      if (current === undefined) throw ApiError.notFound(`Registration ${regId}`);
      checkIfMatch(ifMatch, current.version);
      const outcome = markAttendance(current, status, actor.now);
      if (!outcome.ok) throw refusal(outcome.violation);
      if (outcome.value.version !== current.version) {
        await writeRegistration(tx, actor, current, outcome.value, 'registration.attendance', {
          eventId: id,
          status,
        });
      }
      return outcome.value;
    });
    c.header('ETag', etagOf(marked.version));
    return c.json(marked, 200);
  });
}
