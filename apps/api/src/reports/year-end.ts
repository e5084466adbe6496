/**
 * What the year-end review of a year reads, loaded for that year and the one before only, each
 * table through a date range on an indexed column (students by programme start, events by first
 * and last session, delegations by start, publications by date, awards by year). Registrations
 * come only for the events loaded, through the (event, status) index.
 *
 * The review is computed by core's `yearEndReview` over records, but it reads only a few
 * fields of most of them, and PGlite parses every value it returns in JavaScript (a thousand
 * rows cost milliseconds). So the tables that grow with the office's activity are read as what
 * the review reads of them: students and registrations as counts per group (SQL `group by`),
 * each group standing for its records (one narrowed record, repeated `count` times); events as
 * their kind, cancellation and session starts; publications as their dates. The bot's
 * benchmark (bench/) showed the review answer at 20 to 35 ms before, most of it reading and
 * parsing rows that only were counted.
 */
import {
  CalendarDate,
  CountryCode,
  type Event,
  EventId,
  EventKind,
  Instant,
  type Institution,
  ProgrammeKind,
  type Publication,
  type Registration,
  RegistrationStatus,
  RelationshipStage,
  type Student,
  type YearEndData,
} from '@passerelle/core';
import { and, between, gte, inArray, lt, or, type SQL, sql } from 'drizzle-orm';
import { z } from 'zod';
import { storedRecord } from '../db/records';
import {
  agreements,
  awards,
  delegations,
  events,
  institutions,
  publications,
  registrations,
  students,
} from '../db/schema';
import type { Queryable } from '../db/store';
import { agreementRepository } from '../repositories/agreements';
import { delegationRepository } from '../repositories/delegations';
import { awardRepository } from '../repositories/publications';

/**
 * A day of slack on each side: a session belongs to the year of its own time zone's clock. The
 * embedded store's events trigger names the same years (db/changes.ts).
 */
const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * The fields of each record that `yearEndReview` reads. A narrowed record stands for the whole
 * one: the API test compares the review over the store with core's own over the full demo
 * records, so a rule that starts reading another field shows there.
 */
type ReviewedStudent = Pick<Student, 'status' | 'programmeKind' | 'nationality' | 'programmeStart'>;
type ReviewedRegistration = Pick<Registration, 'eventId' | 'status'>;
type ReviewedInstitution = Pick<Institution, 'stage' | 'country'>;
type ReviewedEvent = Pick<Event, 'id' | 'kind' | 'cancelled'> & {
  sessions: Pick<Event['sessions'][number], 'start' | 'timeZone'>[];
};
type ReviewedPublication = Pick<Publication, 'publishedOn'>;

/** What is read of an event: checked as the whole record would be, for the fields read. */
const ReviewedEventRow = z.object({
  id: EventId,
  kind: EventKind,
  cancelled: z.boolean(),
  sessions: z.array(z.object({ start: Instant, timeZone: z.string().min(1) })).min(1),
});

/**
 * The review counts students who got past "applied" by the year their programme starts; a
 * group's stand-in keeps what it reads: whether the status is "applied", and the year.
 */
const NOT_APPLIED = 'active' satisfies Student['status'];

/** `count` references to one stand-in record (the review only counts and groups them). */
function repeated<T>(into: T[], item: T, count: number): void {
  for (let index = 0; index < count; index++) into.push(item);
}

