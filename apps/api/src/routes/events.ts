/**
 * /v1/events: cultural events, seminars, summer schools, orientations, online workshops.
 * Staff and admins see and edit every event (admins delete); students and the bot see only
 * events open to them (core `isOpenTo`: a student by their programme kind, the bot on its own
 * as a guest) that are not cancelled, and get 404 for the others. Every event answered by a
 * read carries a `registration` summary (capacity, seats taken, waitlist, seats left, and the
 * asker's own registration). An online workshop is checked against rule 8 (core
 * `validateWorkshop`) in the office's time zone and the partner's.
 */
import { createRoute } from '@hono/zod-openapi';
import {
  AcademicYear,
  AudienceGroup,
  type AudienceMember,
  academicYearOf,
  addDays,
  CalendarDate,
  dateInZone,
  Event,
  EventId,
  EventInput,
  EventKind,
  EventView,
  InstitutionId,
  isOpenTo,
  newId,
  type Participant,
  ProgrammeKind,
  participantKey,
  RegistrationId,
  RegistrationStatus,
  type RegistrationSummary,
  Session,
  type Violation,
  validateWorkshop,
  zonedTimeToInstant,
} from '@passerelle/core';
import { and, arrayOverlaps, count, eq, gt, lt, type SQL, sql } from 'drizzle-orm';
import { z } from 'zod';
import { writeAudit } from '../audit';
import { type Auth, ownStudentId } from '../auth/identity';
import { authorize } from '../auth/policy';
import { listPage, pageOf, pageQuery, sortParam } from '../db/keyset';
import { changeRecord, createRecord } from '../db/mutations';
import { contains, deleteRecord, findRecord } from '../db/records';
import { events, registrations } from '../db/schema';
import { anyOf } from '../db/sql';
import { reusable } from '../db/statements';
import type { Queryable } from '../db/store';
import { checkIfMatch, etagOf, ifMatchHeaders } from '../http/conditional';
import { type App, type AppDeps, authOf } from '../http/context';
import { ApiError } from '../http/problem';
import { eventRepository as repository } from '../repositories/events';
import { audienceMemberOf } from '../repositories/students';
import {
  actorOf,
  bearer,
  errors,
  etagHeader,
  patchSchema,
  sentFields,
  validateMerged,
} from './common';
import { fillFreedSeats } from './waitlist';

const tags = ['Events'];
const IdParams = z.object({ id: EventId.meta({ param: { name: 'id', in: 'path' } }) });

/** Registration statuses that hold a place (a seat or a waitlist spot). */
export const activeStatuses = ['registered', 'waitlisted', 'attended'] as const;

const sorts = {
  start: [events.startsAt],
  created: [events.createdAt],
  title: [events.titleSort],
};

const ListQuery = z.object({
  ...pageQuery,
  sort: sortParam(sorts, 'start'),
  kind: EventKind.optional(),
  audience: AudienceGroup.optional().meta({
    description:
      'Events open to this group: `exchange` also finds events for all students and public ones.',
  }),
  from: CalendarDate.optional().meta({
    description: "Events with sessions on or after this date (the office's time zone).",
  }),
  to: CalendarDate.optional().meta({
    description: "Events with sessions on or before this date (the office's time zone).",
  }),
  academic_year: AcademicYear.optional(),
  partner_institution_id: InstitutionId.optional(),
  q: z
    .string()
    .trim()
    .min(1)
    .max(100)
    .optional()
    .meta({ description: 'Search over titles in every language, organiser and workshop topic.' }),
});

/** A session in a patch: sessions that keep their `id` keep it; new ones get one. */
const SessionPatch = Session.partial({ id: true }).meta({ id: 'SessionPatch' });
const { sessions: _sessions, ...patchableShape } = EventInput.shape;
const EventPatch = patchSchema({
  ...patchableShape,
  sessions: z.array(SessionPatch).min(1).max(100),
}).meta({ id: 'EventPatch' });

const list = createRoute({
  method: 'get',
  path: '/v1/events',
  tags,
  summary: 'List events',
  description:
    'Staff see every event; students and the bot see events open to them that are not cancelled.',
  security: bearer,
  request: { query: ListQuery },
  responses: {
    200: {
      description: 'A page of events',
      content: { 'application/json': { schema: pageOf(EventView, 'EventPage') } },
    },
    ...errors(403, 404),
  },
});

