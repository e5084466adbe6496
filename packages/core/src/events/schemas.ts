import { z } from 'zod';
import {
  AcademicYear,
  Email,
  EventId,
  Instant,
  InstitutionId,
  Language,
  LocalizedText,
  RegistrationId,
  recordFields,
  SessionId,
  ShortText,
  StaffId,
  StudentId,
  TimeZone,
  Url,
} from '../shared';
import { ProgrammeKind } from '../students/schemas';

export const EventKind = z
  .enum([
    'cultural',
    'academic_seminar',
    'performance',
    'themed_salon',
    'sports',
    'summer_school',
    'welcome_orientation',
    'online_workshop',
    'year_end_review',
    'info_session',
  ])
  .meta({ id: 'EventKind' });
export type EventKind = z.infer<typeof EventKind>;

/** Who an event is for: all students, students of some programme kinds, staff, the public. */
export const AudienceGroup = z
  .enum(['all_students', ...ProgrammeKind.options, 'staff', 'public'])
  .meta({ id: 'AudienceGroup' });
export type AudienceGroup = z.infer<typeof AudienceGroup>;

const sessionBase = z.object({
  title: LocalizedText.optional(),
  start: Instant,
  end: Instant,
  timeZone: TimeZone,
  place: ShortText.optional(),
  onlineUrl: Url.optional(),
});
const endAfterStart = (value: { start: string; end: string }) =>
  Date.parse(value.start) < Date.parse(value.end);

export const SessionInput = sessionBase.refine(endAfterStart, {
  message: 'end must be after start',
  path: ['end'],
});
export type SessionInput = z.input<typeof SessionInput>;
export const Session = sessionBase.extend({ id: SessionId }).meta({ id: 'Session' });
export type Session = z.infer<typeof Session>;

/** A panel inside an online workshop (30 to 40 minutes, rule 8). */
export const Panel = z
  .object({
    title: LocalizedText,
    start: Instant,
    end: Instant,
    /** Panels on different tracks may run at the same time. */
    track: z.number().int().min(1).max(10).default(1),
  })
  .meta({ id: 'Panel' });
export type Panel = z.infer<typeof Panel>;

/** The online-workshop programme of seed 002: topic → partner → rounds → reports → evaluation. */
export const WorkshopDetails = z
  .object({
    topic: LocalizedText,
    department: ShortText,
    partnerTimeZone: TimeZone,
    format: z.enum(['one_off', 'multi_round']),
    round: z.number().int().min(1).max(3).default(1),
    totalRounds: z.number().int().min(1).max(3).default(1),
    panels: z.array(Panel).max(20).default([]),
    reportsDue: z.iso.date().optional(),
    evaluation: z.string().trim().max(4000).optional(),
  })
  .meta({ id: 'WorkshopDetails' });
export type WorkshopDetails = z.infer<typeof WorkshopDetails>;

const eventBase = z.object({
  kind: EventKind,
  title: LocalizedText,
  description: LocalizedText.optional(),
  sessions: z.array(SessionInput).min(1).max(100),
  /** Absent: no limit. */
  capacity: z.number().int().min(1).max(100_000).optional(),
  registrationOpensAt: Instant.optional(),
  registrationClosesAt: Instant.optional(),
  audience: z.array(AudienceGroup).min(1).max(10).default(['all_students']),
  languages: z.array(Language).min(1).max(3).default(['en']),
  interpretation: z.boolean().default(false),
  organiser: ShortText,
  partnerInstitutionIds: z.array(InstitutionId).max(50).default([]),
  academicYear: AcademicYear.optional(),
  workshop: WorkshopDetails.optional(),
  cancelled: z.boolean().default(false),
});

const windowInOrder = (value: {
  registrationOpensAt?: string | undefined;
  registrationClosesAt?: string | undefined;
}) =>
  value.registrationOpensAt === undefined ||
  value.registrationClosesAt === undefined ||
  Date.parse(value.registrationOpensAt) < Date.parse(value.registrationClosesAt);

export const EventInput = eventBase.refine(windowInOrder, {
  message: 'registrationClosesAt must be after registrationOpensAt',
  path: ['registrationClosesAt'],
});
export type EventInput = z.input<typeof EventInput>;

export const Event = eventBase
  .extend({ id: EventId, sessions: z.array(Session).min(1), ...recordFields })
  .meta({ id: 'Event' });
export type Event = z.infer<typeof Event>;

export const Participant = z
  .discriminatedUnion('kind', [
    z.object({ kind: z.literal('student'), studentId: StudentId }),
    z.object({ kind: z.literal('staff'), staffId: StaffId }),
    z.object({ kind: z.literal('guest'), name: ShortText, email: Email }),
  ])
  .meta({ id: 'Participant' });
export type Participant = z.infer<typeof Participant>;

export const RegistrationStatus = z
  .enum(['registered', 'waitlisted', 'cancelled', 'attended', 'no_show'])
  .meta({ id: 'RegistrationStatus' });
export type RegistrationStatus = z.infer<typeof RegistrationStatus>;

export const Registration = z
  .object({
    id: RegistrationId,
    eventId: EventId,
    participant: Participant,
    status: RegistrationStatus,
    /** Arrival order: the waitlist is first come, first served by this number. */
    sequence: z.number().int().min(1),
    registeredAt: Instant,
    updatedAt: Instant,
    version: z.number().int().positive(),
  })
  .meta({ id: 'Registration' });
export type Registration = z.infer<typeof Registration>;

/** The places of an event as one asker reads them: the API adds it to every event it answers. */
export const RegistrationSummary = z
  .object({
    capacity: z.number().int().nullable().meta({ description: 'Null: no limit.' }),
    registered: z
      .number()
      .int()
      .meta({ description: 'Seats taken: registered people and those who attended.' }),
    waitlisted: z.number().int(),
    seatsLeft: z.number().int().nullable().meta({ description: 'Null: no limit.' }),
    mine: z
      .object({ id: RegistrationId, status: RegistrationStatus, sequence: z.number().int() })
      .nullable()
      .meta({ description: "The asker's own active registration, if any." }),
  })
  .meta({ id: 'EventRegistrationSummary' });
export type RegistrationSummary = z.infer<typeof RegistrationSummary>;

/** An event as the API answers it: the record and its registration summary for the asker. */
export const EventView = Event.extend({ registration: RegistrationSummary }).meta({
  id: 'EventView',
});
export type EventView = z.infer<typeof EventView>;

/** A stable key for a participant, used to refuse double registration. */
export function participantKey(participant: Participant): string {
  switch (participant.kind) {
    case 'student':
      return `student:${participant.studentId}`;
    case 'staff':
      return `staff:${participant.staffId}`;
    case 'guest':
      return `guest:${participant.email.toLowerCase()}`;
  }
}
