/**
 * The daily reminder run: what needs attention at a date (the selection GET /v1/alerts uses,
 * reminders/attention.ts), turned into one reminder per person, kind, subject and period.
 *
 * - Students bound to a WeChat identity get one reminder per document alert (rule 4) and one
 *   per event they are registered for whose first session starts tomorrow (office time zone).
 * - Staff (admins included) bound to a Slack identity get one digest a day, when there is
 *   something in it: the students' document alerts, the agreements that need attention, and
 *   the events tomorrow they are registered for.
 * - Nobody who turned reminders off (a student's `remindersEnabled`, a member of staff's
 *   preference) gets any; nobody without an identity on their channel does
 *   either (nothing could deliver it).
 *
 * Exactly once: the run holds `pg_try_advisory_xact_lock(REMINDER_RUN_LOCK)` for its
 * transaction, so of several instances running at once only one computes (the others answer
 * `ran: false`); the inserts are `ON CONFLICT DO NOTHING` on the unique key
 * (recipient, kind, subject, period), so a later run, here or elsewhere, adds nothing twice.
 */
import {
  type AgreementAlert,
  addDays,
  type CalendarDate,
  DEFAULT_ALERT_DAYS,
  type DigestDocument,
  documentReminderPeriod,
  type Event,
  isTomorrow,
  type ReminderContent,
  type ReminderEvent,
  type ReminderKind,
  type ReminderRecipient,
  type ReminderRun,
  reminderChannel,
  type Staff,
  StudentId,
  zonedTimeToInstant,
} from '@passerelle/core';
import { and, asc, eq, gte, lt, or, sql } from 'drizzle-orm';
import { rowsOf } from '../backup/tables';
import { storedRecord } from '../db/records';
import {
  channelBindings,
  events,
  registrations,
  reminderPreferences,
  reminders,
  staff,
  students,
} from '../db/schema';
import type { Db, Queryable } from '../db/store';
import { newLocalId } from '../ids';
import { eventRepository } from '../repositories/events';
import { staffRepository } from '../repositories/staff';
import { agreementAlerts, byExpiry, named, studentsWithDocumentAlerts } from './attention';

/** The advisory lock of the daily run (an arbitrary constant, distinct from the migrations'). */
export const REMINDER_RUN_LOCK = 7_152_031;

/** At most this many document alerts are listed in a digest (`documentCount` has them all). */
export const DIGEST_DOCUMENTS_MAX = 20;

export interface RunOptions {
  /** The date the run is for ("today" in the office time zone). */
  date: CalendarDate;
  /** The office time zone: "tomorrow" for events is read there. */
  timeZone: string;
  /** When the reminders are created. */
  now: Date;
}

/** A reminder the run wants to exist. */
export interface PlannedReminder {
  recipient: ReminderRecipient;
  kind: ReminderKind;
  subject: string;
  period: string;
  content: ReminderContent;
}

const key = (recipient: { kind: string; id: string }) => `${recipient.kind}:${recipient.id}`;

/** Runs the daily computation once for `date`; see the module comment for the guarantees. */
export async function runReminders(db: Db, options: RunOptions): Promise<ReminderRun> {
  const { date } = options;
  return db.transaction(async (tx) => {
    const [lock] = await rowsOf<{ locked: boolean }>(
      tx,
      sql`select pg_try_advisory_xact_lock(${sql.raw(String(REMINDER_RUN_LOCK))}) as locked`,
    );
    if (lock?.locked !== true) return { date, ran: false, created: 0, existing: 0 };
    const planned = await planReminders(tx, options);
    let created = 0;
    const createdAt = options.now.toISOString();
    for (let start = 0; start < planned.length; start += 500) {
      const batch = planned.slice(start, start + 500);
      const inserted = await tx
        .insert(reminders)
        .values(
          batch.map((reminder) => ({
            id: newLocalId('rem', options.now.getTime()),
            recipientKind: reminder.recipient.kind,
            recipientId: reminder.recipient.id,
            kind: reminder.kind,
            channel: reminderChannel(reminder.recipient),
            subject: reminder.subject,
            period: reminder.period,
            content: reminder.content,
            status: 'pending',
            attempts: 0,
            createdAt,
          })),
        )
        .onConflictDoNothing()
        .returning({ id: reminders.id });
      created += inserted.length;
    }
    return { date, ran: true, created, existing: planned.length - created };
  });
}

