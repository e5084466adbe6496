/**
 * Reminders: what the daily run found that needs someone's attention, one record per person,
 * kind, subject and period, delivered once by the bot (students on WeChat, staff as a Slack
 * digest). The API stores them; the bot renders them in the recipient's language.
 */
import { z } from 'zod';
import { EffectiveAgreementStatus } from '../partners/schemas';
import {
  AgreementId,
  CalendarDate,
  EventId,
  Instant,
  Language,
  LocalizedText,
  ShortText,
  StaffId,
  StudentId,
  TimeZone,
  Url,
} from '../shared';
import { DocumentAlert } from '../students/rules';

/**
 * - `document_expiring`: one of a student's documents needs attention (rule 4);
 * - `event_tomorrow`: an event a student is registered for starts tomorrow;
 * - `staff_digest`: a member of staff's summary of the day (documents, agreements, events).
 */
export const ReminderKind = z
  .enum(['document_expiring', 'event_tomorrow', 'staff_digest'])
  .meta({ id: 'ReminderKind' });
export type ReminderKind = z.infer<typeof ReminderKind>;

/** pending → claimed → delivered; a failed try goes back to pending until the attempts run out. */
export const ReminderStatus = z
  .enum(['pending', 'claimed', 'delivered', 'failed', 'skipped'])
  .meta({ id: 'ReminderStatus' });
export type ReminderStatus = z.infer<typeof ReminderStatus>;

/** Where a reminder goes: students on WeChat, staff on Slack. */
export const ReminderChannel = z.enum(['wechat', 'slack']).meta({ id: 'ReminderChannel' });
export type ReminderChannel = z.infer<typeof ReminderChannel>;

export const ReminderRecipient = z
  .discriminatedUnion('kind', [
    z.object({ kind: z.literal('student'), id: StudentId }),
    z.object({ kind: z.literal('staff'), id: StaffId }),
  ])
  .meta({ id: 'ReminderRecipient' });
export type ReminderRecipient = z.infer<typeof ReminderRecipient>;

/** An agreement that needs attention (rule 5, or expired in the last 30 days). */
export const AgreementAlert = z
  .object({
    agreementId: AgreementId,
    title: LocalizedText,
    endDate: CalendarDate,
    /** Days from the date to the end date; negative once expired. */
    daysLeft: z.number().int(),
    status: EffectiveAgreementStatus,
  })
  .meta({ id: 'AgreementAlert' });
export type AgreementAlert = z.infer<typeof AgreementAlert>;

/** An event as a reminder shows it: its title and its first session. */
export const ReminderEvent = z
  .object({
    eventId: EventId,
    title: LocalizedText,
    start: Instant,
    timeZone: TimeZone,
    place: ShortText.optional(),
    onlineUrl: Url.optional(),
  })
  .meta({ id: 'ReminderEvent' });
export type ReminderEvent = z.infer<typeof ReminderEvent>;

/** A document alert with the name of the student it concerns (GET /v1/alerts, staff digests). */
export const NamedDocumentAlert = DocumentAlert.extend({
  studentName: z.string().meta({ description: "The student's name." }),
}).meta({ id: 'NamedDocumentAlert' });
export type NamedDocumentAlert = z.infer<typeof NamedDocumentAlert>;

/** A document alert in a staff digest: the same shape, under its own name in the document. */
export const DigestDocument = NamedDocumentAlert.meta({ id: 'DigestDocument' });
export type DigestDocument = NamedDocumentAlert;

/** What a reminder says, by kind; the texts people read are localized or rendered by the bot. */
export const ReminderContent = z
  .discriminatedUnion('kind', [
    z.object({ kind: z.literal('document_expiring'), alert: DocumentAlert }),
    z.object({ kind: z.literal('event_tomorrow'), event: ReminderEvent }),
    z.object({
      kind: z.literal('staff_digest'),
      date: CalendarDate,
      /** How many document alerts there are; `documents` lists the most urgent of them. */
      documentCount: z.number().int().min(0),
      documents: z.array(DigestDocument),
      agreements: z.array(AgreementAlert),
      /** Events tomorrow that the member of staff is registered for. */
      events: z.array(ReminderEvent),
    }),
  ])
  .meta({ id: 'ReminderContent' });
export type ReminderContent = z.infer<typeof ReminderContent>;

export const ReminderId = z
  .string()
  .regex(/^rem_[0-9A-Za-z]{10,40}$/, 'must be an id starting with "rem_"')
  .meta({ id: 'ReminderId', example: 'rem_01KAHV8W1ZQ3M4T5R6S7V8W9XY' });
export type ReminderId = z.infer<typeof ReminderId>;

export const Reminder = z
  .object({
    id: ReminderId,
    recipient: ReminderRecipient,
    kind: ReminderKind,
    channel: ReminderChannel,
    /** What it is about: a document kind, an event id, or the date of a digest. */
    subject: z.string(),
    /** Which occurrence: the expiry date and reason, the event's date, the digest's date. */
    period: z.string(),
    content: ReminderContent,
    status: ReminderStatus,
    /** Deliveries tried (each claim counts one). */
    attempts: z.number().int().min(0),
    /** Until when a claim holds; after it, another claimer may take the reminder again. */
    claimedUntil: Instant.nullable(),
    deliveredAt: Instant.nullable(),
    /** Why the last try failed, as the bot reported it. */
    lastError: z.string().nullable(),
    createdAt: Instant,
  })
  .meta({ id: 'Reminder' });
export type Reminder = z.infer<typeof Reminder>;

/** A claimed reminder with where and how to send it. */
export const ClaimedReminder = Reminder.extend({
  /** The recipient's bound identity on the channel (WeChat contact or openid, Slack user id). */
  channelUserId: z.string(),
  /** The language to write in: the student's preferred language, the staff member's first. */
  language: Language,
}).meta({ id: 'ClaimedReminder' });
export type ClaimedReminder = z.infer<typeof ClaimedReminder>;

/** What one run of the daily computation did. */
export const ReminderRun = z
  .object({
    date: CalendarDate,
    /** False when another instance held the lock: it computes, this one did nothing. */
    ran: z.boolean(),
    /** Reminders created by this run. */
    created: z.number().int().min(0),
    /** Reminders this run found already there (an earlier run made them). */
    existing: z.number().int().min(0),
  })
  .meta({ id: 'ReminderRun' });
export type ReminderRun = z.infer<typeof ReminderRun>;

/** A person's choice: reminders on or off (on unless they turned them off). */
export const ReminderPreference = z
  .object({ enabled: z.boolean() })
  .meta({ id: 'ReminderPreference' });
export type ReminderPreference = z.infer<typeof ReminderPreference>;
