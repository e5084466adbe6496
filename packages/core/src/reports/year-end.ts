import { z } from 'zod';
import type { Delegation } from '../delegations/schemas';
import type { Award, Publication } from '../events/publications';
import { type Event, EventKind, type Registration } from '../events/schemas';
import { type Agreement, type Institution, RelationshipStage } from '../partners/schemas';
import { CountryCode, dateInZone, ShortText } from '../shared';
import type { Student } from '../students/schemas';

/** Everything the year-end review reads. */
export type YearEndData = {
  students: readonly Student[];
  events: readonly Event[];
  registrations: readonly Registration[];
  delegations: readonly Delegation[];
  agreements: readonly Agreement[];
  institutions: readonly Institution[];
  publications: readonly Publication[];
  awards: readonly Award[];
};

/** A figure of the year beside the previous year's; `changePercent` is null when there was nothing before. */
export const YearFigure = z
  .object({
    value: z.number().int().min(0),
    previous: z.number().int().min(0),
    change: z.number().int(),
    changePercent: z.number().nullable(),
  })
  .meta({ id: 'YearFigure' });
export type YearFigure = z.infer<typeof YearFigure>;

/** The programme kinds counted as new international students (short-term visitors and summer schools apart). */
export const NewStudentKind = z
  .enum(['degree', 'exchange', 'dual_degree', 'intern'])
  .meta({ id: 'NewStudentKind' });
export type NewStudentKind = z.infer<typeof NewStudentKind>;

/** The event kinds counted as cultural exchange activities (seed 000). */
export const culturalEventKinds = [
  'cultural',
  'academic_seminar',
  'performance',
  'themed_salon',
  'sports',
] as const satisfies readonly EventKind[];

const CountryFigure = YearFigure.extend({ country: CountryCode });

export const YearEndReview = z
  .object({
    year: z.number().int(),
    previousYear: z.number().int(),
    internationalStudents: z.object({
      total: YearFigure,
      byProgrammeKind: z.array(YearFigure.extend({ programmeKind: NewStudentKind })),
      byCountry: z.array(CountryFigure),
    }),
    shortTermVisitors: z.object({ total: YearFigure, byCountry: z.array(CountryFigure) }),
    summerSchool: z.object({ sessions: YearFigure, participants: YearFigure }),
    /** Leaders and members of inbound delegations. */
    visitingScholarsAndStaff: YearFigure,
    delegations: z.object({ inbound: YearFigure, outbound: YearFigure }),
    agreements: z.object({ signed: YearFigure, expiring: YearFigure }),
    events: z.object({
      total: YearFigure,
      /** Cultural, academic seminars, performances, themed salons and sports together. */
      cultural: YearFigure,
      /**
       * Per kind: events held, registrations marked attended, and, for events whose attendance
       * was never recorded, the registrations as the expected attendance.
       */
      byKind: z.array(
        z.object({
          kind: EventKind,
          events: YearFigure,
          attended: YearFigure,
          registered: YearFigure,
        }),
      ),
    }),
    publications: YearFigure,
    awards: z.object({
      count: YearFigure,
      list: z.array(z.object({ person: ShortText, category: ShortText })),
    }),
    /** Current counts, without a previous year. `byCountry` counts institutions at the partner stage. */
    partners: z.object({
      total: z.number().int().min(0),
      byStage: z.array(z.object({ stage: RelationshipStage, count: z.number().int().min(0) })),
      byCountry: z.array(z.object({ country: CountryCode, count: z.number().int().min(0) })),
    }),
  })
  .meta({ id: 'YearEndReview' });
export type YearEndReview = z.infer<typeof YearEndReview>;

/** A figure with its change against the previous year (percent rounded to one decimal). */
export function yearFigure(value: number, previous: number): YearFigure {
  const change = value - previous;
  if (previous === 0) return { value, previous, change, changePercent: null };
  const percent = Math.round((change / previous) * 1000) / 10;
  // A decline too small to show rounds to 0, not to -0.
  return { value, previous, change, changePercent: percent === 0 ? 0 : percent };
}

const yearOf = (date: string): number => Number(date.slice(0, 4));

