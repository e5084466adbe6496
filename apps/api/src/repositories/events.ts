import { allTexts, Event, participantKey, Registration } from '@passerelle/core';
import { defineRepository, foldText, searchText, spine } from '../db/records';
import { events, registrations } from '../db/schema';

/** First session start and last session end, as instants. */
export function eventSpan(record: Pick<Event, 'sessions'>): { startsAt: string; endsAt: string } {
  const starts = record.sessions.map((session) => Date.parse(session.start));
  const ends = record.sessions.map((session) => Date.parse(session.end));
  return {
    startsAt: new Date(Math.min(...starts)).toISOString(),
    endsAt: new Date(Math.max(...ends)).toISOString(),
  };
}

export const eventRepository = defineRepository({
  entity: 'event',
  table: events,
  schema: Event,
  toRow: (record: Event) => ({
    ...spine(record, record.createdAt),
    ...eventSpan(record),
    kind: record.kind,
    audience: record.audience,
    capacity: record.capacity ?? null,
    cancelled: record.cancelled,
    academicYear: record.academicYear ?? null,
    titleSort: foldText(record.title.en ?? record.title.fr ?? record.title.zh ?? ''),
    search: searchText([
      ...allTexts(record.title),
      record.organiser,
      ...(record.workshop === undefined ? [] : allTexts(record.workshop.topic)),
    ]),
  }),
});

export const registrationRepository = defineRepository({
  entity: 'registration',
  table: registrations,
  schema: Registration,
  toRow: (record: Registration) => ({
    ...spine(record, record.registeredAt),
    eventId: record.eventId,
    participantKey: participantKey(record.participant),
    studentId: record.participant.kind === 'student' ? record.participant.studentId : null,
    status: record.status,
    sequence: record.sequence,
  }),
});
