/**
 * Staff questions about students, agreements and partners. Filters come from the message's
 * entities. A count is one call (`students.counts`, every filter with all its values, counted
 * by the store); a list gives one value of a kind to the API's list filter, applies several
 * here, and reads every page.
 */
import {
  type Agreement,
  agreementStatusAt,
  type CountryCode,
  type Delegation,
  daysBetween,
  type EffectiveAgreementStatus,
  type Institution,
  InstitutionId,
  type Language,
  ProgrammeKind,
  type Student,
  type StudentSelfView,
  StudentStatus,
} from '@passerelle/core';
import type { StudentCountParams, StudentCounts, StudentListParams } from '@passerelle/sdk';
import { country, formatDate, formatDateRange, formatList, text } from './format';
import type { Answer, Handler, Turn } from './turn';
import type { ReplyField } from './types';

/** How many students, agreements or partners one answer lists. */
export const MAX_LISTED = 15;

const joiner: Record<Language, string> = { en: ', ', zh: '，', fr: ', ' };

function institutionIdOf(id: string): InstitutionId | undefined {
  const parsed = InstitutionId.safeParse(id);
  return parsed.success ? parsed.data : undefined;
}

/** Institutions named with confidence (a loose match is not a filter). */
function namedInstitutions(turn: Turn): InstitutionId[] {
  return turn.understanding.entities.institutions
    .filter((match) => match.score >= 0.75)
    .map((match) => institutionIdOf(match.id))
    .filter((id): id is InstitutionId => id !== undefined);
}

function institutionName(turn: Turn, id: string): string {
  const known = turn.catalog.institutions.find((institution) => institution.id === id);
  return known === undefined ? id : text(known.name, turn.language);
}

// ————— students —————

interface StudentQuery {
  params: StudentListParams;
  /** The same filters for `students.counts`, every value of each. */
  counts: StudentCountParams;
  /** Whether `params` hold the whole question: no filter has several values (lists take one). */
  exact: boolean;
  /** The filters of several values, on what the list sends. */
  keep(student: Student | StudentSelfView): boolean;
  criteria: string;
}

function studentQuery(turn: Turn): StudentQuery {
  const { t, language } = turn;
  const entities = turn.understanding.entities;
  const kinds: ProgrammeKind[] = entities.programmeKinds;
  const countries: CountryCode[] = entities.countries;
  const statuses: StudentStatus[] = entities.studentStatuses;
  const homes = namedInstitutions(turn);
  const params: StudentListParams = { limit: 200 };
  if (kinds.length === 1) params.programme_kind = kinds[0];
  if (countries.length === 1) params.nationality = countries[0];
  if (statuses.length === 1) params.status = statuses[0];
  if (homes.length === 1) params.home_institution_id = homes[0];
  const year = entities.year;
  if (year?.academicYear !== undefined) params.academic_year = year.academicYear;
  const startedIn = year !== undefined && year.academicYear === undefined ? year.year : undefined;
  if (startedIn !== undefined) params.started_in = startedIn;

  const criteria: string[] = [];
  if (kinds.length > 0) {
    criteria.push(
      formatList(
        kinds.map((kind) => t.labels.programmeKind[kind]),
        language,
      ),
    );
  }
  if (countries.length > 0) {
    criteria.push(
      t.criterionCountry(
        formatList(
          countries.map((c) => country(c, language)),
          language,
        ),
      ),
    );
  }
  if (statuses.length > 0) {
    criteria.push(
      formatList(
        statuses.map((status) => t.labels.studentStatus[status]),
        language,
      ),
    );
  }
  if (homes.length > 0) {
    criteria.push(
      t.criterionHome(
        formatList(
          homes.map((id) => institutionName(turn, id)),
          language,
        ),
      ),
    );
  }
  if (year?.academicYear !== undefined) criteria.push(t.criterionAcademicYear(year.academicYear));
  if (startedIn !== undefined) criteria.push(t.criterionStarted(startedIn));

  return {
    params,
    exact: kinds.length <= 1 && countries.length <= 1 && statuses.length <= 1 && homes.length <= 1,
    counts: {
      ...(kinds.length === 0 ? {} : { programme_kind: kinds }),
      ...(countries.length === 0 ? {} : { nationality: countries }),
      ...(statuses.length === 0 ? {} : { status: statuses }),
      ...(homes.length === 0 ? {} : { home_institution_id: homes }),
      ...(year?.academicYear === undefined ? {} : { academic_year: year.academicYear }),
      ...(startedIn === undefined ? {} : { started_in: startedIn }),
    },
    criteria: criteria.join(joiner[language]),
    keep: (student) =>
      (kinds.length === 0 || kinds.includes(student.programmeKind)) &&
      (countries.length === 0 || countries.includes(student.nationality)) &&
      (statuses.length === 0 || statuses.includes(student.status)) &&
      (homes.length === 0 ||
        (student.homeInstitutionId !== undefined && homes.includes(student.homeInstitutionId))),
  };
}

