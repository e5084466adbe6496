/**
 * /v1/calendars: iCalendar (RFC 5545) feeds of events and of a delegation's itinerary.
 *
 * - `GET /v1/calendars/events.ics`: every session of the events open to the caller (staff:
 *   all events, cancelled ones marked CANCELLED; a student: events open to their programme kind
 *   and those they registered for), from a year ago on; `registered_only=true` keeps only the
 *   caller's own registrations.
 * - `GET /v1/calendars/delegations/{id}.ics`: a delegation's itinerary (staff).
 * - Feed tokens, for calendar apps that cannot send a bearer header: `POST /v1/calendars/feeds`
 *   makes one for the caller and answers its subscription URL once
 *   (`/v1/calendars/feeds/{feedToken}/events.ics`); `GET /v1/calendars/feeds` lists the
 *   caller's feeds; `DELETE /v1/calendars/feeds/{id}` revokes one. The feed token is the
 *   credential (only its sha-256 is stored); a feed reads with its owner's rights as they are
 *   at each request, and an unknown or revoked feed token answers 404.
 */
import { createHash, randomBytes } from 'node:crypto';
import { createRoute } from '@hono/zod-openapi';
import {
  DelegationId,
  type Event,
  Instant,
  type Institution,
  Language,
  participantKey,
  RegistrationStatus,
  type StaffId,
  type StudentId,
} from '@passerelle/core';
import { and, asc, desc, eq, gte, inArray, isNull, type SQL } from 'drizzle-orm';
import { z } from 'zod';
import { writeAudit } from '../audit';
import type { Auth, Identity } from '../auth/identity';
import { authorize } from '../auth/policy';
import { subjectExists } from '../auth/tokens';
import { findRecord, storedRecord } from '../db/records';
import { calendarFeeds, events, institutions, registrations, students, tokens } from '../db/schema';
import { anyOf } from '../db/sql';
import type { Db } from '../db/store';
import { type App, type AppContext, type AppDeps, authOf } from '../http/context';
import { ApiError, fieldErrors } from '../http/problem';
import { newLocalId } from '../ids';
import {
  delegationCalendar,
  eventsCalendar,
  type FeedContext,
} from '../interchange/calendar-content';
import { renderCalendar } from '../interchange/ical';
import { delegationRepository } from '../repositories/delegations';
import { eventRepository } from '../repositories/events';
import { institutionRepository } from '../repositories/institutions';
import { actorOf, bearer, errors } from './common';
import { activeStatuses, canSee, eventReaderOf } from './events';

const tags = ['Calendars'];

/** Feed tokens: `pcal_` and 43 base64url characters (256 bits). */
export const FEED_TOKEN_PREFIX = 'pcal_';
const FEED_TOKEN_PATTERN = /^pcal_[A-Za-z0-9_-]{43}$/;

/**
 * Requests a calendar app makes with a feed token in the path (no bearer header):
 * `GET /v1/calendars/feeds/{feedToken}/…`. The app skips bearer authentication for these.
 */
export function isFeedRequest(method: string, path: string): boolean {
  return (method === 'GET' || method === 'HEAD') && /^\/v1\/calendars\/feeds\/[^/]+\/./.test(path);
}

/** Events that ended longer ago than this are left out of the events feed. */
const PAST_DAYS = 365;
/** At most this many events in one feed (the most recent ones are kept). */
const MAX_EVENTS = 5000;
const REFRESH_MINUTES = 60;
const CALENDAR_TYPE = 'text/calendar; charset=utf-8';

const FeedId = z
  .string()
  .regex(/^cal_[0-9A-Z]{26}$/, 'must be a calendar feed id (cal_…)')
  .meta({ param: { name: 'id', in: 'path' }, example: 'cal_01JD0000000000000000000000' });

const LangQuery = z.object({
  lang: Language.optional().meta({
    description:
      "Language of summaries, descriptions and places (en, zh or fr). Default: the feed's language, else a student's preferred language, else en.",
  }),
});

const EventsQuery = LangQuery.extend({
  registered_only: z.enum(['true', 'false']).optional().meta({
    description:
      'Only the events the caller holds a registration for (registered, waitlisted, attended).',
  }),
});