/** Everything the review of `year` needs: that year and the previous one. */
export async function loadYearEndData(db: Queryable, year: number): Promise<YearEndData> {
  const from = `${year - 1}-01-01`;
  const to = `${year}-12-31`;
  const eventsInRange = and(
    lt(events.startsAt, new Date(Date.parse(`${year + 1}-01-01T00:00:00Z`) + DAY_MS).toISOString()),
    gte(events.endsAt, new Date(Date.parse(`${from}T00:00:00Z`) - DAY_MS).toISOString()),
  );

  const applied = sql<boolean>`${students.status} = 'applied'`;
  const startYear = sql<number>`extract(year from ${students.programmeStart})::int`;
  const studentCount = sql<number>`count(*)::int`;
  const registrationCount = sql<number>`count(*)::int`;
  const sessionStarts: SQL<unknown> = sql`(select jsonb_agg(jsonb_build_object('start', s->'start', 'timeZone', s->'timeZone')) from jsonb_array_elements(${events.data}->'sessions') as s)`;

  const [
    studentGroups,
    eventRows,
    registrationGroups,
    delegationRows,
    agreementRows,
    institutionRows,
    publicationRows,
    awardRows,
  ] = await Promise.all([
    db
      .select({
        programmeKind: students.programmeKind,
        nationality: students.nationality,
        applied,
        year: startYear,
        count: studentCount,
      })
      .from(students)
      .where(between(students.programmeStart, from, to))
      .groupBy(students.programmeKind, students.nationality, applied, startYear),
    db
      .select({
        id: events.id,
        kind: events.kind,
        cancelled: events.cancelled,
        sessions: sessionStarts,
      })
      .from(events)
      .where(eventsInRange),
    db
      .select({
        eventId: registrations.eventId,
        status: registrations.status,
        count: registrationCount,
      })
      .from(registrations)
      .where(
        inArray(
          registrations.eventId,
          db.select({ id: events.id }).from(events).where(eventsInRange),
        ),
      )
      .groupBy(registrations.eventId, registrations.status),
    db
      .select({ data: delegations.data })
      .from(delegations)
      .where(between(delegations.startDate, from, to)),
    // Agreements are few (hundreds): the signing date lives in the record only.
    db
      .select({ data: agreements.data })
      .from(agreements)
      .where(
        or(
          between(agreements.endDate, from, to),
          sql`(${agreements.data}->>'signedOn') between ${from} and ${to}`,
        ),
      ),
    // The partner counts are of today, over every institution.
    db.select({ stage: institutions.stage, country: institutions.country }).from(institutions),
    db
      .select({ publishedOn: publications.publishedOn })
      .from(publications)
      .where(between(publications.publishedOn, from, to)),
    db
      .select({ data: awards.data })
      .from(awards)
      .where(between(awards.year, year - 1, year)),
  ]);

  const studentList: Student[] = [];
  for (const group of studentGroups) {
    const student: ReviewedStudent = {
      status: group.applied ? 'applied' : NOT_APPLIED,
      programmeKind: ProgrammeKind.parse(group.programmeKind),
      nationality: CountryCode.parse(group.nationality),
      programmeStart: CalendarDate.parse(`${String(group.year).padStart(4, '0')}-01-01`),
    };
    repeated(studentList, student as Student, group.count);
  }
  const registrationList: Registration[] = [];
  for (const group of registrationGroups) {
    const registration: ReviewedRegistration = {
      eventId: EventId.parse(group.eventId),
      status: RegistrationStatus.parse(group.status),
    };
    repeated(registrationList, registration as Registration, group.count);
  }

  return {
    students: studentList,
    events: eventRows.map((row) => {
      const event: ReviewedEvent = ReviewedEventRow.parse(row);
      return event as Event;
    }),
    registrations: registrationList,
    delegations: delegationRows.map((row) => storedRecord(delegationRepository, row.data)),
    agreements: agreementRows.map((row) => storedRecord(agreementRepository, row.data)),
    institutions: institutionRows.map((row) => {
      const institution: ReviewedInstitution = {
        stage: RelationshipStage.parse(row.stage),
        country: CountryCode.parse(row.country),
      };
      return institution as Institution;
    }),
    publications: publicationRows.map((row) => {
      const publication: ReviewedPublication = { publishedOn: row.publishedOn };
      return publication as Publication;
    }),
    awards: awardRows.map((row) => storedRecord(awardRepository, row.data)),
  };
}