async function findStudents(turn: Turn, query: StudentQuery) {
  turn.op('students.list');
  const found: (Student | StudentSelfView)[] = [];
  for await (const student of turn.asker.client.students.list(query.params)) {
    if (query.keep(student)) found.push(student);
  }
  return found;
}

/** Counts are broken down by programme, or by status when one programme is asked. */
function countGroup(turn: Turn): 'programme_kind' | 'status' {
  return turn.understanding.entities.programmeKinds.length === 1 ? 'status' : 'programme_kind';
}

/** The fields of a count: the total, then each group (largest first, as the API sorts them). */
function countFields(turn: Turn, counted: StudentCounts): ReplyField[] {
  const { t } = turn;
  const label = (key: string) => {
    const kind = ProgrammeKind.safeParse(key);
    if (kind.success) return t.labels.programmeKind[kind.data];
    const status = StudentStatus.safeParse(key);
    return status.success ? t.labels.studentStatus[status.data] : key;
  };
  return [
    { label: t.fields.students, value: String(counted.total) },
    ...counted.groups.map((group) => ({ label: label(group.key), value: String(group.count) })),
  ];
}

function countBy<T, K extends string>(items: readonly T[], key: (item: T) => K): [K, number][] {
  const counts = new Map<K, number>();
  for (const item of items) counts.set(key(item), (counts.get(key(item)) ?? 0) + 1);
  return [...counts].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
}

/** The same fields for students read here (a list). */
function studentFields(turn: Turn, students: readonly (Student | StudentSelfView)[]) {
  const byStatus = countGroup(turn) === 'status';
  const groups = countBy(students, (s) => (byStatus ? s.status : s.programmeKind)).map(
    ([key, count]) => ({ key, count }),
  );
  return countFields(turn, { total: students.length, groups });
}

export const studentsCount: Handler = async (turn) => {
  const query = studentQuery(turn);
  turn.op('students.counts');
  const counted = await turn.asker.client.students.counts({
    ...query.counts,
    group_by: countGroup(turn),
  });
  return {
    text: turn.t.studentsCount({ count: counted.total, criteria: query.criteria }),
    fields: countFields(turn, counted),
    followUps: turn.t.helpFollowUps({ role: 'staff' }).slice(1),
  };
};

/**
 * The first students by name and how many match. When the list's filters hold the whole
 * question, the API counts them and sends one page; otherwise (several values of a filter)
 * every record matching the rest is read and filtered here.
 */
async function studentsByName(
  turn: Turn,
  query: StudentQuery,
): Promise<{ shown: (Student | StudentSelfView)[]; total: number; fields: ReplyField[] }> {
  if (query.exact) {
    turn.op('students.counts');
    turn.op('students.list');
    const [counted, page] = await Promise.all([
      turn.asker.client.students.counts({ ...query.counts, group_by: countGroup(turn) }),
      turn.asker.client.students.list({ ...query.params, sort: 'name', limit: MAX_LISTED }),
    ]);
    return { shown: page.data, total: counted.total, fields: countFields(turn, counted) };
  }
  const students = await findStudents(turn, query);
  const sorted = [...students].sort((a, b) => a.fullName.localeCompare(b.fullName));
  return {
    shown: sorted.slice(0, MAX_LISTED),
    total: students.length,
    fields: studentFields(turn, students),
  };
}

export const studentsList: Handler = async (turn) => {
  const { t, language } = turn;
  const query = studentQuery(turn);
  const { shown, total, fields } = await studentsByName(turn, query);
  const lines = shown.map((student) =>
    t.studentLine({
      name: student.fullName,
      kind: t.labels.programmeKind[student.programmeKind],
      country: country(student.nationality, language),
      status: t.labels.studentStatus[student.status],
      home:
        student.homeInstitutionId === undefined
          ? undefined
          : institutionName(turn, student.homeInstitutionId),
    }),
  );
  if (total > shown.length) lines.push(t.more(total - shown.length));
  return {
    text: [t.studentsListIntro({ count: total, criteria: query.criteria }), ...lines].join('\n'),
    fields,
    followUps: turn.t.helpFollowUps({ role: 'staff' }).slice(1),
  };
};

