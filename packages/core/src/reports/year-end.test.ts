import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Delegation, type DelegationInput } from '../delegations/schemas';
import { Award, Publication } from '../events/publications';
import { Event, type EventInput, type Registration } from '../events/schemas';
import {
  Agreement,
  type AgreementInput,
  Institution,
  type InstitutionInput,
} from '../partners/schemas';
import { academicYearOf, dateInZone } from '../shared';
import { Student, type StudentInput } from '../students/schemas';
import { type YearEndData, YearEndReview, yearEndReview, yearFigure } from './year-end';

const stamp = { createdAt: '2025-01-01T00:00:00Z', updatedAt: '2025-01-01T00:00:00Z', version: 1 };
let counter = 0;
const nextId = (prefix: string) => `${prefix}_test${String(++counter).padStart(8, '0')}`;

function student(input: Partial<StudentInput> & Pick<StudentInput, 'programmeKind'>): Student {
  const programmeStart = input.programmeStart ?? '2025-09-01';
  return Student.parse({
    fullName: 'Test Student',
    email: 'student@example.org',
    nationality: 'FR',
    programmeEnd: '2026-07-01',
    status: 'active',
    ...input,
    programmeStart,
    id: nextId('stu'),
    academicYear: academicYearOf(programmeStart),
    ...stamp,
  });
}

function event(
  input: Partial<EventInput> & Pick<EventInput, 'kind'>,
  starts: string[] = ['2025-05-10T10:00:00+08:00'],
): Event {
  return Event.parse({
    title: { en: 'Event' },
    organiser: 'Office',
    ...input,
    sessions: starts.map((start) => ({
      id: nextId('ses'),
      start,
      end: new Date(Date.parse(start) + 3_600_000).toISOString(),
      timeZone: 'Asia/Shanghai',
    })),
    id: nextId('evt'),
    ...stamp,
  });
}

function registrations(target: Event, statuses: Registration['status'][]): Registration[] {
  return statuses.map((status, index) => ({
    id: nextId('reg') as Registration['id'],
    eventId: target.id,
    participant: { kind: 'guest', name: `Guest ${index}`, email: `guest${index}@example.org` },
    status,
    sequence: index + 1,
    registeredAt: '2025-01-01T00:00:00Z',
    updatedAt: '2025-01-01T00:00:00Z',
    version: 1,
  }));
}

function delegation(
  input: Partial<DelegationInput> & Pick<DelegationInput, 'direction' | 'startDate'>,
  memberCount = 0,
): Delegation {
  return Delegation.parse({
    title: { en: 'Visit' },
    endDate: input.startDate,
    countries: ['FR'],
    leader: { name: 'Leader' },
    members: Array.from({ length: memberCount }, (_, i) => ({ name: `Member ${i}` })),
    ...input,
    id: nextId('del'),
    ...stamp,
  });
}

function agreement(input: Partial<AgreementInput>): Agreement {
  return Agreement.parse({
    title: { en: 'Agreement' },
    kind: 'student_exchange',
    institutionIds: ['ins_test00000001'],
    status: 'active',
    ...input,
    id: nextId('agr'),
    ...stamp,
  });
}

function institution(input: Partial<InstitutionInput>): Institution {
  return Institution.parse({
    name: { en: 'School' },
    country: 'FR',
    city: 'Paris',
    kind: 'grande_ecole',
    ...input,
    id: nextId('ins'),
    ...stamp,
  });
}

const publication = (publishedOn: string): Publication =>
  Publication.parse({
    title: { en: 'News' },
    channel: 'WeChat',
    publishedOn,
    id: nextId('pub'),
    ...stamp,
  });

const award = (person: string, year: number): Award =>
  Award.parse({ person, category: 'Outstanding contribution', year, id: nextId('awd'), ...stamp });

const empty: YearEndData = {
  students: [],
  events: [],
  registrations: [],
  delegations: [],
  agreements: [],
  institutions: [],
  publications: [],
  awards: [],
};

const review = (data: Partial<YearEndData>, year = 2025) =>
  yearEndReview({ ...empty, ...data }, year);