const FeedTokenParams = z.object({
  feedToken: z
    .string()
    .max(200)
    .meta({ param: { name: 'feedToken', in: 'path' }, description: 'The feed token (pcal_…).' }),
});

const CalendarFeedInput = z
  .object({
    name: z.string().trim().min(1).max(100).optional().meta({ example: 'My phone' }),
    registeredOnly: z.boolean().optional().meta({
      description:
        'Only the events the owner is registered for (default: every event open to them).',
    }),
    language: Language.optional().meta({ description: "The feed's default language." }),
  })
  .meta({ id: 'CalendarFeedInput' });

const CalendarFeed = z
  .object({
    id: FeedId,
    name: z.string(),
    owner: z.string().meta({
      description:
        'Whose rights the feed reads with: `student:stu_…`, `staff:stf_…` or `token:tok_…`.',
    }),
    registeredOnly: z.boolean(),
    language: Language.nullable(),
    createdAt: Instant,
    lastUsedAt: Instant.nullable(),
    revokedAt: Instant.nullable(),
  })
  .meta({ id: 'CalendarFeed' });
type CalendarFeed = z.infer<typeof CalendarFeed>;

const CreatedCalendarFeed = CalendarFeed.extend({
  url: z.string().meta({
    description: 'The subscription URL (shown once: only a hash of its token is stored).',
  }),
  webcalUrl: z.string().meta({ description: 'The same URL with the webcal scheme.' }),
  delegationUrlTemplate: z.string().nullable().meta({
    description:
      "For staff: a delegation's itinerary through the same feed token; replace {id} with the delegation id.",
  }),
}).meta({ id: 'CreatedCalendarFeed' });

const calendarResponse = (description: string) => ({
  200: {
    description,
    content: {
      'text/calendar': { schema: z.string().meta({ description: 'iCalendar (RFC 5545)' }) },
    },
  },
});

const eventsFeed = createRoute({
  method: 'get',
  path: '/v1/calendars/events.ics',
  tags,
  summary: 'Events as an iCalendar feed',
  description: `One VEVENT per session (UID \`<session id>@passerelle\`), in the session's time zone with a VTIMEZONE for each zone. Staff get every event (cancelled ones as STATUS:CANCELLED); students the events open to them and those they registered for; the bot on its own the public ones. Events that ended more than ${PAST_DAYS} days ago are left out.`,
  security: bearer,
  request: { query: EventsQuery },
  responses: { ...calendarResponse('The calendar'), ...errors(403, 404) },
});

const delegationFeed = createRoute({
  method: 'get',
  path: '/v1/calendars/delegations/{id}.ics',
  tags,
  summary: "A delegation's itinerary as an iCalendar feed (staff)",
  description:
    "An all-day VEVENT over the delegation's dates (UID `<delegation id>@passerelle`), then one VEVENT per itinerary item in its own time zone (UID `<item id>@passerelle`).",
  security: bearer,
  request: {
    params: z.object({ id: DelegationId.meta({ param: { name: 'id', in: 'path' } }) }),
    query: LangQuery,
  },
  responses: { ...calendarResponse('The calendar'), ...errors(403, 404) },
});

const createFeed = createRoute({
  method: 'post',
  path: '/v1/calendars/feeds',
  tags,
  summary: 'Make a calendar feed token for yourself',
  description:
    "Answers the subscription URL, which works without a bearer header: the feed token in it is the credential, so treat it as a password. The feed reads with the caller's rights (a student's feed shows only events open to them). Revoke it with DELETE.",
  security: bearer,
  request: {
    body: { required: false, content: { 'application/json': { schema: CalendarFeedInput } } },
  },
  responses: {
    201: {
      description: 'The feed, with its URL',
      content: { 'application/json': { schema: CreatedCalendarFeed } },
    },
    ...errors(403, 404, 413, 415),
  },
});