// ————— agreements —————

function agreementLine(turn: Turn, agreement: Agreement): string {
  const { t, language } = turn;
  return t.agreementLine({
    title: text(agreement.title, language),
    partners: formatList(
      agreement.institutionIds.map((id) => institutionName(turn, id)),
      language,
    ),
    kind: t.labels.agreementKind[agreement.kind],
    status: t.labels.agreementStatus[agreementStatusAt(agreement, turn.today)],
    dates: t.agreementDates({
      from:
        agreement.startDate === undefined ? undefined : formatDate(agreement.startDate, language),
      to: agreement.endDate === undefined ? undefined : formatDate(agreement.endDate, language),
    }),
  });
}

async function listAgreements(
  turn: Turn,
  params: Parameters<Turn['asker']['client']['agreements']['list']>[0],
): Promise<Agreement[]> {
  turn.op('agreements.list');
  return turn.asker.client.agreements.list({ limit: 200, ...params }).toArray(2000);
}

export const agreementsQuery: Handler = async (turn): Promise<Answer> => {
  const { t, language, today } = turn;
  const entities = turn.understanding.entities;
  const partners = namedInstitutions(turn);
  const kinds = entities.agreementKinds;
  const statuses: EffectiveAgreementStatus[] = entities.agreementStatuses;
  const countries = entities.countries;
  const range = entities.dateRange;
  const expiring = statuses.includes('expiring');
  // "expiring in the next 6 months": the end date falls within the range asked.
  const withinDays =
    expiring && range !== undefined && range.to > today ? daysBetween(today, range.to) : undefined;

  const agreements = await listAgreements(turn, {
    ...(partners.length === 1 ? { institution_id: partners[0] } : {}),
    ...(countries.length === 1 ? { country: countries[0] } : {}),
    ...(kinds.length === 1 ? { kind: kinds[0] } : {}),
    ...(withinDays === undefined ? {} : { expiring_within_days: withinDays }),
  });
  const kept = agreements.filter(
    (agreement) =>
      (partners.length <= 1 || agreement.institutionIds.some((id) => partners.includes(id))) &&
      (kinds.length <= 1 || kinds.includes(agreement.kind)) &&
      (statuses.length === 0 ||
        (withinDays !== undefined && statuses.length === 1) ||
        statuses.includes(agreementStatusAt(agreement, today))),
  );
  const sorted = [...kept].sort(
    (a, b) =>
      (expiring ? (a.endDate ?? '9999').localeCompare(b.endDate ?? '9999') : 0) ||
      text(a.title, language).localeCompare(text(b.title, language)),
  );

  const criteria: string[] = [];
  if (partners.length > 0) {
    criteria.push(
      t.criterionPartner(
        formatList(
          partners.map((id) => institutionName(turn, id)),
          language,
        ),
      ),
    );
  }
  if (countries.length > 0) {
    criteria.push(
      formatList(
        countries.map((c) => country(c, language)),
        language,
      ),
    );
  }
  if (kinds.length > 0) {
    criteria.push(
      formatList(
        kinds.map((kind) => t.labels.agreementKind[kind]),
        language,
      ),
    );
  }
  if (withinDays !== undefined) criteria.push(t.criterionExpiringWithin(withinDays));
  else if (statuses.length > 0) {
    criteria.push(
      formatList(
        statuses.map((status) => t.labels.agreementStatus[status]),
        language,
      ),
    );
  }
  const criteriaText = criteria.join(joiner[language]);

  if (sorted.length === 0) {
    return {
      text: t.agreementsNone({ criteria: criteriaText }),
      followUps: expiring ? [] : [t.expiringFollowUp()],
    };
  }
  const lines = sorted.slice(0, MAX_LISTED).map((agreement) => agreementLine(turn, agreement));
  if (sorted.length > MAX_LISTED) lines.push(t.more(sorted.length - MAX_LISTED));
  const byStatus = countBy(sorted, (agreement) => agreementStatusAt(agreement, today));
  return {
    text: [t.agreementsIntro({ count: sorted.length, criteria: criteriaText }), ...lines].join(
      '\n',
    ),
    fields: [
      { label: t.fields.agreements, value: String(sorted.length) },
      ...byStatus.map(([status, n]) => ({
        label: t.labels.agreementStatus[status],
        value: String(n),
      })),
    ],
    followUps: expiring ? [] : [t.expiringFollowUp()],
  };
};

