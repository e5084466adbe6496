/**
 * Staff questions about the office as a whole: a delegation (dates, members, itinerary in the
 * items' own time zones, outcomes, follow-ups), alerts, the year-end review, and the questions
 * the bot could not answer.
 */
import {
  addDays,
  addMonths,
  type CalendarDate,
  type Delegation,
  type DelegationDirection,
  DelegationId,
  type DocumentKind,
  dateInZone,
  daysBetween,
  InstitutionId,
  type YearFigure,
} from '@passerelle/core';
import { CUES, type DelegationAspect, fold } from '../nlu';
import {
  formatChange,
  formatDate,
  formatDateRange,
  formatList,
  formatNumber,
  formatSpan,
  text,
} from './format';
import type { MessageSet } from './messages';
import type { Answer, Handler, Turn } from './turn';
import type { FollowUp, ReplyField } from './types';

// ————— delegations —————

function delegationIdOf(id: string | undefined): DelegationId | undefined {
  const parsed = DelegationId.safeParse(id);
  return parsed.success ? parsed.data : undefined;
}

/** The period a delegation question names: a month of a year, or a whole year. */
function periodOf(ref: { month?: number; year?: number }): { from?: string; to?: string } {
  if (ref.year === undefined) return {};
  if (ref.month === undefined) return { from: `${ref.year}-01-01`, to: `${ref.year}-12-31` };
  const first = `${ref.year}-${String(ref.month).padStart(2, '0')}-01`;
  return { from: first, to: addDays(addMonths(first, 1), -1) };
}

const INBOUND_RE =
  /\b(?:from|visiting us|visited us|visitors?|inbound|hosted|received)\b|来访|来华|来校|访华|recue|venue? de|entrante/u;
const OUTBOUND_RE = /\b(?:to|trip|outbound|went|mission|sortante|en)\b|出访|访法|赴/u;

/** The direction a question names: "the delegation from France", "our trip to France". */
export function directionAsked(message: string): DelegationDirection | undefined {
  const folded = fold(message);
  if (INBOUND_RE.test(folded)) return 'inbound';
  if (OUTBOUND_RE.test(folded)) return 'outbound';
  return undefined;
}

/** Days between a delegation's dates and today: 0 while it is under way. */
function distance(delegation: Delegation, today: CalendarDate): number {
  if (delegation.startDate <= today && today <= delegation.endDate) return 0;
  return Math.min(
    Math.abs(daysBetween(today, delegation.startDate)),
    Math.abs(daysBetween(today, delegation.endDate)),
  );
}

/**
 * Of several delegations, the one closest to today (the one under way, the coming one, or the
 * last one). When the direction is not said, a delegation "to" a country is the usual meaning,
 * unless the question names the institution that came.
 */
function choose(
  delegations: readonly Delegation[],
  today: CalendarDate,
  direction: DelegationDirection | undefined,
): Delegation | undefined {
  const live = delegations.filter((delegation) => delegation.status !== 'cancelled');
  const candidates = live.length > 0 ? live : delegations;
  const directed =
    direction === undefined
      ? candidates
      : candidates.filter((delegation) => delegation.direction === direction);
  const pool = directed.length > 0 ? directed : candidates;
  return [...pool].sort(
    (a, b) => distance(a, today) - distance(b, today) || b.startDate.localeCompare(a.startDate),
  )[0];
}

async function findDelegation(turn: Turn): Promise<Delegation | undefined> {
  const entities = turn.understanding.entities;
  const ref = entities.delegation ?? {};
  const match = entities.institutions.find((candidate) => candidate.score >= 0.75);
  const parsedInstitution = InstitutionId.safeParse(match?.id);
  const institution = parsedInstitution.success ? parsedInstitution.data : undefined;
  const named = ref.country !== undefined || ref.year !== undefined || institution !== undefined;
  const client = turn.asker.client;
  if (!named) {
    // "Its itinerary": the delegation of the previous answer.
    const previous = delegationIdOf(turn.context.lastDelegationId);
    if (previous !== undefined) {
      turn.op('delegations.get');
      return client.delegations.get(previous);
    }
  }
  const period = periodOf(ref);
  turn.op('delegations.list');
  const found = await client.delegations
    .list({
      limit: 200,
      ...(ref.country === undefined ? {} : { country: ref.country }),
      ...(institution === undefined ? {} : { institution_id: institution }),
      ...period,
    })
    .toArray(500);
  const direction =
    directionAsked(turn.message.text) ?? (institution === undefined ? 'outbound' : undefined);
  return choose(found, turn.today, direction);
}

const ASPECT_FOLLOW_UPS = ['members', 'itinerary', 'outcomes', 'follow_ups'] as const;

