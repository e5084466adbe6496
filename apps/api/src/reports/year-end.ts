/**
 * What the year-end review of a year reads, loaded for that year and the one before only, each
 * table through a date range on an indexed column (students by programme start, events by first
 * and last session, delegations by start, publications by date, awards by year). Registrations
 * come only for the events loaded, through the (event, status) index.
 *
 * The tables that grow with the number of students (students, registrations) are read as the
 * few columns the review uses, not as whole records: at 100,000 students the review reads a
 * few bytes per student, and its cost grows linearly with the students of the two years.
 */
import {
  CountryCode,
  EventId,
  type Institution,
  ProgrammeKind,
  type Registration,
  RegistrationStatus,
  RelationshipStage,
  type Student,
  StudentStatus,
  type YearEndData,
} from '@passerelle/core';
import { and, between, gte, inArray, lt, or, sql } from 'drizzle-orm';
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
import { eventRepository } from '../repositories/events';
import { awardRepository, publicationRepository } from '../repositories/publications';

/** A day of slack on each side: a session belongs to the year of its own time zone's clock. */
const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * The fields of each record that `yearEndReview` reads. A narrowed record stands for the whole
 * one: the API test compares the review over the store with core's own over the full demo
 * records, so a rule that starts reading another field shows there.
 */
type ReviewedStudent = Pick<Student, 'status' | 'programmeKind' | 'nationality' | 'programmeStart'>;
type ReviewedRegistration = Pick<Registration, 'eventId' | 'status'>;
type ReviewedInstitution = Pick<Institution, 'stage' | 'country'>;

/** Everything the review of `year` needs: that year and the previous one. */
export async function loadYearEndData(db: Queryable, year: number): Promise<YearEndData> {
  const from = `${year - 1}-01-01`;
  const to = `${year}-12-31`;
  const eventsInRange = and(
    lt(events.startsAt, new Date(Date.parse(`${year + 1}-01-01T00:00:00Z`) + DAY_MS).toISOString()),
    gte(events.endsAt, new Date(Date.parse(`${from}T00:00:00Z`) - DAY_MS).toISOString()),
  );

  const [
    studentRows,
    eventRows,
    registrationRows,
    delegationRows,
    agreementRows,
    institutionRows,
    publicationRows,
    awardRows,
  ] = await Promise.all([
    db
      .select({
        status: students.status,
        programmeKind: students.programmeKind,
        nationality: students.nationality,
        programmeStart: students.programmeStart,
      })
      .from(students)
      .where(between(students.programmeStart, from, to)),
    db.select({ data: events.data }).from(events).where(eventsInRange),
    db
      .select({ eventId: registrations.eventId, status: registrations.status })
      .from(registrations)
      .where(
        inArray(
          registrations.eventId,
          db.select({ id: events.id }).from(events).where(eventsInRange),
        ),
      ),
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
      .select({ data: publications.data })
      .from(publications)
      .where(between(publications.publishedOn, from, to)),
    db
      .select({ data: awards.data })
      .from(awards)
      .where(between(awards.year, year - 1, year)),
  ]);

  return {
    students: studentRows.map((row) => {
      const student: ReviewedStudent = {
        status: StudentStatus.parse(row.status),
        programmeKind: ProgrammeKind.parse(row.programmeKind),
        nationality: CountryCode.parse(row.nationality),
        programmeStart: row.programmeStart,
      };
      return student as Student;
    }),
    events: eventRows.map((row) => eventRepository.schema.parse(row.data)),
    registrations: registrationRows.map((row) => {
      const registration: ReviewedRegistration = {
        eventId: EventId.parse(row.eventId),
        status: RegistrationStatus.parse(row.status),
      };
      return registration as Registration;
    }),
    delegations: delegationRows.map((row) => delegationRepository.schema.parse(row.data)),
    agreements: agreementRows.map((row) => agreementRepository.schema.parse(row.data)),
    institutions: institutionRows.map((row) => {
      const institution: ReviewedInstitution = {
        stage: RelationshipStage.parse(row.stage),
        country: CountryCode.parse(row.country),
      };
      return institution as Institution;
    }),
    publications: publicationRows.map((row) => publicationRepository.schema.parse(row.data)),
    awards: awardRows.map((row) => awardRepository.schema.parse(row.data)),
  };
}