describe('yearFigure', () => {
  it('gives the change and the change in percent, rounded to one decimal', () => {
    expect(yearFigure(45, 38)).toEqual({ value: 45, previous: 38, change: 7, changePercent: 18.4 });
  });

  it('shows a decline as a negative change', () => {
    expect(yearFigure(3, 4)).toEqual({ value: 3, previous: 4, change: -1, changePercent: -25 });
  });

  it('has no percent when the previous year had nothing', () => {
    expect(yearFigure(5, 0)).toEqual({ value: 5, previous: 0, change: 5, changePercent: null });
    expect(yearFigure(0, 0).changePercent).toBeNull();
  });

  it('rounds a tiny decline to 0, never to -0', () => {
    expect(Object.is(yearFigure(3998, 3999).changePercent, 0)).toBe(true);
  });

  it('keeps value minus previous and the percent within rounding of the exact one (property)', () => {
    fc.assert(
      fc.property(fc.nat(10_000), fc.nat(10_000), (value, previous) => {
        const figure = yearFigure(value, previous);
        expect(figure.change).toBe(value - previous);
        if (previous === 0) {
          expect(figure.changePercent).toBeNull();
          return;
        }
        const exact = ((value - previous) / previous) * 100;
        const percent = figure.changePercent ?? Number.NaN;
        expect(Math.abs(percent - exact)).toBeLessThanOrEqual(0.05 + 1e-9);
        expect(Object.is(percent, -0)).toBe(false);
        if (Math.abs(exact) > 0.051) expect(Math.sign(percent)).toBe(Math.sign(exact));
      }),
    );
  });
});

describe('yearEndReview — students', () => {
  const students = [
    student({ programmeKind: 'degree', nationality: 'FR' }),
    student({ programmeKind: 'exchange', nationality: 'FR', programmeStart: '2025-02-24' }),
    student({ programmeKind: 'dual_degree', nationality: 'DE' }),
    student({ programmeKind: 'intern', nationality: 'JP', status: 'withdrawn' }),
    student({ programmeKind: 'exchange', nationality: 'FR', status: 'applied' }),
    student({ programmeKind: 'exchange', nationality: 'IT', programmeStart: '2024-09-02' }),
    student({ programmeKind: 'degree', nationality: 'FR', programmeStart: '2024-09-02' }),
    student({ programmeKind: 'degree', nationality: 'FR', programmeStart: '2023-09-01' }),
    student({ programmeKind: 'short_term', nationality: 'FR', programmeStart: '2025-07-01' }),
    student({ programmeKind: 'short_term', nationality: 'FR', programmeStart: '2025-10-01' }),
    student({ programmeKind: 'short_term', nationality: 'US', programmeStart: '2025-10-01' }),
    student({ programmeKind: 'short_term', nationality: 'US', status: 'applied' }),
    student({ programmeKind: 'short_term', nationality: 'FR', programmeStart: '2024-07-01' }),
    student({ programmeKind: 'summer_school', programmeStart: '2025-07-07' }),
    student({ programmeKind: 'summer_school', programmeStart: '2025-07-14' }),
    student({ programmeKind: 'summer_school', programmeStart: '2024-07-08' }),
  ];
  const result = review({ students });

  it('counts new international students who started in the year, leaving out mere applicants', () => {
    expect(result.internationalStudents.total).toEqual(yearFigure(4, 2));
  });

  it('breaks new students down by programme kind, every kind listed', () => {
    expect(result.internationalStudents.byProgrammeKind).toEqual([
      { programmeKind: 'degree', ...yearFigure(1, 1) },
      { programmeKind: 'exchange', ...yearFigure(1, 1) },
      { programmeKind: 'dual_degree', ...yearFigure(1, 0) },
      { programmeKind: 'intern', ...yearFigure(1, 0) },
    ]);
  });

  it('breaks new students down by nationality, largest first, keeping last year’s countries', () => {
    expect(result.internationalStudents.byCountry).toEqual([
      { country: 'FR', ...yearFigure(2, 1) },
      { country: 'DE', ...yearFigure(1, 0) },
      { country: 'JP', ...yearFigure(1, 0) },
      { country: 'IT', ...yearFigure(0, 1) },
    ]);
  });

  it('counts short-term visitors apart, by country too', () => {
    expect(result.shortTermVisitors.total).toEqual(yearFigure(3, 1));
    expect(result.shortTermVisitors.byCountry).toEqual([
      { country: 'FR', ...yearFigure(2, 1) },
      { country: 'US', ...yearFigure(1, 0) },
    ]);
  });

  it('counts summer-school participants by the start of their programme', () => {
    expect(result.summerSchool.participants).toEqual(yearFigure(2, 1));
  });

  it('keeps the total equal to the sum over kinds and over countries (property)', () => {
    const kinds = ['degree', 'exchange', 'dual_degree', 'intern', 'short_term'] as const;
    const arbitraryStudent = fc.record({
      programmeKind: fc.constantFrom(...kinds),
      nationality: fc.constantFrom('FR', 'DE', 'CN', 'US'),
      year: fc.constantFrom(2023, 2024, 2025),
      status: fc.constantFrom('applied', 'admitted', 'active', 'withdrawn'),
    });
    fc.assert(
      fc.property(fc.array(arbitraryStudent, { maxLength: 30 }), (rows) => {
        const data = rows.map((row) =>
          student({
            programmeKind: row.programmeKind,
            nationality: row.nationality,
            status: row.status,
            programmeStart: `${row.year}-09-01`,
            programmeEnd: `${row.year + 1}-07-01`,
          }),
        );
        const { internationalStudents } = review({ students: data });
        const sum = (list: { value: number }[]) => list.reduce((s, f) => s + f.value, 0);
        expect(sum(internationalStudents.byProgrammeKind)).toBe(internationalStudents.total.value);
        expect(sum(internationalStudents.byCountry)).toBe(internationalStudents.total.value);
        const expected = rows.filter(
          (r) => r.year === 2025 && r.status !== 'applied' && r.programmeKind !== 'short_term',
        ).length;
        expect(internationalStudents.total.value).toBe(expected);
      }),
    );
  });
});