const listFeeds = createRoute({
  method: 'get',
  path: '/v1/calendars/feeds',
  tags,
  summary: 'My calendar feeds',
  description:
    'Newest first, revoked ones included (their `revokedAt` set). URLs are not shown again.',
  security: bearer,
  responses: {
    200: {
      description: 'The feeds',
      content: {
        'application/json': {
          schema: z.object({ data: z.array(CalendarFeed) }).meta({ id: 'CalendarFeedList' }),
        },
      },
    },
    ...errors(403, 404),
  },
});

const revokeFeed = createRoute({
  method: 'delete',
  path: '/v1/calendars/feeds/{id}',
  tags,
  summary: 'Revoke a calendar feed',
  description: "From then on its URL answers 404. Admins may revoke anyone's feed.",
  security: bearer,
  request: { params: z.object({ id: FeedId }) },
  responses: { 204: { description: 'Revoked' }, ...errors(403, 404) },
});

const feedEventsRoute = createRoute({
  method: 'get',
  path: '/v1/calendars/feeds/{feedToken}/events.ics',
  tags,
  summary: 'Events feed by feed token (no bearer header)',
  description:
    "What `GET /v1/calendars/events.ics` answers, with the rights of the feed's owner. An unknown or revoked feed token answers 404.",
  security: [],
  request: { params: FeedTokenParams, query: LangQuery },
  responses: { ...calendarResponse('The calendar'), ...errors(404) },
});

const feedDelegationRoute = createRoute({
  method: 'get',
  path: '/v1/calendars/feeds/{feedToken}/delegations/{id}.ics',
  tags,
  summary: "A delegation's itinerary by feed token (no bearer header)",
  description: 'For feeds of staff: what `GET /v1/calendars/delegations/{id}.ics` answers.',
  security: [],
  request: {
    params: FeedTokenParams.extend({
      id: DelegationId.meta({ param: { name: 'id', in: 'path' } }),
    }),
    query: LangQuery,
  },
  responses: { ...calendarResponse('The calendar'), ...errors(404) },
});

type FeedRow = typeof calendarFeeds.$inferSelect;

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

function ownerOf(row: Pick<FeedRow, 'studentId' | 'staffId' | 'tokenId'>): string {
  if (row.studentId !== null) return `student:${row.studentId}`;
  if (row.staffId !== null) return `staff:${row.staffId}`;
  return `token:${row.tokenId}`;
}

function feedView(row: FeedRow): CalendarFeed {
  return {
    id: row.id,
    name: row.name,
    owner: ownerOf(row),
    registeredOnly: row.registeredOnly,
    language: Language.safeParse(row.language).data ?? null,
    createdAt: new Date(row.createdAt).toISOString(),
    lastUsedAt: row.lastUsedAt === null ? null : new Date(row.lastUsedAt).toISOString(),
    revokedAt: row.revokedAt === null ? null : new Date(row.revokedAt).toISOString(),
  };
}

/** The feeds that belong to the caller: their person's, or for a personless token, its own. */
function ownedBy(auth: Auth): SQL | undefined {
  const identity = auth.identity;
  if (identity.role === 'student') return eq(calendarFeeds.studentId, identity.studentId);
  if ((identity.role === 'staff' || identity.role === 'admin') && identity.staffId !== undefined) {
    return eq(calendarFeeds.staffId, identity.staffId);
  }
  return and(
    isNull(calendarFeeds.studentId),
    isNull(calendarFeeds.staffId),
    eq(calendarFeeds.tokenId, auth.tokenId),
  );
}

/** The origin for links: the scheme and host the request came to. */
function originOf(c: AppContext): string {
  return new URL(c.req.url).origin;
}

async function preferredLanguage(db: Db, auth: Auth): Promise<Language | undefined> {
  if (auth.identity.role !== 'student') return undefined;
  const [row] = await db
    .select({ data: students.data })
    .from(students)
    .where(eq(students.id, auth.identity.studentId))
    .limit(1);
  const data = row?.data;
  if (typeof data !== 'object' || data === null || !('preferredLanguage' in data)) return undefined;
  return Language.safeParse(data.preferredLanguage).data;
}

/**
 * The events of a feed: those the reader may see (core `isOpenTo` for students) that ended
 * less than a year ago, plus those the reader registered for; or only the latter.
 */
