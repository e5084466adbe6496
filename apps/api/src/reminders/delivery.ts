/**
 * Delivering reminders: a bot claims pending ones for its channel, sends them, and reports
 * each as delivered or failed.
 *
 * A claim takes rows with `FOR UPDATE SKIP LOCKED`, so two claimers at once never get the same
 * reminder, and holds them for a lease (`claimed_until`). A reminder whose lease ran out (its
 * bot died, or never answered) is pending again for the next claim: delivery is at least once
 * at the edge. A bot that sent a message and died before acknowledging it makes the person
 * receive it twice; nothing on our side can tell "sent" from "not sent" in that window.
 * Each claim counts one attempt; after `maxAttempts` the reminder is `failed`. A reminder that
 * went out of date while it waited (an event reminder on the event's day, an old digest) is
 * `skipped` instead of being sent late.
 */
import {
  type ClaimedReminder,
  Language,
  Reminder,
  type ReminderChannel,
  type ReminderRecipient,
  today,
} from '@passerelle/core';
import { and, asc, desc, eq, gte, inArray, lt, lte, or, sql } from 'drizzle-orm';
import { type Actor, writeAudit } from '../audit';
import { changeRecord } from '../db/mutations';
import { findRecord } from '../db/records';
import { channelBindings, reminderPreferences, reminders, staff, students } from '../db/schema';
import type { Db, Queryable } from '../db/store';
import { ApiError } from '../http/problem';
import { studentRepository } from '../repositories/students';

export type ReminderRow = typeof reminders.$inferSelect;

const iso = (value: string | null): string | null =>
  value === null ? null : new Date(value).toISOString();

/** The API's view of a stored reminder. */
export function toReminder(row: ReminderRow): Reminder {
  return Reminder.parse({
    id: row.id,
    recipient: { kind: row.recipientKind, id: row.recipientId },
    kind: row.kind,
    channel: row.channel,
    subject: row.subject,
    period: row.period,
    content: row.content,
    status: row.status,
    attempts: row.attempts,
    claimedUntil: iso(row.claimedUntil),
    deliveredAt: iso(row.deliveredAt),
    lastError: row.lastError,
    createdAt: iso(row.createdAt),
  });
}

export interface ClaimOptions {
  channel: ReminderChannel;
  limit: number;
  now: Date;
  leaseSeconds: number;
  maxAttempts: number;
  /** The office time zone: "today" for reminders that go out of date. */
  timeZone: string;
}

/** Claims up to `limit` reminders for a channel, with where to send them and in which language. */
export async function claimReminders(db: Db, options: ClaimOptions): Promise<ClaimedReminder[]> {
  const { channel, now } = options;
  const nowIso = now.toISOString();
  const leaseEnd = new Date(now.getTime() + options.leaseSeconds * 1000).toISOString();
  return db.transaction(async (tx) => {
    const expired = and(eq(reminders.status, 'claimed'), lt(reminders.claimedUntil, nowIso));
    // A lease that ran out on the last attempt: no more tries.
    await tx
      .update(reminders)
      .set({
        status: 'failed',
        claimedUntil: null,
        lastError: sql`coalesce(${reminders.lastError}, 'not acknowledged before the lease ran out')`,
      })
      .where(
        and(eq(reminders.channel, channel), expired, gte(reminders.attempts, options.maxAttempts)),
      );

    // Out of date before anyone delivered it: an event reminder once the event's day has come
    // (it says "tomorrow"), a digest once its day is over. Skipped, never sent late.
    const day = today(now, options.timeZone);
    await tx
      .update(reminders)
      .set({ status: 'skipped', claimedUntil: null, lastError: 'out of date before delivery' })
      .where(
        and(
          eq(reminders.channel, channel),
          or(eq(reminders.status, 'pending'), expired),
          or(
            and(eq(reminders.kind, 'event_tomorrow'), lte(reminders.period, day)),
            and(eq(reminders.kind, 'staff_digest'), lt(reminders.period, day)),
          ),
        ),
      );

    const picked = await tx
      .select({
        id: reminders.id,
        recipientKind: reminders.recipientKind,
        recipientId: reminders.recipientId,
      })
      .from(reminders)
      .where(and(eq(reminders.channel, channel), or(eq(reminders.status, 'pending'), expired)))
      .orderBy(asc(reminders.createdAt), asc(reminders.id))
      .limit(options.limit)
      .for('update', { skipLocked: true });
    if (picked.length === 0) return [];

    const targets = await deliveryTargets(tx, channel, picked);
    const unreachable = picked.filter(
      (row) => !targets.has(`${row.recipientKind}:${row.recipientId}`),
    );
    if (unreachable.length > 0) {
      await tx
        .update(reminders)
        .set({
          status: 'skipped',
          claimedUntil: null,
          lastError: `reminders turned off, or no ${channel} identity bound`,
        })
        .where(
          inArray(
            reminders.id,
            unreachable.map((row) => row.id),
          ),
        );
    }
    const reachable = picked.filter((row) =>
      targets.has(`${row.recipientKind}:${row.recipientId}`),
    );
    if (reachable.length === 0) return [];
    const claimed = await tx
      .update(reminders)
      .set({
        status: 'claimed',
        claimedUntil: leaseEnd,
        attempts: sql`${reminders.attempts} + 1`,
      })
      .where(
        inArray(
          reminders.id,
          reachable.map((row) => row.id),
        ),
      )
      .returning();
    return claimed
      .sort((a, b) => a.createdAt.localeCompare(b.createdAt) || a.id.localeCompare(b.id))
      .flatMap((row) => {
        const target = targets.get(`${row.recipientKind}:${row.recipientId}`);
        return target === undefined ? [] : [{ ...toReminder(row), ...target }];
      });
  });
}