export const delegationInfo: Handler = async (turn): Promise<Answer> => {
  const { t, language } = turn;
  const delegation = await findDelegation(turn);
  if (delegation === undefined) return { text: t.delegationWhich() };
  const aspect: DelegationAspect = turn.understanding.entities.aspect ?? 'summary';
  const dates = formatDateRange(delegation.startDate, delegation.endDate, language);
  const lines = [
    t.delegationIntro({
      title: text(delegation.title, language),
      direction: t.labels.direction[delegation.direction],
      dates,
      status: t.labels.delegationStatus[delegation.status],
    }),
  ];
  const leader = t.delegationLeader({ name: delegation.leader.name, role: delegation.leader.role });
  const members = [delegation.leader, ...delegation.members];
  const institutionName = (id: string | undefined) => {
    if (id === undefined) return undefined;
    const known = turn.catalog.institutions.find((institution) => institution.id === id);
    return known === undefined ? undefined : text(known.name, language);
  };

  if (aspect === 'summary' || aspect === 'dates') {
    lines.push(leader);
    const visited = delegation.institutionIds
      .map(institutionName)
      .filter((name): name is string => name !== undefined);
    if (aspect === 'summary' && visited.length > 0) lines.push(formatList(visited, language));
    if (aspect === 'summary' && delegation.objectives.length > 0) {
      lines.push(...delegation.objectives.map((objective) => `• ${objective}`));
    }
  }
  if (aspect === 'members') {
    lines.push(
      t.membersIntro({ count: members.length }),
      ...members.map((member) =>
        t.memberLine({ name: member.name, role: member.role, organisation: member.organisation }),
      ),
    );
  }
  if (aspect === 'itinerary') {
    const items = [...delegation.itinerary].sort((a, b) => a.start.localeCompare(b.start));
    lines.push(t.itineraryIntro({ count: items.length }));
    if (items.length === 0) lines.push(t.noneYet());
    for (const item of items) {
      lines.push(
        t.itineraryLine({
          // Each item in its own time zone: a visit in Paris reads in Paris time.
          when: formatSpan(item.start, item.end, item.timeZone, language),
          kind: t.labels.itineraryKind[item.kind],
          where: institutionName(item.institutionId) ?? item.place ?? '',
          agenda: item.agenda === undefined ? undefined : text(item.agenda, language),
        }),
      );
    }
  }
  if (aspect === 'outcomes' || aspect === 'summary') {
    lines.push(t.outcomesIntro({ count: delegation.outcomes.length }));
    if (delegation.outcomes.length === 0) lines.push(t.noneYet());
    for (const outcome of delegation.outcomes) {
      lines.push(
        t.outcomeLine({
          kind: t.labels.outcomeKind[outcome.kind],
          institution: institutionName(outcome.institutionId),
          summary: text(outcome.summary, language),
        }),
      );
    }
  }
  if (aspect === 'follow_ups') {
    turn.op('delegations.followUps.list');
    const open = await turn.asker.client.delegations.followUps.list(delegation.id);
    lines.push(t.followUpsIntro({ count: open.length }));
    if (open.length === 0) lines.push(t.noneYet());
    for (const followUp of open) {
      lines.push(
        t.followUpLine({
          action: followUp.action,
          owner: followUp.owner,
          due: formatDate(followUp.dueDate, language),
          status: t.labels.followUpStatus[followUp.status],
        }),
      );
    }
  }

  const followUps: FollowUp[] = ASPECT_FOLLOW_UPS.filter((other) => other !== aspect).map((other) =>
    t.delegationFollowUp({ aspect: other }),
  );
  return {
    text: lines.join('\n'),
    fields: [
      { label: t.fields.dates, value: dates },
      { label: t.fields.leader, value: delegation.leader.name },
      { label: t.fields.members, value: String(members.length) },
      { label: t.fields.status, value: t.labels.delegationStatus[delegation.status] },
    ],
    followUps,
    context: { lastDelegationId: delegation.id },
  };
};

// ————— alerts —————

function documentsAsked(turn: Turn): Set<DocumentKind> {
  const asked = new Set<DocumentKind>();
  for (const kind of turn.understanding.entities.documentKinds) {
    asked.add(kind === 'visa' || kind === 'residence_permit' ? 'permit' : kind);
  }
  return asked;
}