const get = createRoute({
  method: 'get',
  path: '/v1/events/{id}',
  tags,
  summary: 'Get an event',
  security: bearer,
  request: { params: IdParams },
  responses: {
    200: {
      description: 'The event with its registration summary',
      headers: etagHeader,
      content: { 'application/json': { schema: EventView } },
    },
    ...errors(403, 404),
  },
});

const create = createRoute({
  method: 'post',
  path: '/v1/events',
  tags,
  summary: 'Create an event',
  description:
    "Sessions get ids. An `online_workshop` needs `workshop` details and must follow rule 8 (150 to 180 minutes, panels of 30 to 40 minutes inside it and not overlapping on a track, within working hours on a weekday in the office's and the partner's time zones); otherwise 422 `rule_violation` with every violation in `data.violations`.",
  security: bearer,
  request: {
    body: { required: true, content: { 'application/json': { schema: EventInput } } },
  },
  responses: {
    201: {
      description: 'Created',
      headers: etagHeader,
      content: { 'application/json': { schema: Event } },
    },
    ...errors(403, 404, 413, 415, 422),
  },
});

const patch = createRoute({
  method: 'patch',
  path: '/v1/events/{id}',
  tags,
  summary: 'Change some fields of an event',
  description:
    'Only the fields sent change; `sessions` is replaced whole (a session sent with its `id` keeps it). A changed online workshop is checked against rule 8 again. A raised capacity gives its new seats to the waitlist in arrival order, in the same transaction (audit action `registration.promote`); a lowered one takes no seat back.',
  security: bearer,
  request: {
    params: IdParams,
    headers: ifMatchHeaders,
    body: { required: true, content: { 'application/json': { schema: EventPatch } } },
  },
  responses: {
    200: {
      description: 'The changed event',
      headers: etagHeader,
      content: { 'application/json': { schema: Event } },
    },
    ...errors(403, 404, 412, 413, 415, 422),
  },
});

const remove = createRoute({
  method: 'delete',
  path: '/v1/events/{id}',
  tags,
  summary: 'Delete an event and its registrations (admin)',
  description: 'To call an event off, staff set `cancelled: true` instead.',
  security: bearer,
  request: { params: IdParams, headers: ifMatchHeaders },
  responses: { 204: { description: 'Deleted' }, ...errors(403, 404, 412) },
});

/**
 * Who reads events: staff and admins read all; anyone else reads the events open to them
 * (as `AudienceMember` for core `isOpenTo`) that are not cancelled.
 */
export type EventReader =
  | { kind: 'all'; participant: Participant | undefined }
  | { kind: 'open'; member: AudienceMember; participant: Participant | undefined };

/** The participant a request stands for, when it is a person. */
export function participantOf(auth: Auth): Participant | undefined {
  const identity = auth.identity;
  switch (identity.role) {
    case 'student':
      return { kind: 'student', studentId: identity.studentId };
    case 'admin':
    case 'staff':
      return identity.staffId === undefined
        ? undefined
        : { kind: 'staff', staffId: identity.staffId };
    case 'service':
      return undefined;
  }
}

/** The reader of this request (authorizing the read of events). */
export async function eventReaderOf(db: Queryable, auth: Auth): Promise<EventReader> {
  const access = authorize(auth, 'events', 'read');
  const participant = participantOf(auth);
  if (access === 'all') return { kind: 'all', participant };
  const studentId = ownStudentId(auth);
  if (studentId === undefined) return { kind: 'open', member: { kind: 'guest' }, participant };
  return { kind: 'open', member: await audienceMemberOf(db, studentId), participant };
}

/** Whether the reader may see this event. */
export function canSee(reader: EventReader, event: Pick<Event, 'cancelled' | 'audience'>): boolean {
  return reader.kind === 'all' || (!event.cancelled && isOpenTo(event, reader.member));
}

/** The audience groups any of which opens an event to every one of these people. */
function groupsOpenToAll(members: readonly AudienceMember[]): AudienceGroup[] {
  return AudienceGroup.options.filter((group) =>
    members.every((member) => isOpenTo({ audience: [group] }, member)),
  );
}