interface Target {
  channelUserId: string;
  language: Language;
}

/**
 * The bound identity (the latest binding) and the language of each recipient who still wants
 * reminders; the others are not reachable, and their reminders are skipped.
 */
async function deliveryTargets(
  db: Queryable,
  channel: ReminderChannel,
  rows: { recipientKind: string; recipientId: string }[],
): Promise<Map<string, Target>> {
  const studentIds = rows.filter((r) => r.recipientKind === 'student').map((r) => r.recipientId);
  const staffIds = rows.filter((r) => r.recipientKind === 'staff').map((r) => r.recipientId);
  const subjectIds = [...studentIds, ...staffIds];
  const bindings = await db
    .select({
      kind: channelBindings.subjectKind,
      id: channelBindings.subjectId,
      userId: channelBindings.userId,
    })
    .from(channelBindings)
    .where(
      and(eq(channelBindings.channel, channel), inArray(channelBindings.subjectId, subjectIds)),
    )
    .orderBy(desc(channelBindings.createdAt));
  const languages = new Map<string, Language>();
  // Someone who turned reminders off since the run (the bot may change a student's record).
  const optedOut = new Set<string>();
  if (studentIds.length > 0) {
    const found = await db
      .select({
        id: students.id,
        language: sql<unknown>`${students.data}->>'preferredLanguage'`,
        off: sql<boolean>`coalesce((${students.data}->>'remindersEnabled')::boolean, true) = false`,
      })
      .from(students)
      .where(inArray(students.id, studentIds));
    for (const row of found) {
      const language = Language.safeParse(row.language);
      if (language.success) languages.set(`student:${row.id}`, language.data);
      if (row.off) optedOut.add(`student:${row.id}`);
    }
  }
  if (staffIds.length > 0) {
    const found = await db
      .select({ id: staff.id, language: sql<unknown>`${staff.data}->'languages'->>0` })
      .from(staff)
      .where(inArray(staff.id, staffIds));
    for (const row of found) {
      const language = Language.safeParse(row.language);
      if (language.success) languages.set(`staff:${row.id}`, language.data);
    }
    const off = await db
      .select({ id: reminderPreferences.subjectId })
      .from(reminderPreferences)
      .where(
        and(
          eq(reminderPreferences.subjectKind, 'staff'),
          eq(reminderPreferences.enabled, false),
          inArray(reminderPreferences.subjectId, staffIds),
        ),
      );
    for (const row of off) optedOut.add(`staff:${row.id}`);
  }
  const targets = new Map<string, Target>();
  for (const binding of bindings) {
    const key = `${binding.kind}:${binding.id}`;
    if (targets.has(key) || optedOut.has(key)) continue;
    targets.set(key, { channelUserId: binding.userId, language: languages.get(key) ?? 'en' });
  }
  return targets;
}

export type Outcome =
  | { ok: true; reminder: Reminder }
  | { ok: false; reason: 'not_found' | 'conflict'; reminder?: Reminder };

