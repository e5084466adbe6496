/**
 * Reminders (reminders/run.ts, reminders/delivery.ts):
 *
 * - POST /v1/reminders/run (admin or service): the daily run, now, for a date;
 * - POST /v1/reminders/claim, /v1/reminders/{id}/delivered, /v1/reminders/{id}/failed
 *   (service): how a bot takes reminders to send and reports what became of them;
 * - GET /v1/reminders (staff, admin): what was found and what became of it;
 * - GET and PUT /v1/me/reminders: the caller's own choice, reminders on or off (a student, a
 *   member of staff, or the bot acting for one of them).
 */
import { createRoute } from '@hono/zod-openapi';
import {
  CalendarDate,
  ClaimedReminder,
  Reminder,
  ReminderChannel,
  ReminderId,
  ReminderKind,
  ReminderPreference,
  ReminderRecipient,
  ReminderRun,
  ReminderStatus,
  StaffId,
  StudentId,
  today,
} from '@passerelle/core';
import { eq } from 'drizzle-orm';
import { z } from 'zod';
import { writeAudit } from '../audit';
import type { Auth } from '../auth/identity';
import { authorize } from '../auth/policy';
import { keysetPage, pageOf, pageQuery } from '../db/keyset';
import { reminders } from '../db/schema';
import { type App, type AppDeps, authOf } from '../http/context';
import { ApiError } from '../http/problem';
import {
  claimReminders,
  markDelivered,
  markFailed,
  type Outcome,
  type ReminderRow,
  remindersEnabled,
  setRemindersEnabled,
  toReminder,
} from '../reminders/delivery';
import { runReminders } from '../reminders/run';
import { actorOf, bearer, errors } from './common';

const tags = ['Reminders'];

const RunBody = z
  .object({
    date: CalendarDate.optional().meta({
      description: 'The date to run for. Default: today in the office time zone.',
    }),
  })
  .strict()
  .meta({ id: 'ReminderRunInput' });

const ClaimBody = z
  .object({
    channel: ReminderChannel,
    limit: z.number().int().min(1).max(100).default(20),
  })
  .strict()
  .meta({ id: 'ReminderClaimInput' });

const FailedBody = z
  .object({
    error: z.string().trim().min(1).max(500).meta({ example: 'WeChat contact not found' }),
    retry: z.boolean().default(true).meta({
      description:
        '`false` when trying again cannot help (the contact is gone): the reminder fails at once.',
    }),
  })
  .strict()
  .meta({ id: 'ReminderFailure' });

const IdParams = z.object({
  id: ReminderId.meta({ param: { name: 'id', in: 'path' } }),
});

const RecipientParam = z
  .string()
  .regex(/^(student:stu|staff:stf)_[0-9A-Za-z]{10,40}$/, 'must be student:stu_… or staff:stf_…')
  .transform((value, ctx) => {
    const [kind, id] = value.split(':');
    const parsed = ReminderRecipient.safeParse({ kind, id });
    if (!parsed.success) {
      ctx.addIssue({ code: 'custom', message: 'must be student:stu_… or staff:stf_…' });
      return z.NEVER;
    }
    return parsed.data;
  })
  .meta({ example: 'student:stu_01JD5S0M3Q8R2T6V9W1X4Y7Z0A' });

const ListQuery = z.object({
  ...pageQuery,
  status: ReminderStatus.optional(),
  kind: ReminderKind.optional(),
  recipient: RecipientParam.optional().meta({
    description: "Only this person's reminders: `student:stu_…` or `staff:stf_…`.",
  }),
});

const run = createRoute({
  method: 'post',
  path: '/v1/reminders/run',
  tags,
  summary: 'Run the daily reminder computation now (admin or service)',
  description:
    'Finds what needs attention at the date (the same rules as GET /v1/alerts) and creates the reminders that do not exist yet: students bound to WeChat get one per document alert and one per registered event starting tomorrow (office time zone); staff bound to Slack get one digest for the day. People who turned reminders off get none. The run holds a PostgreSQL advisory lock: when another instance is computing at that moment, the answer is `ran: false` and nothing is done. A second run for the same date creates nothing (`existing` counts what was already there). The API also runs this daily at `REMINDERS_AT` unless `REMINDERS=off`.',
  security: bearer,
  request: { body: { required: false, content: { 'application/json': { schema: RunBody } } } },
  responses: {
    200: {
      description: 'What the run did',
      content: { 'application/json': { schema: ReminderRun } },
    },
    ...errors(403, 404, 413, 415),
  },
});