describe('yearEndReview — summer school sessions', () => {
  it('counts summer-school events with a session starting in the year, not cancelled ones', () => {
    const events = [
      event({ kind: 'summer_school' }, ['2025-07-07T09:00:00+08:00', '2025-07-14T09:00:00+08:00']),
      event({ kind: 'summer_school' }, ['2025-08-04T09:00:00+08:00']),
      event({ kind: 'summer_school', cancelled: true }, ['2025-08-11T09:00:00+08:00']),
      event({ kind: 'summer_school' }, ['2024-07-08T09:00:00+08:00']),
      event({ kind: 'cultural' }, ['2025-07-07T09:00:00+08:00']),
    ];
    expect(review({ events }).summerSchool.sessions).toEqual(yearFigure(2, 1));
  });

  it('reads the year on the clock of the session’s time zone', () => {
    // 31 December 2024 at 17:00 UTC is already 1 January 2025 in Shanghai.
    const events = [event({ kind: 'summer_school' }, ['2024-12-31T17:00:00Z'])];
    expect(review({ events }).summerSchool.sessions).toEqual(yearFigure(1, 0));
  });
});

describe('yearEndReview — delegations and visitors', () => {
  const delegations = [
    delegation({ direction: 'inbound', startDate: '2025-03-10', status: 'completed' }, 5),
    delegation({ direction: 'inbound', startDate: '2025-10-14', status: 'completed' }, 3),
    delegation({ direction: 'inbound', startDate: '2025-11-02', status: 'cancelled' }, 9),
    delegation({ direction: 'inbound', startDate: '2024-05-06', status: 'completed' }, 2),
    delegation({ direction: 'outbound', startDate: '2025-12-08', status: 'completed' }, 4),
    delegation({ direction: 'outbound', startDate: '2025-06-16', status: 'cancelled' }, 1),
  ];
  const result = review({ delegations });

  it('counts leaders and members of inbound delegations as visiting scholars and staff', () => {
    expect(result.visitingScholarsAndStaff).toEqual(yearFigure(6 + 4, 3));
  });

  it('counts inbound and outbound delegations, leaving out cancelled ones', () => {
    expect(result.delegations.inbound).toEqual(yearFigure(2, 1));
    expect(result.delegations.outbound).toEqual(yearFigure(1, 0));
  });
});