/**
 * Marks a reminder delivered. Accepted while it is claimed, or pending again after its lease
 * ran out (the message did go); a second acknowledgement answers the same.
 */
export async function markDelivered(db: Db, id: string, now: Date): Promise<Outcome> {
  const [row] = await db
    .update(reminders)
    .set({ status: 'delivered', deliveredAt: now.toISOString(), claimedUntil: null })
    .where(and(eq(reminders.id, id), inArray(reminders.status, ['claimed', 'pending'])))
    .returning();
  if (row !== undefined) return { ok: true, reminder: toReminder(row) };
  const current = await findReminder(db, id);
  if (current === undefined) return { ok: false, reason: 'not_found' };
  return current.status === 'delivered'
    ? { ok: true, reminder: current }
    : { ok: false, reason: 'conflict', reminder: current };
}

/**
 * Records a failed delivery. A retryable failure makes the reminder pending again until it
 * has had `maxAttempts` tries; a permanent one (`retry: false`) fails it at once.
 */
export async function markFailed(
  db: Db,
  id: string,
  failure: { error: string; retry: boolean; maxAttempts: number },
): Promise<Outcome> {
  const [row] = await db
    .update(reminders)
    .set({
      status: failure.retry
        ? sql`case when ${reminders.attempts} >= ${failure.maxAttempts} then 'failed' else 'pending' end`
        : 'failed',
      claimedUntil: null,
      lastError: failure.error,
    })
    .where(and(eq(reminders.id, id), eq(reminders.status, 'claimed')))
    .returning();
  if (row !== undefined) return { ok: true, reminder: toReminder(row) };
  const current = await findReminder(db, id);
  return current === undefined
    ? { ok: false, reason: 'not_found' }
    : { ok: false, reason: 'conflict', reminder: current };
}

export async function findReminder(db: Queryable, id: string): Promise<Reminder | undefined> {
  const [row] = await db.select().from(reminders).where(eq(reminders.id, id)).limit(1);
  return row === undefined ? undefined : toReminder(row);
}

/**
 * Whether a person gets reminders: a student's record says it (`remindersEnabled`, which the
 * student may change like their other own fields); staff choose in `reminder_preferences`.
 * On unless turned off.
 */
export async function remindersEnabled(db: Queryable, who: ReminderRecipient): Promise<boolean> {
  if (who.kind === 'student') {
    const student = await findRecord(db, studentRepository, who.id);
    if (student === undefined) throw ApiError.notFound(`Student ${who.id}`);
    return student.remindersEnabled;
  }
  const [row] = await db
    .select({ enabled: reminderPreferences.enabled })
    .from(reminderPreferences)
    .where(
      and(eq(reminderPreferences.subjectKind, who.kind), eq(reminderPreferences.subjectId, who.id)),
    )
    .limit(1);
  return row?.enabled ?? true;
}

/**
 * Turns a person's reminders on or off (audited). Turning them off also skips their pending
 * reminders, so nothing already computed reaches them.
 */
export async function setRemindersEnabled(
  db: Db,
  actor: Actor,
  who: ReminderRecipient,
  enabled: boolean,
): Promise<void> {
  if (who.kind === 'student') {
    await changeRecord(db, actor, studentRepository, who.id, {
      change: (current) => ({ ...current, remindersEnabled: enabled }),
    });
  }
  await db.transaction(async (tx) => {
    if (who.kind === 'staff') {
      const updatedAt = actor.now.toISOString();
      await tx
        .insert(reminderPreferences)
        .values({ subjectKind: who.kind, subjectId: who.id, enabled, updatedAt })
        .onConflictDoUpdate({
          target: [reminderPreferences.subjectKind, reminderPreferences.subjectId],
          set: { enabled, updatedAt },
        });
      await writeAudit(tx, actor, {
        action: 'reminder_preference.update',
        entity: 'reminder_preference',
        entityId: `${who.kind}:${who.id}`,
        details: { enabled },
      });
    }
    if (!enabled) {
      await tx
        .update(reminders)
        .set({ status: 'skipped', lastError: 'reminders turned off' })
        .where(
          and(
            eq(reminders.recipientKind, who.kind),
            eq(reminders.recipientId, who.id),
            eq(reminders.status, 'pending'),
          ),
        );
    }
  });
}