const claim = createRoute({
  method: 'post',
  path: '/v1/reminders/claim',
  tags,
  summary: 'Claim pending reminders to deliver (service)',
  description:
    "Takes up to `limit` pending reminders of the channel (oldest first), with the recipient's bound identity and language, and holds them for `REMINDER_LEASE_SECONDS`. Claimers running at once never get the same reminder (`FOR UPDATE SKIP LOCKED`). A reminder not acknowledged (delivered or failed) before its lease ends can be claimed again: delivery is at least once, and a bot that dies between sending and acknowledging makes the person receive it twice. Each claim is one attempt; after `REMINDER_MAX_ATTEMPTS` a reminder is `failed`. A reminder whose recipient has no identity on the channel any more is `skipped`, and so is one that went out of date while it waited (an event reminder once the event's day has come, a digest after its day): never sent late.",
  security: bearer,
  request: { body: { required: true, content: { 'application/json': { schema: ClaimBody } } } },
  responses: {
    200: {
      description: 'The claimed reminders (possibly none)',
      content: {
        'application/json': {
          schema: z.object({ data: z.array(ClaimedReminder) }).meta({ id: 'ReminderClaim' }),
        },
      },
    },
    ...errors(403, 404, 413, 415),
  },
});

const delivered = createRoute({
  method: 'post',
  path: '/v1/reminders/{id}/delivered',
  tags,
  summary: 'Report a reminder delivered (service)',
  description:
    'Accepted while the reminder is claimed, or pending again after its lease ran out (it did go). Saying it twice answers the same. A failed or skipped reminder is 409.',
  security: bearer,
  request: { params: IdParams },
  responses: {
    200: { description: 'The reminder', content: { 'application/json': { schema: Reminder } } },
    ...errors(403, 404, 409),
  },
});

const failed = createRoute({
  method: 'post',
  path: '/v1/reminders/{id}/failed',
  tags,
  summary: 'Report a failed delivery (service)',
  description:
    'The reminder goes back to pending for another try, until it has had `REMINDER_MAX_ATTEMPTS` tries (then `failed`); with `retry: false` it fails at once. Only a claimed reminder can fail (409 otherwise).',
  security: bearer,
  request: {
    params: IdParams,
    body: { required: true, content: { 'application/json': { schema: FailedBody } } },
  },
  responses: {
    200: { description: 'The reminder', content: { 'application/json': { schema: Reminder } } },
    ...errors(403, 404, 409, 413, 415),
  },
});

const list = createRoute({
  method: 'get',
  path: '/v1/reminders',
  tags,
  summary: 'List reminders, newest first (staff)',
  security: bearer,
  request: { query: ListQuery },
  responses: {
    200: {
      description: 'A page of reminders',
      content: { 'application/json': { schema: pageOf(Reminder, 'ReminderPage') } },
    },
    ...errors(403, 404),
  },
});

const getPreference = createRoute({
  method: 'get',
  path: '/v1/me/reminders',
  tags,
  summary: 'Whether the caller gets reminders',
  description:
    'For a student or a member of staff (or the bot acting for one). Reminders are on until the person turns them off.',
  security: bearer,
  responses: {
    200: {
      description: 'The preference',
      content: { 'application/json': { schema: ReminderPreference } },
    },
    ...errors(403, 404),
  },
});

const putPreference = createRoute({
  method: 'put',
  path: '/v1/me/reminders',
  tags,
  summary: "Turn the caller's reminders on or off",
  description:
    "Turning them off also skips the caller's reminders that are still pending; the next runs create none for them. Turning them on again applies from the next run. For a student this is the `remindersEnabled` field of their record.",
  security: bearer,
  request: {
    body: { required: true, content: { 'application/json': { schema: ReminderPreference } } },
  },
  responses: {
    200: {
      description: 'The preference now',
      content: { 'application/json': { schema: ReminderPreference } },
    },
    ...errors(403, 404, 413, 415),
  },
});

/** The person the caller is, for their own preference. */
function caller(auth: Auth): ReminderRecipient {
  const { identity } = auth;
  if (identity.role === 'student')
    return { kind: 'student', id: StudentId.parse(identity.studentId) };
  if ((identity.role === 'staff' || identity.role === 'admin') && identity.staffId !== undefined) {
    return { kind: 'staff', id: StaffId.parse(identity.staffId) };
  }
  throw new ApiError('not_found', { detail: 'This token stands for no person.' });
}

