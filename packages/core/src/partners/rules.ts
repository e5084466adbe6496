import { z } from 'zod';
import {
  AcademicYear,
  AgreementId,
  addMonths,
  CalendarDate,
  daysBetween,
  defineStateMachine,
  InstitutionId,
  ShortText,
  type StateMachine,
} from '../shared';
import type { Student } from '../students/schemas';
import type {
  Agreement,
  AgreementStatus,
  Direction,
  EffectiveAgreementStatus,
  Quota,
  RelationshipStage,
} from './schemas';

/**
 * The stored status of an agreement (rule 9). Moves to `active` and `expired` are normally
 * derived from the validity dates (`agreementStatusAt`); storing them is allowed so that a
 * record can be brought in line with what the dates say.
 */
export const agreementLifecycle: StateMachine<AgreementStatus> =
  defineStateMachine<AgreementStatus>('agreement', {
    draft: ['negotiating', 'terminated'],
    negotiating: ['signed', 'draft', 'terminated'],
    signed: ['active', 'terminated'],
    active: ['expired', 'terminated'],
    expired: [],
    terminated: [],
  });

/** The relationship with a partner institution; a dormant partner can be revived at any stage. */
export const relationshipStages: StateMachine<RelationshipStage> =
  defineStateMachine<RelationshipStage>('institution', {
    prospect: ['contacted', 'dormant'],
    contacted: ['negotiating', 'prospect', 'dormant'],
    negotiating: ['partner', 'contacted', 'dormant'],
    partner: ['dormant'],
    dormant: ['contacted', 'negotiating', 'partner'],
  });

type AgreementDates = Pick<Agreement, 'status' | 'startDate' | 'endDate'>;

/** Stored statuses whose effective status follows from the validity dates. */
const dateDriven: ReadonlySet<AgreementStatus> = new Set(['signed', 'active', 'expired']);

/**
 * Where a date stands against an agreement's validity dates. A stored `expired` without an end
 * date stays expired once started: no date says otherwise.
 */
function phaseAt(agreement: AgreementDates, date: CalendarDate): 'before' | 'inside' | 'after' {
  if (agreement.startDate !== undefined && date < agreement.startDate) return 'before';
  if (agreement.endDate === undefined && agreement.status === 'expired') return 'after';
  if (agreement.endDate !== undefined && date > agreement.endDate) return 'after';
  return 'inside';
}

/**
 * The status a person reads on `date` (rule 5). Draft, negotiating and terminated agreements
 * keep their stored status; signed, active and expired ones follow their dates: `signed`
 * before the start date, `expired` after the end date, and in between `expiring` once the end
 * date is within `renewalNoticeDays` of `date` (the last valid day included), else `active`.
 * An agreement without an end date is open-ended; one without a start date is valid from
 * signature.
 */
export function agreementStatusAt(
  agreement: Pick<Agreement, 'status' | 'startDate' | 'endDate' | 'renewalNoticeDays'>,
  date: CalendarDate,
): EffectiveAgreementStatus {
  if (!dateDriven.has(agreement.status)) return agreement.status;
  const phase = phaseAt(agreement, date);
  if (phase === 'before') return 'signed';
  if (phase === 'after') return 'expired';
  if (
    agreement.endDate !== undefined &&
    daysBetween(date, agreement.endDate) <= agreement.renewalNoticeDays
  ) {
    return 'expiring';
  }
  return 'active';
}

/**
 * True when the agreement is in force on every day from `from` to `to` (both included): it
 * has been signed, not terminated, and its validity dates cover the whole range. An empty
 * range (`from` after `to`) is never covered.
 */
export function isAgreementActiveOver(
  agreement: AgreementDates,
  from: CalendarDate,
  to: CalendarDate,
): boolean {
  if (!dateDriven.has(agreement.status) || from > to) return false;
  return phaseAt(agreement, from) === 'inside' && phaseAt(agreement, to) === 'inside';
}

/**
 * True when the agreement's end date falls after `date` and at most `days` days later, and the
 * agreement has not been terminated ("Which agreements expire in the next 6 months?").
 */
export function agreementExpiresWithin(
  agreement: Pick<Agreement, 'status' | 'endDate'>,
  date: CalendarDate,
  days: number,
): boolean {
  if (agreement.status === 'terminated' || agreement.endDate === undefined) return false;
  const left = daysBetween(date, agreement.endDate);
  return left > 0 && left <= days;
}