/** No time zone is more than 14 hours from UTC; a day leaves a margin. */
const ZONE_MARGIN_MS = 24 * 60 * 60 * 1000;

/**
 * The calendar year a session starts in, read on the clock of its own time zone. Away from New
 * Year (more than a day from it in UTC) every zone reads UTC's year, without asking Intl, whose
 * `formatToParts` was most of the review's own time (bench/, CPU profile of the bot).
 */
function sessionYear(session: { start: string; timeZone: string }): number {
  const at = Date.parse(session.start);
  const utcYear = new Date(at).getUTCFullYear();
  if (
    at - Date.UTC(utcYear, 0, 1) > ZONE_MARGIN_MS &&
    Date.UTC(utcYear + 1, 0, 1) - at > ZONE_MARGIN_MS
  ) {
    return utcYear;
  }
  return yearOf(dateInZone(session.start, session.timeZone));
}

/** An event belongs to the year its first session starts in. */
function eventYear(event: Event): number {
  let first = event.sessions[0];
  for (const session of event.sessions) {
    if (first === undefined || Date.parse(session.start) < Date.parse(first.start)) first = session;
  }
  return first === undefined ? Number.NaN : sessionYear(first);
}

/** Counts in the year and the year before, as one figure. */
function countFigure<T>(items: readonly T[], yearOfItem: (item: T) => number, year: number) {
  let value = 0;
  let previous = 0;
  for (const item of items) {
    const y = yearOfItem(item);
    if (y === year) value++;
    else if (y === year - 1) previous++;
  }
  return yearFigure(value, previous);
}

/** Figures per key, largest first, for keys seen in either year. */
function figuresByKey<T, K extends string>(
  items: readonly T[],
  yearOfItem: (item: T) => number,
  keyOf: (item: T) => K,
  year: number,
): { key: K; figure: YearFigure }[] {
  const counts = new Map<K, [number, number]>();
  for (const item of items) {
    const y = yearOfItem(item);
    if (y !== year && y !== year - 1) continue;
    const key = keyOf(item);
    const pair = counts.get(key) ?? [0, 0];
    pair[y === year ? 0 : 1]++;
    counts.set(key, pair);
  }
  return [...counts]
    .map(([key, [value, previous]]) => ({ key, figure: yearFigure(value, previous) }))
    .sort(
      (a, b) =>
        b.figure.value - a.figure.value ||
        b.figure.previous - a.figure.previous ||
        a.key.localeCompare(b.key),
    );
}

const newStudentKinds: readonly string[] = NewStudentKind.options;
/** A student who never got past the application is not a new student. */
const startedIn = (student: Student): number =>
  student.status === 'applied' ? Number.NaN : yearOf(student.programmeStart);