async function feedEvents(
  db: Db,
  auth: Auth,
  now: Date,
  registeredOnly: boolean,
): Promise<{ list: Event[]; mine: Map<string, RegistrationStatus> }> {
  const reader = await eventReaderOf(db, auth);
  const mine = new Map<string, RegistrationStatus>();
  if (reader.participant !== undefined) {
    const rows = await db
      .select({ eventId: registrations.eventId, status: registrations.status })
      .from(registrations)
      .where(
        and(
          eq(registrations.participantKey, participantKey(reader.participant)),
          inArray(registrations.status, [...activeStatuses]),
        ),
      );
    for (const row of rows) {
      const status = RegistrationStatus.safeParse(row.status);
      if (status.success) mine.set(row.eventId, status.data);
    }
  }
  if (registeredOnly && mine.size === 0) return { list: [], mine };
  const since = new Date(now.getTime() - PAST_DAYS * 86_400_000).toISOString();
  const rows = await db
    .select({ data: events.data })
    .from(events)
    .where(registeredOnly ? anyOf(events.id, [...mine.keys()]) : gte(events.endsAt, since))
    .orderBy(desc(events.startsAt), asc(events.id))
    .limit(MAX_EVENTS);
  const list = rows
    .map((row) => storedRecord(eventRepository, row.data))
    .filter((event) => mine.has(event.id) || (!registeredOnly && canSee(reader, event)))
    .reverse();
  return { list, mine };
}

function calendarHeaders(filename: string, cache: 'private' | 'no-store' = 'private') {
  return {
    'Content-Type': CALENDAR_TYPE,
    'Content-Disposition': `inline; filename="${filename}"`,
    'Cache-Control': cache === 'private' ? 'private, max-age=300' : 'no-store',
  };
}

function badQuery(error: z.ZodError): ApiError {
  const found = fieldErrors(error, 'query');
  return new ApiError('validation', {
    detail: found.map((item) => `${item.path}: ${item.message}`).join('; '),
    errors: found,
  });
}