/** The SQL condition for `canSee`, answered by the audience GIN index. */
function visibleWhere(reader: EventReader): SQL | undefined {
  if (reader.kind === 'all') return undefined;
  return and(
    eq(events.cancelled, false),
    arrayOverlaps(events.audience, groupsOpenToAll([reader.member])),
  );
}

/** `audience=G`: the events open to the people of group G. */
function audienceWhere(group: AudienceGroup): SQL {
  let members: AudienceMember[];
  if (group === 'staff') members = [{ kind: 'staff' }];
  else if (group === 'public') members = [{ kind: 'guest' }];
  else if (group === 'all_students') {
    members = ProgrammeKind.options.map((programmeKind) => ({ kind: 'student', programmeKind }));
  } else members = [{ kind: 'student', programmeKind: group }];
  return arrayOverlaps(events.audience, groupsOpenToAll(members));
}

/** Active registrations of a list of events, by event and status, with the asker's own. */
const summaryRows = reusable('passerelle_registration_summaries', (db) => {
  const own = sql`${registrations.participantKey} = ${sql.placeholder('asker')}`;
  return db
    .select({
      eventId: registrations.eventId,
      status: registrations.status,
      n: count(),
      mineId: sql<string | null>`min(${registrations.id}) filter (where ${own})`,
      mineSequence: sql<number | null>`min(${registrations.sequence}) filter (where ${own})`,
    })
    .from(registrations)
    .where(
      and(
        anyOf(registrations.eventId, sql.placeholder('ids')),
        anyOf(registrations.status, activeStatuses),
      ),
    )
    .groupBy(registrations.eventId, registrations.status);
});

/**
 * The registration summary of each event, for the asker: one grouped query gives the seats and
 * the waitlist of every event and, in the same groups, the asker's own active registration
 * (at most one per event, a unique index says), instead of a second query for it.
 */
export async function registrationSummaries(
  db: Queryable,
  list: readonly Event[],
  asker: Participant | undefined,
): Promise<Map<string, RegistrationSummary>> {
  const ids = list.map((event) => event.id);
  const counts = new Map<string, { seats: number; waitlisted: number }>();
  const mine = new Map<string, RegistrationSummary['mine']>();
  if (ids.length > 0) {
    // No asker: a key no registration has, so the asker's columns are null in every group.
    const rows = await summaryRows(db, {
      ids,
      asker: asker === undefined ? '' : participantKey(asker),
    });
    for (const row of rows) {
      const entry = counts.get(row.eventId) ?? { seats: 0, waitlisted: 0 };
      if (row.status === 'waitlisted') entry.waitlisted += Number(row.n);
      else entry.seats += Number(row.n);
      counts.set(row.eventId, entry);
      if (row.mineId === null || row.mineSequence === null) continue;
      const id = RegistrationId.safeParse(row.mineId);
      const status = RegistrationStatus.safeParse(row.status);
      if (id.success && status.success) {
        mine.set(row.eventId, {
          id: id.data,
          status: status.data,
          sequence: Number(row.mineSequence),
        });
      }
    }
  }
  return new Map(
    list.map((event) => {
      const taken = counts.get(event.id) ?? { seats: 0, waitlisted: 0 };
      const capacity = event.capacity ?? null;
      return [
        event.id,
        {
          capacity,
          registered: taken.seats,
          waitlisted: taken.waitlisted,
          seatsLeft: capacity === null ? null : Math.max(0, capacity - taken.seats),
          mine: mine.get(event.id) ?? null,
        },
      ];
    }),
  );
}

/**
 * Rule 8 for an online workshop: each session is checked with core `validateWorkshop`, with
 * the panels that start within it (panels within no session are checked with the first, which
 * reports them as outside). Every violation is returned in one 422.
 */