// ————— partners —————

function place(turn: Turn, institution: Pick<Institution, 'city' | 'country'>): string {
  return `${institution.city}, ${country(institution.country, turn.language)}`;
}

/** The latest delegation that has begun, else the next one. */
function latestDelegation(delegations: readonly Delegation[], today: string) {
  const live = delegations.filter((delegation) => delegation.status !== 'cancelled');
  const past = live
    .filter((delegation) => delegation.startDate <= today)
    .sort((a, b) => b.startDate.localeCompare(a.startDate));
  const future = live
    .filter((delegation) => delegation.startDate > today)
    .sort((a, b) => a.startDate.localeCompare(b.startDate));
  return past[0] ?? future[0];
}

async function partnersOverview(turn: Turn): Promise<Answer> {
  const { t, language } = turn;
  const countries = turn.understanding.entities.countries;
  turn.op('institutions.list');
  const all = await turn.asker.client.institutions
    .list({ limit: 200, ...(countries.length === 1 ? { country: countries[0] } : {}) })
    .toArray(2000);
  const institutions = all.filter(
    (institution) => countries.length <= 1 || countries.includes(institution.country),
  );
  const stageOf = (institution: (typeof all)[number]) =>
    'stage' in institution ? institution.stage : 'partner';
  const sorted = [...institutions].sort((a, b) =>
    text(a.name, language).localeCompare(text(b.name, language)),
  );
  const lines = sorted.slice(0, MAX_LISTED).map((institution) =>
    t.partnerLine({
      name: text(institution.name, language),
      place: place(turn, institution),
      stage: t.labels.stage[stageOf(institution)],
    }),
  );
  if (sorted.length > MAX_LISTED) lines.push(t.more(sorted.length - MAX_LISTED));
  const criteria = formatList(
    countries.map((c) => country(c, language)),
    language,
  );
  return {
    text: [t.partnersIntro({ count: sorted.length, criteria }), ...lines].join('\n'),
    fields: countBy(sorted, stageOf).map(([stage, n]) => ({
      label: t.labels.stage[stage],
      value: String(n),
    })),
  };
}

export const partnerInfo: Handler = async (turn): Promise<Answer> => {
  const { t, language, today } = turn;
  const match = turn.understanding.entities.institutions[0];
  const id = match === undefined ? undefined : institutionIdOf(match.id);
  if (id === undefined) return partnersOverview(turn);

  // The institution, its agreements and its delegations in one request.
  turn.op('institutions.overview');
  const { institution, agreements, delegations } =
    await turn.asker.client.institutions.overview(id);
  const name = text(institution.name, language);
  const { stage, strategic } = institution;
  const lines = [
    t.partnerIntro({
      name,
      place: place(turn, institution),
      stage: t.labels.stage[stage],
      strategic,
    }),
  ];
  const history = institution.stageHistory;
  if (history.length > 0) {
    lines.push(
      t.stageHistoryIntro(),
      ...[...history]
        .sort((a, b) => a.on.localeCompare(b.on))
        .map((change) =>
          t.stageLine({
            date: formatDate(change.on, language),
            stage: t.labels.stage[change.stage],
            note: change.note,
          }),
        ),
    );
  }
  const contacts = institution.contacts;
  if (contacts.length > 0) {
    lines.push(
      t.contactsLine({
        names: formatList(
          contacts.map((c) => c.name),
          language,
        ),
      }),
    );
  }
  lines.push(t.partnerAgreementsIntro({ count: agreements.length }));
  lines.push(...agreements.slice(0, MAX_LISTED).map((agreement) => agreementLine(turn, agreement)));
  const last = latestDelegation(delegations, today);
  lines.push(
    last === undefined
      ? t.noDelegation()
      : t.lastDelegation({
          title: text(last.title, language),
          dates: formatDateRange(last.startDate, last.endDate, language),
        }),
  );
  return {
    text: lines.join('\n'),
    fields: [
      { label: t.fields.stage, value: t.labels.stage[stage] },
      { label: t.fields.country, value: country(institution.country, language) },
      { label: t.fields.agreements, value: String(agreements.length) },
    ],
    followUps: [t.partnerFollowUp({ name: institution.shortName ?? name })],
    context: last === undefined ? {} : { lastDelegationId: last.id },
  };
};