export function registerCalendars(app: App, deps: AppDeps): void {
  const { db } = deps.store;
  const context = (c: AppContext, language: Language): FeedContext => ({
    language,
    origin: originOf(c),
    officeTimeZone: deps.config.OFFICE_TIME_ZONE,
    refreshMinutes: REFRESH_MINUTES,
  });

  async function renderEvents(
    c: AppContext,
    auth: Auth,
    options: { registeredOnly: boolean; language: Language | undefined },
  ): Promise<string> {
    const language = options.language ?? (await preferredLanguage(db, auth)) ?? 'en';
    const { list, mine } = await feedEvents(db, auth, deps.now(), options.registeredOnly);
    return renderCalendar(
      eventsCalendar(list, mine, {
        ...context(c, language),
        registeredOnly: options.registeredOnly,
      }),
    );
  }

  async function renderDelegation(
    c: AppContext,
    auth: Auth,
    id: string,
    language: Language | undefined,
  ): Promise<string> {
    authorize(auth, 'delegations', 'read');
    const delegation = await findRecord(db, delegationRepository, id);
    if (delegation === undefined) throw ApiError.notFound(`Delegation ${id}`);
    const ids = [
      ...new Set(
        delegation.itinerary.flatMap((item) =>
          item.institutionId === undefined ? [] : [item.institutionId],
        ),
      ),
    ];
    const found: Institution[] =
      ids.length === 0
        ? []
        : (
            await db
              .select({ data: institutions.data })
              .from(institutions)
              .where(inArray(institutions.id, ids))
          ).map((row) => storedRecord(institutionRepository, row.data));
    const names = new Map(found.map((institution) => [institution.id, institution]));
    return renderCalendar(delegationCalendar(delegation, names, context(c, language ?? 'en')));
  }

  /** The rights a feed token reads with, or 404 when it is unknown, revoked or orphaned. */
  async function feedAuth(token: string): Promise<{ auth: Auth; feed: FeedRow }> {
    const gone = () =>
      new ApiError('not_found', { detail: 'This calendar feed does not exist or was revoked.' });
    if (!FEED_TOKEN_PATTERN.test(token)) throw gone();
    const [feed] = await db
      .select()
      .from(calendarFeeds)
      .where(eq(calendarFeeds.hash, sha256(token)))
      .limit(1);
    if (feed === undefined || feed.revokedAt !== null) throw gone();
    let identity: Identity;
    if (feed.ownerRole === 'student' && feed.studentId !== null) {
      const studentId = feed.studentId as StudentId;
      if (!(await subjectExists(db, { kind: 'student', id: studentId }))) throw gone();
      identity = { role: 'student', studentId };
    } else if (feed.ownerRole === 'staff' || feed.ownerRole === 'admin') {
      if (feed.staffId !== null) {
        const staffId = feed.staffId as StaffId;
        if (!(await subjectExists(db, { kind: 'staff', id: staffId }))) throw gone();
        identity = { role: feed.ownerRole, staffId };
      } else {
        // A feed made by a token that stands for no person lives as long as that token.
        const [owner] = await db
          .select({ revokedAt: tokens.revokedAt, expiresAt: tokens.expiresAt })
          .from(tokens)
          .where(eq(tokens.id, feed.tokenId))
          .limit(1);
        const now = deps.now().getTime();
        if (
          owner === undefined ||
          owner.revokedAt !== null ||
          (owner.expiresAt !== null && Date.parse(owner.expiresAt) <= now)
        ) {
          throw gone();
        }
        identity = { role: feed.ownerRole };
      }
    } else throw gone();
    const now = deps.now();
    // "Last used" to the quarter hour: a calendar app polling often costs no write each time.
    if (feed.lastUsedAt === null || now.getTime() - Date.parse(feed.lastUsedAt) > 15 * 60_000) {
      await db
        .update(calendarFeeds)
        .set({ lastUsedAt: now.toISOString() })
        .where(eq(calendarFeeds.id, feed.id));
    }
    return { auth: { tokenId: feed.tokenId, tokenRole: identity.role, identity }, feed };
  }

  const feedLanguage = (feed: FeedRow) => Language.safeParse(feed.language).data;

  app.openapi(eventsFeed, async (c) => {
    const auth = authOf(c);
    const query = c.req.valid('query');
    const text = await renderEvents(c, auth, {
      registeredOnly: query.registered_only === 'true',
      language: query.lang,
    });
    return c.body(text, 200, calendarHeaders('events.ics'));
  });

  // `{id}.ics` is not a path hono's router reads as a parameter: the route is described in
  // the OpenAPI document as it is, and served by a pattern that takes the whole file name.
  app.openAPIRegistry.registerPath(delegationFeed);
  app.get('/v1/calendars/delegations/:file{[^/]+\\.ics}', async (c) => {
    const auth = authOf(c);
    authorize(auth, 'delegations', 'read');
    const id = parseDelegationFile(c.req.param('file'));
    const query = LangQuery.safeParse(c.req.query());
    if (!query.success) throw badQuery(query.error);
    const text = await renderDelegation(c, auth, id, query.data.lang);
    return c.body(text, 200, calendarHeaders(`${id}.ics`));
  });

  app.openapi(createFeed, async (c) => {
    const auth = authOf(c);
    authorize(auth, 'calendar_feeds', 'create');
    const input = c.req.valid('json');
    const identity = auth.identity;
    if (identity.role === 'service') throw new ApiError('forbidden');
    const now = deps.now();
    const token = `${FEED_TOKEN_PREFIX}${randomBytes(32).toString('base64url')}`;
    const studentId = identity.role === 'student' ? identity.studentId : null;
    const staffId = identity.role === 'student' ? null : (identity.staffId ?? null);
    const actor = actorOf(c, deps);
    const row = await db.transaction(async (tx) => {
      const [inserted] = await tx
        .insert(calendarFeeds)
        .values({
          id: newLocalId('cal', now.getTime()),
          hash: sha256(token),
          name: input.name ?? 'Calendar',
          ownerRole: identity.role,
          studentId,
          staffId,
          tokenId: auth.tokenId,
          registeredOnly: input.registeredOnly ?? false,
          language: input.language ?? null,
          createdAt: now.toISOString(),
        })
        .returning();
      if (inserted === undefined) throw new ApiError('internal');
      await writeAudit(tx, actor, {
        action: 'calendar_feed.create',
        entity: 'calendar_feed',
        entityId: inserted.id,
        details: { owner: ownerOf(inserted), registeredOnly: inserted.registeredOnly },
      });
      return inserted;
    });
    const base = `${originOf(c)}/v1/calendars/feeds/${token}`;
    const lang = input.language === undefined ? '' : `?lang=${input.language}`;
    const url = `${base}/events.ics${lang}`;
    const staffFeed = identity.role === 'staff' || identity.role === 'admin';
    c.header('Location', `/v1/calendars/feeds/${row.id}`);
    c.header('Cache-Control', 'no-store');
    return c.json(
      {
        ...feedView(row),
        url,
        webcalUrl: url.replace(/^https?:/, 'webcal:'),
        delegationUrlTemplate: staffFeed ? `${base}/delegations/{id}.ics${lang}` : null,
      },
      201,
    );
  });

  app.openapi(listFeeds, async (c) => {
    const auth = authOf(c);
    authorize(auth, 'calendar_feeds', 'read');
    const rows = await db
      .select()
      .from(calendarFeeds)
      .where(ownedBy(auth))
      .orderBy(desc(calendarFeeds.createdAt), desc(calendarFeeds.id))
      .limit(500);
    return c.json({ data: rows.map(feedView) }, 200);
  });

  app.openapi(revokeFeed, async (c) => {
    const auth = authOf(c);
    const access = authorize(auth, 'calendar_feeds', 'delete');
    const { id } = c.req.valid('param');
    const actor = actorOf(c, deps);
    await db.transaction(async (tx) => {
      const [feed] = await tx
        .select()
        .from(calendarFeeds)
        .where(and(eq(calendarFeeds.id, id), access === 'all' ? undefined : ownedBy(auth)))
        .limit(1)
        .for('update');
      if (feed === undefined) throw ApiError.notFound(`Calendar feed ${id}`);
      if (feed.revokedAt !== null) return;
      await tx
        .update(calendarFeeds)
        .set({ revokedAt: actor.now.toISOString() })
        .where(eq(calendarFeeds.id, id));
      await writeAudit(tx, actor, {
        action: 'calendar_feed.revoke',
        entity: 'calendar_feed',
        entityId: id,
        details: { owner: ownerOf(feed) },
      });
    });
    return c.body(null, 204);
  });

  app.openapi(feedEventsRoute, async (c) => {
    const { feedToken } = c.req.valid('param');
    const { auth, feed } = await feedAuth(feedToken);
    const text = await renderEvents(c, auth, {
      registeredOnly: feed.registeredOnly,
      language: c.req.valid('query').lang ?? feedLanguage(feed),
    });
    return c.body(text, 200, calendarHeaders('events.ics'));
  });

  app.openAPIRegistry.registerPath(feedDelegationRoute);
  app.get('/v1/calendars/feeds/:feedToken/delegations/:file{[^/]+\\.ics}', async (c) => {
    const { auth, feed } = await feedAuth(c.req.param('feedToken'));
    const id = parseDelegationFile(c.req.param('file'));
    const query = LangQuery.safeParse(c.req.query());
    if (!query.success) throw badQuery(query.error);
    // A feed whose owner may not read delegations finds none (404, as for anything hidden).
    if (auth.identity.role === 'student' || auth.identity.role === 'service') {
      throw ApiError.notFound(`Delegation ${id}`);
    }
    const text = await renderDelegation(c, auth, id, query.data.lang ?? feedLanguage(feed));
    return c.body(text, 200, calendarHeaders(`${id}.ics`));
  });
}

/** `del_….ics` → the delegation id, or 404 when it is not one. */
function parseDelegationFile(file: string): string {
  const id = DelegationId.safeParse(file.replace(/\.ics$/, ''));
  if (!id.success) throw ApiError.notFound(`Delegation ${file}`);
  return id.data;
}