function checkWorkshop(
  event: Pick<Event, 'kind' | 'sessions' | 'workshop'>,
  campusTimeZone: string,
): void {
  if (event.kind !== 'online_workshop') return;
  const { workshop } = event;
  if (workshop === undefined) {
    throw new ApiError('validation', {
      detail: 'body.workshop: an online_workshop event needs its workshop details',
      errors: [
        { path: 'body.workshop', message: 'an online_workshop event needs its workshop details' },
      ],
    });
  }
  const within = (instant: string, session: Pick<Session, 'start' | 'end'>) =>
    Date.parse(instant) >= Date.parse(session.start) &&
    Date.parse(instant) < Date.parse(session.end);
  const stray = workshop.panels.filter(
    (panel) => !event.sessions.some((session) => within(panel.start, session)),
  );
  const found: (Violation & { session: number })[] = [];
  event.sessions.forEach((session, index) => {
    const panels = workshop.panels.filter((panel) => within(panel.start, session));
    let violations: Violation[];
    try {
      violations = validateWorkshop({
        start: session.start,
        end: session.end,
        panels: index === 0 ? [...panels, ...stray] : panels,
        campusTimeZone,
        partnerTimeZone: workshop.partnerTimeZone,
      });
    } catch (error) {
      if (!(error instanceof RangeError)) throw error;
      throw new ApiError('validation', {
        detail: error.message,
        errors: [{ path: `body.sessions.${index}`, message: error.message }],
      });
    }
    for (const violation of violations) found.push({ ...violation, session: index });
  });
  const [first] = found;
  if (first === undefined) return;
  throw new ApiError('rule_violation', {
    detail: found.map((violation) => violation.message.en).join(' '),
    rule: first.rule,
    data: {
      ...first.data,
      messages: first.message,
      violations: found.map((violation) => ({
        rule: violation.rule,
        session: violation.session,
        message: violation.message,
        data: violation.data,
      })),
    },
  });
}

/** The academic year of an event's first session, in the office's time zone. */
function academicYearOfSessions(sessions: readonly Pick<Session, 'start'>[], timeZone: string) {
  const first = Math.min(...sessions.map((session) => Date.parse(session.start)));
  return academicYearOf(dateInZone(new Date(first), timeZone));
}

/** Session ids: a session sent with the id of a current session keeps it; others get new ones. */
function withSessionIds(
  sent: readonly z.output<typeof SessionPatch>[],
  current: readonly Session[],
  at: number,
): Session[] {
  const known = new Set(current.map((session) => session.id));
  const used = new Set<string>();
  return sent.map((session) => {
    const keep = session.id !== undefined && known.has(session.id) && !used.has(session.id);
    const id = keep && session.id !== undefined ? session.id : newId('ses', at);
    used.add(id);
    return { ...session, id };
  });
}