describe('yearEndReview — agreements', () => {
  const agreements = [
    agreement({ signedOn: '2025-04-01', startDate: '2025-09-01', endDate: '2030-08-31' }),
    agreement({ signedOn: '2025-07-01', startDate: '2025-09-01', endDate: '2030-08-31' }),
    agreement({ signedOn: '2024-06-12', startDate: '2024-09-01', endDate: '2025-08-31' }),
    agreement({ status: 'expired', signedOn: '2020-05-20', endDate: '2025-06-30' }),
    agreement({ status: 'terminated', signedOn: '2021-01-05', endDate: '2025-03-31' }),
    agreement({ status: 'draft', endDate: '2025-12-31' }),
    agreement({ status: 'expired', signedOn: '2019-05-20', endDate: '2024-08-31' }),
  ];
  const result = review({ agreements });

  it('counts agreements signed in the year', () => {
    expect(result.agreements.signed).toEqual(yearFigure(2, 1));
  });

  it('counts agreements ending in the year, not terminated ones nor ones never signed', () => {
    expect(result.agreements.expiring).toEqual(yearFigure(2, 1));
  });
});

describe('yearEndReview — the year of a session on its own clock', () => {
  // The review reads UTC's year away from New Year and asks Intl only near it: both must agree
  // with the session's own clock, in zones from UTC−12 to UTC+14.
  const zones = [
    'Etc/GMT+12',
    'Pacific/Honolulu',
    'America/New_York',
    'UTC',
    'Europe/Paris',
    'Asia/Kolkata',
    'Asia/Shanghai',
    'Australia/Adelaide',
    'Pacific/Kiritimati',
  ];
  it('counts each event in the year its first session starts in, wherever it is held', () => {
    const newYear = Date.UTC(2025, 0, 1);
    const arbitrarySession = fc.record({
      // Up to three days either side of New Year 2025, and some instants far from it.
      offsetMinutes: fc.oneof(
        fc.integer({ min: -4320, max: 4320 }),
        fc.integer({ min: -500_000, max: 500_000 }),
      ),
      timeZone: fc.constantFrom(...zones),
    });
    fc.assert(
      fc.property(fc.array(arbitrarySession, { minLength: 1, maxLength: 12 }), (sessions) => {
        const events = sessions.map(({ offsetMinutes, timeZone }) => {
          const created = event({ kind: 'cultural' }, [
            new Date(newYear + offsetMinutes * 60_000).toISOString(),
          ]);
          return {
            ...created,
            sessions: created.sessions.map((session) => ({ ...session, timeZone })),
          };
        });
        const yearOnItsClock = (e: Event) =>
          Number(dateInZone(e.sessions[0]?.start ?? '', e.sessions[0]?.timeZone ?? '').slice(0, 4));
        const expected = yearFigure(
          events.filter((e) => yearOnItsClock(e) === 2025).length,
          events.filter((e) => yearOnItsClock(e) === 2024).length,
        );
        expect(review({ events }, 2025).events.total).toEqual(expected);
      }),
      { numRuns: 200 },
    );
  });
});