/** Rule 10: the year-end review of a calendar year, each figure beside the year before. */
export function yearEndReview(data: YearEndData, year: number): YearEndReview {
  const newStudents = data.students.filter((s) => newStudentKinds.includes(s.programmeKind));
  const shortTerm = data.students.filter((s) => s.programmeKind === 'short_term');
  const summerStudents = data.students.filter((s) => s.programmeKind === 'summer_school');

  const byCountry = (students: readonly Student[]) =>
    figuresByKey(students, startedIn, (s) => s.nationality, year).map(({ key, figure }) => ({
      country: key,
      ...figure,
    }));

  const summerSessions = (() => {
    let value = 0;
    let previous = 0;
    for (const event of data.events) {
      if (event.kind !== 'summer_school' || event.cancelled) continue;
      const years = new Set(event.sessions.map(sessionYear));
      if (years.has(year)) value++;
      if (years.has(year - 1)) previous++;
    }
    return yearFigure(value, previous);
  })();

  const live = data.delegations.filter((d) => d.status !== 'cancelled');
  const delegationYear = (d: Delegation) => yearOf(d.startDate);
  const inbound = live.filter((d) => d.direction === 'inbound');
  const visitors = (y: number) =>
    inbound
      .filter((d) => delegationYear(d) === y)
      .reduce((sum, d) => sum + 1 + d.members.length, 0);

  const neverSigned = new Set(['draft', 'negotiating', 'terminated']);
  const expiring = data.agreements.filter((a) => !neverSigned.has(a.status));

  const events = data.events.filter((e) => !e.cancelled);
  const registrationsByEvent = new Map<string, Registration[]>();
  for (const registration of data.registrations) {
    const list = registrationsByEvent.get(registration.eventId) ?? [];
    list.push(registration);
    registrationsByEvent.set(registration.eventId, list);
  }
  const attendanceOf = (event: Event) => {
    const list = registrationsByEvent.get(event.id) ?? [];
    const recorded = list.some((r) => r.status === 'attended' || r.status === 'no_show');
    return {
      attended: list.filter((r) => r.status === 'attended').length,
      registered: recorded ? 0 : list.filter((r) => r.status === 'registered').length,
    };
  };
  const byKind = EventKind.options.map((kind) => {
    const counts: Record<'events' | 'attended' | 'registered', [number, number]> = {
      events: [0, 0],
      attended: [0, 0],
      registered: [0, 0],
    };
    for (const event of events) {
      if (event.kind !== kind) continue;
      const y = eventYear(event);
      if (y !== year && y !== year - 1) continue;
      const slot = y === year ? 0 : 1;
      const { attended, registered } = attendanceOf(event);
      counts.events[slot] += 1;
      counts.attended[slot] += attended;
      counts.registered[slot] += registered;
    }
    const toFigure = ([value, previous]: [number, number]) => yearFigure(value, previous);
    return {
      kind,
      events: toFigure(counts.events),
      attended: toFigure(counts.attended),
      registered: toFigure(counts.registered),
    };
  });
  const cultural: readonly EventKind[] = culturalEventKinds;

  const stageCounts = RelationshipStage.options.map((stage) => ({
    stage,
    count: data.institutions.filter((i) => i.stage === stage).length,
  }));
  const partnerCountries = new Map<CountryCode, number>();
  for (const institution of data.institutions) {
    if (institution.stage !== 'partner') continue;
    partnerCountries.set(institution.country, (partnerCountries.get(institution.country) ?? 0) + 1);
  }

  return {
    year,
    previousYear: year - 1,
    internationalStudents: {
      total: countFigure(newStudents, startedIn, year),
      byProgrammeKind: NewStudentKind.options.map((programmeKind) => ({
        programmeKind,
        ...countFigure(
          newStudents.filter((s) => s.programmeKind === programmeKind),
          startedIn,
          year,
        ),
      })),
      byCountry: byCountry(newStudents),
    },
    shortTermVisitors: {
      total: countFigure(shortTerm, startedIn, year),
      byCountry: byCountry(shortTerm),
    },
    summerSchool: {
      sessions: summerSessions,
      participants: countFigure(summerStudents, startedIn, year),
    },
    visitingScholarsAndStaff: yearFigure(visitors(year), visitors(year - 1)),
    delegations: {
      inbound: countFigure(inbound, delegationYear, year),
      outbound: countFigure(
        live.filter((d) => d.direction === 'outbound'),
        delegationYear,
        year,
      ),
    },
    agreements: {
      signed: countFigure(
        data.agreements.filter((a) => a.signedOn !== undefined),
        (a) => yearOf(a.signedOn ?? ''),
        year,
      ),
      expiring: countFigure(
        expiring.filter((a) => a.endDate !== undefined),
        (a) => yearOf(a.endDate ?? ''),
        year,
      ),
    },
    events: {
      total: countFigure(events, eventYear, year),
      cultural: countFigure(
        events.filter((e) => cultural.includes(e.kind)),
        eventYear,
        year,
      ),
      byKind,
    },
    publications: countFigure(data.publications, (p) => yearOf(p.publishedOn), year),
    awards: {
      count: countFigure(data.awards, (a) => a.year, year),
      list: data.awards
        .filter((a) => a.year === year)
        .map((a) => ({ person: a.person, category: a.category })),
    },
    partners: {
      total: data.institutions.length,
      byStage: stageCounts,
      byCountry: [...partnerCountries]
        .map(([country, count]) => ({ country, count }))
        .sort((a, b) => b.count - a.count || a.country.localeCompare(b.country)),
    },
  };
}