export function registerEvents(app: App, deps: AppDeps): void {
  const { db } = deps.store;
  const timeZone = deps.config.OFFICE_TIME_ZONE;

  app.openapi(list, async (c) => {
    const reader = await eventReaderOf(db, authOf(c));
    const query = c.req.valid('query');
    if (query.from !== undefined && query.to !== undefined && query.from > query.to) {
      throw new ApiError('validation', {
        detail: 'query.to: must not be before from',
        errors: [{ path: 'query.to', message: 'must not be before from' }],
      });
    }
    const page = await listPage(db, repository, {
      where: [
        visibleWhere(reader),
        query.kind === undefined ? undefined : eq(events.kind, query.kind),
        query.audience === undefined ? undefined : audienceWhere(query.audience),
        // Sessions span [startsAt, endsAt]; the range is whole days in the office's time zone.
        query.from === undefined
          ? undefined
          : gt(events.endsAt, zonedTimeToInstant(query.from, 0, 0, timeZone).toISOString()),
        query.to === undefined
          ? undefined
          : lt(
              events.startsAt,
              zonedTimeToInstant(addDays(query.to, 1), 0, 0, timeZone).toISOString(),
            ),
        query.academic_year === undefined
          ? undefined
          : eq(events.academicYear, query.academic_year),
        query.partner_institution_id === undefined
          ? undefined
          : // On the expression its GIN index holds (events_partners_idx).
            sql`(${events.data}->'partnerInstitutionIds') @> ${JSON.stringify([query.partner_institution_id])}::jsonb`,
        query.q === undefined ? undefined : contains(events.search, query.q),
      ],
      sorts,
      sort: query.sort,
      limit: query.limit,
      cursor: query.cursor,
    });
    const summaries = await registrationSummaries(db, page.data, reader.participant);
    return c.json(
      {
        data: page.data.map((event) => ({
          ...event,
          registration: summaries.get(event.id) ?? emptySummary(event),
        })),
        next_cursor: page.next_cursor,
      },
      200,
    );
  });

  app.openapi(get, async (c) => {
    const reader = await eventReaderOf(db, authOf(c));
    const { id } = c.req.valid('param');
    const event = await findRecord(db, repository, id);
    if (event === undefined || !canSee(reader, event)) throw ApiError.notFound(`Event ${id}`);
    const summaries = await registrationSummaries(db, [event], reader.participant);
    c.header('ETag', etagOf(event.version));
    return c.json({ ...event, registration: summaries.get(event.id) ?? emptySummary(event) }, 200);
  });

  app.openapi(create, async (c) => {
    authorize(authOf(c), 'events', 'create');
    const input = c.req.valid('json');
    const now = deps.now();
    const at = now.getTime();
    const record: Event = {
      ...input,
      id: newId('evt', at),
      sessions: input.sessions.map((session) => ({ ...session, id: newId('ses', at) })),
      academicYear: input.academicYear ?? academicYearOfSessions(input.sessions, timeZone),
      createdAt: now.toISOString(),
      updatedAt: now.toISOString(),
      version: 1,
    };
    checkWorkshop(record, timeZone);
    const created = await createRecord(db, actorOf(c, deps), repository, record);
    c.header('Location', `/v1/events/${created.id}`);
    c.header('ETag', etagOf(created.version));
    return c.json(created, 201);
  });

  app.openapi(patch, async (c) => {
    authorize(authOf(c), 'events', 'update');
    const { id } = c.req.valid('param');
    const changes = sentFields(c.req.valid('json'));
    const actor = actorOf(c, deps);
    const { after } = await changeRecord(db, actor, repository, id, {
      ifMatch: c.req.valid('header')['if-match'],
      details: { fields: Object.keys(changes) },
      change: async (current, tx) => {
        const merged = { ...current, ...changes };
        const checked = validateMerged(EventInput, merged);
        const sessions =
          changes.sessions === undefined
            ? current.sessions
            : withSessionIds(changes.sessions, current.sessions, actor.now.getTime());
        // A derived academic year follows the sessions; one set by hand stays.
        const derived = current.academicYear === academicYearOfSessions(current.sessions, timeZone);
        const academicYear =
          changes.academicYear ??
          (changes.sessions !== undefined && derived
            ? academicYearOfSessions(sessions, timeZone)
            : current.academicYear);
        const next: Event = {
          ...current,
          ...checked,
          sessions,
          ...(academicYear === undefined ? {} : { academicYear }),
        };
        if (
          changes.kind !== undefined ||
          changes.sessions !== undefined ||
          changes.workshop !== undefined
        ) {
          checkWorkshop(next, timeZone);
        }
        // Seats a raised capacity adds go to the waitlist, first come first served.
        if (changes.capacity !== undefined) await fillFreedSeats(tx, actor, next);
        return next;
      },
    });
    c.header('ETag', etagOf(after.version));
    return c.json(after, 200);
  });

  app.openapi(remove, async (c) => {
    authorize(authOf(c), 'events', 'delete');
    const { id } = c.req.valid('param');
    const ifMatch = c.req.valid('header')['if-match'];
    const actor = actorOf(c, deps);
    await db.transaction(async (tx) => {
      const current = await findRecord(tx, repository, id, { forUpdate: true });
      if (current === undefined) throw ApiError.notFound(`Event ${id}`);
      checkIfMatch(ifMatch, current.version);
      const removed = await tx
        .delete(registrations)
        .where(eq(registrations.eventId, id))
        .returning({ id: registrations.id });
      await deleteRecord(tx, repository, id, current.version);
      await writeAudit(tx, actor, {
        action: 'event.delete',
        entity: 'event',
        entityId: id,
        versionBefore: current.version,
        details: { registrationsRemoved: removed.length },
      });
    });
    return c.body(null, 204);
  });
}

function emptySummary(event: Pick<Event, 'capacity'>): RegistrationSummary {
  const capacity = event.capacity ?? null;
  return { capacity, registered: 0, waitlisted: 0, seatsLeft: capacity, mine: null };
}