/**
 * "A partner with no exchange, visit or event in 24 months is dormant." A partner with no
 * recorded activity at all is dormant; activity exactly `months` months ago still counts.
 */
export function isDormant(
  lastActivity: CalendarDate | undefined,
  today: CalendarDate,
  months = 24,
): boolean {
  if (lastActivity === undefined) return true;
  return lastActivity < addMonths(today, -months);
}

/** The agreement's quota for one academic year and direction, if it defines one. */
export function quotaFor(
  agreement: Pick<Agreement, 'quotas'>,
  academicYear: AcademicYear,
  direction: Direction,
): Quota | undefined {
  return agreement.quotas.find(
    (quota) => quota.academicYear === academicYear && quota.direction === direction,
  );
}

/** One of our students going to a partner under an agreement (counted as outbound, rule 3). */
export const OutboundMobility = z
  .object({
    agreementId: AgreementId,
    academicYear: AcademicYear,
    studentName: ShortText,
    institutionId: InstitutionId,
    start: CalendarDate,
    end: CalendarDate,
  })
  .refine((value) => value.start <= value.end, {
    message: 'end must not be before start',
    path: ['end'],
  })
  .meta({ id: 'OutboundMobility' });
export type OutboundMobility = z.infer<typeof OutboundMobility>;

/** Inbound versus outbound students under one agreement in one academic year (rule 3). */
export const ExchangeBalance = z
  .object({
    agreementId: AgreementId,
    academicYear: AcademicYear,
    inbound: z.number().int().min(0),
    outbound: z.number().int().min(0),
    /** inbound − outbound: positive when we receive more students than we send. */
    difference: z.number().int(),
    /** |difference| / max(inbound, outbound): 0 when balanced, 1 when one side is empty. */
    imbalance: z.number().min(0).max(1),
    flagged: z.boolean(),
  })
  .meta({ id: 'ExchangeBalance' });
export type ExchangeBalance = z.infer<typeof ExchangeBalance>;

export const DEFAULT_IMBALANCE_THRESHOLD = 0.25;

/** The balance of one agreement's exchange, flagged when the imbalance exceeds the threshold. */
export function exchangeBalance(input: {
  agreementId: Agreement['id'];
  academicYear: AcademicYear;
  inbound: number;
  outbound: number;
  threshold?: number;
}): ExchangeBalance {
  const { agreementId, academicYear, inbound, outbound } = input;
  const threshold = input.threshold ?? DEFAULT_IMBALANCE_THRESHOLD;
  const difference = inbound - outbound;
  const larger = Math.max(inbound, outbound);
  const imbalance = larger === 0 ? 0 : Math.abs(difference) / larger;
  return {
    agreementId,
    academicYear,
    inbound,
    outbound,
    difference,
    imbalance,
    flagged: imbalance > threshold,
  };
}

/** Students who never came (applied only, or withdrawn) do not count as inbound. */
const notCountedInbound: ReadonlySet<Student['status']> = new Set(['applied', 'withdrawn']);

/**
 * The balance of every given agreement for one academic year, in the order given. Inbound
 * students are those recorded under the agreement for that year who were at least admitted
 * and have not withdrawn; outbound ones come from the outbound mobility records.
 */
export function exchangeBalances(
  agreements: readonly Pick<Agreement, 'id'>[],
  students: readonly Pick<Student, 'agreementId' | 'academicYear' | 'status'>[],
  outbound: readonly Pick<OutboundMobility, 'agreementId' | 'academicYear'>[],
  academicYear: AcademicYear,
  threshold: number = DEFAULT_IMBALANCE_THRESHOLD,
): ExchangeBalance[] {
  const inboundCounts = new Map<string, number>();
  for (const student of students) {
    if (student.agreementId === undefined || student.academicYear !== academicYear) continue;
    if (notCountedInbound.has(student.status)) continue;
    inboundCounts.set(student.agreementId, (inboundCounts.get(student.agreementId) ?? 0) + 1);
  }
  const outboundCounts = new Map<string, number>();
  for (const mobility of outbound) {
    if (mobility.academicYear !== academicYear) continue;
    outboundCounts.set(mobility.agreementId, (outboundCounts.get(mobility.agreementId) ?? 0) + 1);
  }
  return agreements.map((agreement) =>
    exchangeBalance({
      agreementId: agreement.id,
      academicYear,
      inbound: inboundCounts.get(agreement.id) ?? 0,
      outbound: outboundCounts.get(agreement.id) ?? 0,
      threshold,
    }),
  );
}