/** Everything the run would create at `date`, before the unique key removes what exists. */
export async function planReminders(
  db: Queryable,
  options: RunOptions,
): Promise<PlannedReminder[]> {
  const { date, timeZone } = options;
  // One after another: inside a transaction there is one connection (no parallel queries).
  const optedOut = await optedOutKeys(db);
  const reachable = await reachableKeys(db);
  const wanted = (recipient: ReminderRecipient) =>
    reachable.has(key(recipient)) && !optedOut.has(key(recipient));
  const planned: PlannedReminder[] = [];

  const withAlerts = await studentsWithDocumentAlerts(db, date, {
    withinDays: DEFAULT_ALERT_DAYS,
    beforeProgrammeEnd: false,
    document: undefined,
  });
  for (const { student, alerts } of withAlerts) {
    const recipient: ReminderRecipient = { kind: 'student', id: student.id };
    if (!wanted(recipient)) continue;
    for (const alert of alerts) {
      planned.push({
        recipient,
        kind: 'document_expiring',
        subject: alert.document,
        period: documentReminderPeriod(alert),
        content: { kind: 'document_expiring', alert },
      });
    }
  }

  const tomorrow = await registrationsTomorrow(db, date, timeZone);
  const staffEvents = new Map<string, ReminderEvent[]>();
  for (const { participantKey, event } of tomorrow) {
    if (participantKey.startsWith('staff:')) {
      const list = staffEvents.get(participantKey) ?? [];
      list.push(event);
      staffEvents.set(participantKey, list);
      continue;
    }
    const id = StudentId.safeParse(participantKey.slice('student:'.length));
    if (!participantKey.startsWith('student:') || !id.success) continue;
    const recipient: ReminderRecipient = { kind: 'student', id: id.data };
    if (!wanted(recipient)) continue;
    planned.push({
      recipient,
      kind: 'event_tomorrow',
      subject: event.eventId,
      period: addDays(date, 1),
      content: { kind: 'event_tomorrow', event },
    });
  }

  const members = await staffToDigest(db, wanted);
  if (members.length > 0) {
    const documents: DigestDocument[] = withAlerts
      .flatMap(({ student, alerts }) => named(alerts, student.preferredName ?? student.fullName))
      .sort(byExpiry);
    const agreementList: AgreementAlert[] = await agreementAlerts(db, date, DEFAULT_ALERT_DAYS);
    for (const member of members) {
      const own = staffEvents.get(`staff:${member.id}`) ?? [];
      if (documents.length === 0 && agreementList.length === 0 && own.length === 0) continue;
      planned.push({
        recipient: { kind: 'staff', id: member.id },
        kind: 'staff_digest',
        subject: 'daily',
        period: date,
        content: {
          kind: 'staff_digest',
          date,
          documentCount: documents.length,
          documents: documents.slice(0, DIGEST_DOCUMENTS_MAX),
          agreements: agreementList,
          events: own,
        },
      });
    }
  }
  return planned;
}

/** Students whose record says `remindersEnabled: false`, and staff who turned theirs off. */
async function optedOutKeys(db: Queryable): Promise<Set<string>> {
  const studentRows = await db
    .select({ id: students.id })
    .from(students)
    .where(sql`(${students.data}->>'remindersEnabled')::boolean = false`);
  const staffRows = await db
    .select({ kind: reminderPreferences.subjectKind, id: reminderPreferences.subjectId })
    .from(reminderPreferences)
    .where(eq(reminderPreferences.enabled, false));
  return new Set([...studentRows.map((row) => `student:${row.id}`), ...staffRows.map(key)]);
}

/** People with an identity on their reminder channel: students on WeChat, staff on Slack. */
async function reachableKeys(db: Queryable): Promise<Set<string>> {
  const rows = await db
    .select({ kind: channelBindings.subjectKind, id: channelBindings.subjectId })
    .from(channelBindings)
    .where(
      or(
        and(eq(channelBindings.subjectKind, 'student'), eq(channelBindings.channel, 'wechat')),
        and(eq(channelBindings.subjectKind, 'staff'), eq(channelBindings.channel, 'slack')),
      ),
    );
  return new Set(rows.map(key));
}

/** Active registrations for events whose first session starts tomorrow in the office zone. */
async function registrationsTomorrow(
  db: Queryable,
  date: CalendarDate,
  timeZone: string,
): Promise<{ participantKey: string; event: ReminderEvent }[]> {
  const from = zonedTimeToInstant(addDays(date, 1), 0, 0, timeZone).toISOString();
  const to = zonedTimeToInstant(addDays(date, 2), 0, 0, timeZone).toISOString();
  const rows = await db
    .select({ participantKey: registrations.participantKey, data: events.data })
    .from(registrations)
    .innerJoin(events, eq(events.id, registrations.eventId))
    .where(
      and(
        eq(registrations.status, 'registered'),
        eq(events.cancelled, false),
        gte(events.startsAt, from),
        lt(events.startsAt, to),
      ),
    )
    .orderBy(asc(events.startsAt), asc(events.id), asc(registrations.sequence));
  return rows.flatMap((row) => {
    const event = storedRecord(eventRepository, row.data);
    const shown = reminderEvent(event);
    if (shown === undefined || !isTomorrow(shown.start, date, timeZone)) return [];
    return [{ participantKey: row.participantKey, event: shown }];
  });
}

/** The event as a reminder shows it: its first session. */
function reminderEvent(event: Event): ReminderEvent | undefined {
  const first = [...event.sessions].sort((a, b) => Date.parse(a.start) - Date.parse(b.start))[0];
  if (first === undefined) return undefined;
  return {
    eventId: event.id,
    title: event.title,
    start: first.start,
    timeZone: first.timeZone,
    ...(first.place === undefined ? {} : { place: first.place }),
    ...(first.onlineUrl === undefined ? {} : { onlineUrl: first.onlineUrl }),
  };
}

async function staffToDigest(
  db: Queryable,
  wanted: (recipient: ReminderRecipient) => boolean,
): Promise<Staff[]> {
  const rows = await db.select({ data: staff.data }).from(staff).orderBy(asc(staff.id));
  return rows
    .map((row) => storedRecord(staffRepository, row.data))
    .filter((member) => wanted({ kind: 'staff', id: member.id }));
}