function settled(outcome: Outcome, id: string): Reminder {
  if (outcome.ok) return outcome.reminder;
  if (outcome.reason === 'not_found') {
    throw new ApiError('not_found', { detail: `There is no reminder ${id}.` });
  }
  throw new ApiError('conflict', {
    detail: `Reminder ${id} is ${outcome.reminder?.status ?? 'in another state'}.`,
  });
}

export function registerReminders(app: App, deps: AppDeps): void {
  const { db } = deps.store;
  const { config } = deps;

  app.openapi(run, async (c) => {
    authorize(authOf(c), 'reminders', 'create');
    const body = c.req.valid('json') ?? {};
    const actor = actorOf(c, deps);
    const date = body.date ?? today(actor.now, config.OFFICE_TIME_ZONE);
    const result = await runReminders(db, {
      date,
      timeZone: config.OFFICE_TIME_ZONE,
      now: actor.now,
    });
    if (result.ran) {
      await writeAudit(db, actor, {
        action: 'reminders.run',
        entity: 'reminders',
        entityId: date,
        details: { created: result.created, existing: result.existing },
      });
    }
    return c.json(result, 200);
  });

  app.openapi(claim, async (c) => {
    authorize(authOf(c), 'reminders', 'update');
    const body = c.req.valid('json');
    const data = await claimReminders(db, {
      channel: body.channel,
      limit: body.limit,
      now: deps.now(),
      leaseSeconds: config.REMINDER_LEASE_SECONDS,
      maxAttempts: config.REMINDER_MAX_ATTEMPTS,
      timeZone: config.OFFICE_TIME_ZONE,
    });
    return c.json({ data }, 200);
  });

  app.openapi(delivered, async (c) => {
    authorize(authOf(c), 'reminders', 'update');
    const { id } = c.req.valid('param');
    return c.json(settled(await markDelivered(db, id, deps.now()), id), 200);
  });

  app.openapi(failed, async (c) => {
    authorize(authOf(c), 'reminders', 'update');
    const { id } = c.req.valid('param');
    const body = c.req.valid('json');
    const outcome = await markFailed(db, id, {
      error: body.error,
      retry: body.retry,
      maxAttempts: config.REMINDER_MAX_ATTEMPTS,
    });
    return c.json(settled(outcome, id), 200);
  });

  app.openapi(list, async (c) => {
    authorize(authOf(c), 'reminders', 'read');
    const query = c.req.valid('query');
    const page = await keysetPage(db, {
      table: reminders,
      columns: {
        id: reminders.id,
        recipientKind: reminders.recipientKind,
        recipientId: reminders.recipientId,
        kind: reminders.kind,
        channel: reminders.channel,
        subject: reminders.subject,
        period: reminders.period,
        content: reminders.content,
        status: reminders.status,
        attempts: reminders.attempts,
        claimedUntil: reminders.claimedUntil,
        deliveredAt: reminders.deliveredAt,
        lastError: reminders.lastError,
        createdAt: reminders.createdAt,
      },
      keys: [reminders.createdAt, reminders.id],
      descending: true,
      where: [
        query.status === undefined ? undefined : eq(reminders.status, query.status),
        query.kind === undefined ? undefined : eq(reminders.kind, query.kind),
        query.recipient === undefined
          ? undefined
          : eq(reminders.recipientKind, query.recipient.kind),
        query.recipient === undefined ? undefined : eq(reminders.recipientId, query.recipient.id),
      ],
      limit: query.limit,
      cursor: query.cursor,
      sort: '-created',
    });
    return c.json(
      {
        data: page.rows.map((row) => toReminder(row as ReminderRow)),
        next_cursor: page.next_cursor,
      },
      200,
    );
  });

  app.openapi(getPreference, async (c) => {
    const auth = authOf(c);
    authorize(auth, 'reminder_preferences', 'read');
    return c.json({ enabled: await remindersEnabled(db, caller(auth)) }, 200);
  });

  app.openapi(putPreference, async (c) => {
    const auth = authOf(c);
    authorize(auth, 'reminder_preferences', 'update');
    const who = caller(auth);
    const { enabled } = c.req.valid('json');
    await setRemindersEnabled(db, actorOf(c, deps), who, enabled);
    return c.json({ enabled }, 200);
  });
}