export const alerts: Handler = async (turn): Promise<Answer> => {
  const { t, language, today } = turn;
  const range = turn.understanding.entities.dateRange;
  const withinDays =
    range !== undefined && range.to > today
      ? Math.min(3650, daysBetween(today, range.to))
      : undefined;
  const asked = documentsAsked(turn);
  const beforeEnd = CUES.beforeProgrammeEnd.test(fold(turn.message.text));
  const documentsOnly = asked.size > 0 || beforeEnd;
  const [onlyKind] = asked.size === 1 ? [...asked] : [];
  // The API filters by document and by programme end itself, and names the student of each
  // alert: one call. (One `students.get` per student, one after the other, then one list call
  // for the names, made this answer one of the slowest of the bot's benchmark.)
  turn.op('alerts.list');
  const report = await turn.asker.client.alerts.list({
    ...(withinDays === undefined ? {} : { within_days: withinDays }),
    ...(beforeEnd ? { before_programme_end: true } : {}),
    ...(onlyKind === undefined ? {} : { document: onlyKind }),
  });
  const documents = report.documents.filter(
    (alert) => asked.size === 0 || asked.has(alert.document),
  );
  const agreements = documentsOnly ? [] : report.agreements;
  const date = formatDate(report.date, language);
  const fields: ReplyField[] = [
    { label: t.fields.documentAlerts, value: String(documents.length) },
    ...(documentsOnly
      ? []
      : [{ label: t.fields.agreementAlerts, value: String(agreements.length) }]),
  ];
  if (documents.length === 0 && agreements.length === 0) {
    return { text: t.alertsNone({ date }), fields };
  }
  const lines = [
    t.alertsIntro({ date, documents: documents.length, agreements: agreements.length }),
    ...documents.map((alert) =>
      t.alertDocumentLine({
        name: alert.studentName,
        document: t.labels.documentKind[alert.document],
        expiry: formatDate(alert.expiry, language),
        reason: t.labels.alertReason[alert.reason],
      }),
    ),
    ...agreements.map((alert) =>
      t.alertAgreementLine({
        title: text(alert.title, language),
        end: formatDate(alert.endDate, language),
        days: alert.daysLeft,
      }),
    ),
  ];
  return { text: lines.join('\n'), fields, followUps: [t.expiringFollowUp()] };
};

// ————— year-end review —————

function figureLine(t: MessageSet, turn: Turn, label: string, figure: YearFigure, detail?: string) {
  const value = formatNumber(figure.value, turn.language);
  const change = formatChange(figure.change, figure.changePercent, turn.language);
  return {
    line: t.yearEndLine({
      label,
      value: detail === undefined ? value : `${value} — ${detail}`,
      change,
    }),
    field: { label, value: `${value} (${change})` },
  };
}

export const yearEndReview: Handler = async (turn): Promise<Answer> => {
  const { t, language } = turn;
  const year = turn.understanding.entities.year?.year ?? Number(turn.today.slice(0, 4));
  turn.op('reports.yearEnd');
  const review = await turn.asker.client.reports.yearEnd(year);
  const byKind = review.internationalStudents.byProgrammeKind
    .filter((figure) => figure.value > 0)
    .map(
      (figure) =>
        `${t.labels.programmeKind[figure.programmeKind]} ${formatNumber(figure.value, language)}`,
    )
    .join(' · ');
  const f = t.fields;
  const rows = [
    figureLine(t, turn, f.newStudents, review.internationalStudents.total, byKind || undefined),
    figureLine(t, turn, f.shortTermVisitors, review.shortTermVisitors.total),
    figureLine(t, turn, f.summerSchoolSessions, review.summerSchool.sessions),
    figureLine(t, turn, f.summerSchoolParticipants, review.summerSchool.participants),
    figureLine(t, turn, f.visitingScholars, review.visitingScholarsAndStaff),
    figureLine(t, turn, f.inboundDelegations, review.delegations.inbound),
    figureLine(t, turn, f.outboundDelegations, review.delegations.outbound),
    figureLine(t, turn, f.agreementsSigned, review.agreements.signed),
    figureLine(t, turn, f.agreementsExpiring, review.agreements.expiring),
    figureLine(t, turn, f.culturalEvents, review.events.cultural),
    figureLine(t, turn, f.events, review.events.total),
    figureLine(t, turn, f.publications, review.publications),
    figureLine(t, turn, f.awards, review.awards.count),
  ];
  const lines = [t.yearEndIntro({ year: review.year, previous: review.previousYear })];
  lines.push(...rows.map((row) => row.line));
  if (review.awards.list.length > 0) {
    lines.push(
      t.yearEndAwards({
        names: formatList(
          review.awards.list.map((award) => `${award.person} (${award.category})`),
          language,
        ),
      }),
    );
  }
  return {
    text: lines.join('\n'),
    fields: rows.map((row) => row.field),
    followUps: [t.yearEndFollowUp({ year: review.previousYear })],
  };
};

// ————— gaps —————

export const gaps: Handler = async (turn): Promise<Answer> => {
  const { t, language } = turn;
  const found = await turn.deps.state.listGaps(15);
  if (found.length === 0) return { text: t.gapsNone() };
  return {
    text: [
      t.gapsIntro({ count: found.length }),
      ...found.map((gap) =>
        t.gapLine({
          question: gap.question,
          count: gap.count,
          last: formatDate(dateInZone(gap.lastAskedAt, turn.deps.timeZone), language),
        }),
      ),
    ].join('\n'),
    fields: [{ label: t.fields.unanswered, value: String(found.length) }],
  };
};