describe('yearEndReview — events', () => {
  const seminar = event({ kind: 'academic_seminar' });
  const concert = event({ kind: 'performance' });
  const salon = event({ kind: 'themed_salon' });
  const oldSalon = event({ kind: 'themed_salon' }, ['2024-05-10T19:00:00+08:00']);
  const rained = event({ kind: 'sports', cancelled: true });
  const review2025 = event({ kind: 'year_end_review' }, ['2025-12-26T14:00:00+08:00']);
  const workshop = event({ kind: 'online_workshop' });
  const spanning = event({ kind: 'cultural' }, [
    '2025-12-30T19:00:00+08:00',
    '2026-01-02T19:00:00+08:00',
  ]);
  const registrationsList = [
    ...registrations(seminar, ['attended', 'attended', 'no_show', 'cancelled']),
    ...registrations(concert, ['registered', 'registered', 'waitlisted', 'cancelled']),
    ...registrations(salon, ['attended', 'registered']),
    ...registrations(oldSalon, ['registered', 'registered', 'registered']),
    ...registrations(rained, ['attended']),
  ];
  const result = review({
    events: [seminar, concert, salon, oldSalon, rained, review2025, workshop, spanning],
    registrations: registrationsList,
  });
  const kind = (k: string) => result.events.byKind.find((row) => row.kind === k);

  it('lists every kind of event, in a stable order', () => {
    expect(result.events.byKind.map((row) => row.kind)).toEqual([
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
    ]);
  });

  it('counts attendance from registrations marked attended', () => {
    expect(kind('academic_seminar')).toEqual({
      kind: 'academic_seminar',
      events: yearFigure(1, 0),
      attended: yearFigure(2, 0),
      registered: yearFigure(0, 0),
    });
  });

  it('reports registrations as expected attendance when attendance was never recorded', () => {
    expect(kind('performance')?.attended).toEqual(yearFigure(0, 0));
    expect(kind('performance')?.registered).toEqual(yearFigure(2, 0));
    expect(kind('themed_salon')).toEqual({
      kind: 'themed_salon',
      events: yearFigure(1, 1),
      attended: yearFigure(1, 0),
      registered: yearFigure(0, 3),
    });
  });

  it('leaves out cancelled events and keeps the year-end review meeting', () => {
    expect(kind('sports')?.events).toEqual(yearFigure(0, 0));
    expect(kind('sports')?.attended.value).toBe(0);
    expect(kind('year_end_review')?.events).toEqual(yearFigure(1, 0));
  });

  it('places an event in the year of its first session', () => {
    expect(kind('cultural')?.events).toEqual(yearFigure(1, 0));
    expect(review({ events: [spanning] }, 2026).events.total).toEqual(yearFigure(0, 1));
  });

  it('totals all events and the cultural exchange activities', () => {
    expect(result.events.total).toEqual(yearFigure(6, 1));
    expect(result.events.cultural).toEqual(yearFigure(4, 1));
  });
});

describe('yearEndReview — publications, awards and partners', () => {
  it('counts publications of the year', () => {
    const publications = ['2025-01-05', '2025-12-31', '2024-12-31', '2026-01-01'].map(publication);
    expect(review({ publications }).publications).toEqual(yearFigure(2, 1));
  });

  it('lists the awards of the year with their count', () => {
    const awards = [award('Ada Rivière', 2025), award('Bo Lin', 2025), award('Cy Dupont', 2024)];
    const result = review({ awards });
    expect(result.awards.count).toEqual(yearFigure(2, 1));
    expect(result.awards.list).toEqual([
      { person: 'Ada Rivière', category: 'Outstanding contribution' },
      { person: 'Bo Lin', category: 'Outstanding contribution' },
    ]);
  });

  it('counts institutions by stage and partners by country, as they stand', () => {
    const institutions = [
      institution({ stage: 'partner', country: 'FR' }),
      institution({ stage: 'partner', country: 'FR' }),
      institution({ stage: 'partner', country: 'DE' }),
      institution({ stage: 'contacted', country: 'FR' }),
      institution({ stage: 'dormant', country: 'GB' }),
    ];
    const { partners } = review({ institutions });
    expect(partners.total).toBe(5);
    expect(partners.byStage).toEqual([
      { stage: 'prospect', count: 0 },
      { stage: 'contacted', count: 1 },
      { stage: 'negotiating', count: 0 },
      { stage: 'partner', count: 3 },
      { stage: 'dormant', count: 1 },
    ]);
    expect(partners.byCountry).toEqual([
      { country: 'FR', count: 2 },
      { country: 'DE', count: 1 },
    ]);
  });
});

describe('YearEndReview schema', () => {
  it('accepts a review and names the year before', () => {
    const result = review({ publications: [publication('2025-03-01')] });
    expect(YearEndReview.parse(result)).toEqual(result);
    expect(result.previousYear).toBe(2024);
  });

  it('refuses a figure with a negative count', () => {
    const result = review({});
    const broken = { ...result, publications: { ...result.publications, value: -1 } };
    expect(YearEndReview.safeParse(broken).success).toBe(false);
  });
});
