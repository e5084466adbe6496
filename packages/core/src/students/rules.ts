import { z } from 'zod';
import { isAgreementActiveOver, quotaFor } from '../partners/rules';
import type { Agreement, AgreementKind } from '../partners/schemas';
import {
  addDays,
  addMonths,
  CalendarDate,
  daysBetween,
  defineStateMachine,
  fail,
  ok,
  type RuleResult,
  type StateMachine,
  StudentId,
} from '../shared';
import type { Student, StudentSelfView, StudentStatus } from './schemas';

/** Rule 9: one step at a time, no skipping forward; withdrawn from any state before completed. */
export const studentLifecycle: StateMachine<StudentStatus> = defineStateMachine<StudentStatus>(
  'student',
  {
    applied: ['admitted', 'withdrawn'],
    admitted: ['enrolled', 'withdrawn'],
    enrolled: ['arrived', 'withdrawn'],
    arrived: ['active', 'withdrawn'],
    active: ['completed', 'withdrawn'],
    completed: [],
    withdrawn: [],
  },
);

export const DocumentKind = z
  .enum(['permit', 'insurance', 'passport'])
  .meta({ id: 'DocumentKind' });
export type DocumentKind = z.infer<typeof DocumentKind>;

export const DocumentAlertReason = z
  .enum([
    'expired',
    'expires_soon',
    'expires_before_programme_end',
    'passport_expires_near_programme_end',
  ])
  .meta({ id: 'DocumentAlertReason' });
export type DocumentAlertReason = z.infer<typeof DocumentAlertReason>;

/** A document that needs the student's attention (rule 4). */
export const DocumentAlert = z
  .object({
    studentId: StudentId,
    document: DocumentKind,
    expiry: CalendarDate,
    reason: DocumentAlertReason,
    /** Days from today to the expiry date; negative once expired. */
    daysLeft: z.number().int(),
  })
  .meta({ id: 'DocumentAlert' });
export type DocumentAlert = z.infer<typeof DocumentAlert>;

export const DEFAULT_ALERT_DAYS = 30;
/** A passport must stay valid this many months after the programme ends. */
export const PASSPORT_MARGIN_MONTHS = 6;

const documentOrder: Record<DocumentKind, number> = { permit: 0, insurance: 1, passport: 2 };

/**
 * Rule 4. The permit and the insurance raise an alert when expired, when expiring within
 * `withinDays` days (default 30), or when they expire before the programme's last day; the
 * passport when expired or when it expires less than 6 months after the programme ends.
 * One alert per document, with its most urgent reason, sorted by expiry. Students who have
 * completed or withdrawn get none.
 */
export function documentAlerts(
  student: Pick<Student, 'id' | 'programmeEnd' | 'documents' | 'status'>,
  today: CalendarDate,
  options: { withinDays?: number } = {},
): DocumentAlert[] {
  if (student.status === 'completed' || student.status === 'withdrawn') return [];
  const withinDays = options.withinDays ?? DEFAULT_ALERT_DAYS;
  const soonLimit = addDays(today, withinDays);
  const alerts: DocumentAlert[] = [];
  const add = (document: DocumentKind, expiry: CalendarDate, reason: DocumentAlertReason) => {
    alerts.push({
      studentId: student.id,
      document,
      expiry,
      reason,
      daysLeft: daysBetween(today, expiry),
    });
  };

  const stayDocuments: [DocumentKind, CalendarDate | undefined][] = [
    ['permit', student.documents.permit?.expiry],
    ['insurance', student.documents.insuranceExpiry],
  ];
  for (const [document, expiry] of stayDocuments) {
    if (expiry === undefined) continue;
    if (expiry < today) add(document, expiry, 'expired');
    else if (expiry <= soonLimit) add(document, expiry, 'expires_soon');
    else if (expiry < student.programmeEnd) add(document, expiry, 'expires_before_programme_end');
  }

  const passport = student.documents.passportExpiry;
  if (passport !== undefined) {
    if (passport < today) add('passport', passport, 'expired');
    else if (passport < addMonths(student.programmeEnd, PASSPORT_MARGIN_MONTHS)) {
      add('passport', passport, 'passport_expires_near_programme_end');
    }
  }

  return alerts.sort(
    (a, b) =>
      a.expiry.localeCompare(b.expiry) || documentOrder[a.document] - documentOrder[b.document],
  );
}

/** The agreement kind an exchange or dual-degree student must come under (rule 1). */
const requiredAgreementKind: Partial<Record<Student['programmeKind'], AgreementKind>> = {
  exchange: 'student_exchange',
  dual_degree: 'dual_degree',
};

/**
 * Rule 1. An exchange student needs a `student_exchange` agreement, a dual-degree student a
 * `dual_degree` agreement, with the home institution and in force over the whole programme.
 * When the student is already recorded under an agreement, that one must qualify. Returns the
 * qualifying agreement, or null for programme kinds that need none.
 */
export function checkEligibility(
  student: Pick<
    Student,
    'programmeKind' | 'homeInstitutionId' | 'programmeStart' | 'programmeEnd' | 'agreementId'
  >,
  agreements: readonly Agreement[],
): RuleResult<Agreement | null> {
  const requiredKind = requiredAgreementKind[student.programmeKind];
  if (requiredKind === undefined) return ok(null);
  const { programmeKind, homeInstitutionId, programmeStart, programmeEnd } = student;
  if (homeInstitutionId === undefined) {
    return fail(
      'student.home_institution_required',
      {
        en: `An ${programmeKind} student must have a home institution.`,
        zh: `${programmeKind} 类学生必须填写所属院校。`,
        fr: `Un étudiant en ${programmeKind} doit avoir un établissement d'origine.`,
      },
      { programmeKind, requiredKind },
    );
  }
  const qualifies = (agreement: Agreement) =>
    agreement.kind === requiredKind &&
    agreement.institutionIds.includes(homeInstitutionId) &&
    isAgreementActiveOver(agreement, programmeStart, programmeEnd);
  const found =
    student.agreementId === undefined
      ? agreements.find(qualifies)
      : agreements.find(
          (agreement) => agreement.id === student.agreementId && qualifies(agreement),
        );
  if (found !== undefined) return ok(found);

  const which =
    student.agreementId === undefined
      ? 'no'
      : `the recorded agreement ${student.agreementId} is not a`;
  const whichZh =
    student.agreementId === undefined ? '没有' : `所登记的协议 ${student.agreementId} 不是`;
  const whichFr =
    student.agreementId === undefined
      ? 'aucun'
      : `l'accord enregistré ${student.agreementId} n'est pas un`;
  return fail(
    'student.no_active_agreement',
    {
      en: `There is ${which} ${requiredKind} agreement with ${homeInstitutionId} in force from ${programmeStart} to ${programmeEnd}.`,
      zh: `${whichZh}与 ${homeInstitutionId} 签订、在 ${programmeStart} 至 ${programmeEnd} 期间有效的 ${requiredKind} 协议。`,
      fr: `Il n'y a ${whichFr} accord ${requiredKind} avec ${homeInstitutionId} en vigueur du ${programmeStart} au ${programmeEnd}.`,
    },
    {
      programmeKind,
      homeInstitutionId,
      requiredKind,
      programmeStart,
      programmeEnd,
      ...(student.agreementId === undefined ? {} : { agreementId: student.agreementId }),
    },
  );
}

/** An override must say why in at least this many characters other than spaces. */
export const MIN_JUSTIFICATION_CHARS = 10;

/**
 * Rule 2. Admitting a student takes one place of the agreement's inbound quota for the
 * student's academic year; `admittedCount` is the number admitted before this one. Beyond the
 * quota the admission is refused unless staff override it with a justification. On success,
 * `used` counts this admission; in a refusal, `used` is the places already taken.
 */
export function checkAdmission(input: {
  student: Pick<Student, 'programmeKind' | 'academicYear' | 'level'>;
  agreement?: Agreement;
  admittedCount: number;
  override?: { justification: string };
}): RuleResult<{ quota: number | null; used: number; overridden: boolean }> {
  const { student, agreement, admittedCount, override } = input;
  const used = admittedCount + 1;
  if (agreement === undefined) return ok({ quota: null, used, overridden: false });
  const quota = quotaFor(agreement, student.academicYear, 'inbound');
  if (quota === undefined) return ok({ quota: null, used, overridden: false });
  const { academicYear } = student;

  if (
    quota.levels.length > 0 &&
    (student.level === undefined || !quota.levels.includes(student.level))
  ) {
    const level = student.level ?? null;
    const levels = quota.levels.join(', ');
    return fail(
      'agreement.level_not_covered',
      {
        en: `Agreement ${agreement.id} covers only ${levels} students in ${academicYear}; this student's level is ${level ?? 'not recorded'}.`,
        zh: `协议 ${agreement.id} 在 ${academicYear} 学年仅涵盖 ${levels} 层次的学生；该学生的层次为 ${level ?? '未登记'}。`,
        fr: `L'accord ${agreement.id} ne couvre que les étudiants de niveau ${levels} en ${academicYear} ; le niveau de cet étudiant est ${level ?? 'non renseigné'}.`,
      },
      { agreementId: agreement.id, academicYear, level, levels: quota.levels },
    );
  }

  if (used <= quota.students) return ok({ quota: quota.students, used, overridden: false });

  const data = {
    agreementId: agreement.id,
    academicYear,
    quota: quota.students,
    used: admittedCount,
  };
  if (override === undefined) {
    return fail(
      'agreement.quota_exceeded',
      {
        en: `The inbound quota of agreement ${agreement.id} for ${academicYear} is full: ${admittedCount} of ${quota.students} places taken. Staff may override with a justification.`,
        zh: `协议 ${agreement.id} 在 ${academicYear} 学年的来华名额已满：已占用 ${admittedCount}/${quota.students} 个名额。工作人员可填写理由后破例录取。`,
        fr: `Le quota entrant de l'accord ${agreement.id} pour ${academicYear} est atteint : ${admittedCount} places prises sur ${quota.students}. Le personnel peut passer outre en le justifiant.`,
      },
      data,
    );
  }
  if (override.justification.replace(/\s/g, '').length < MIN_JUSTIFICATION_CHARS) {
    return fail(
      'admission.override_requires_justification',
      {
        en: `Admitting beyond the quota needs a justification of at least ${MIN_JUSTIFICATION_CHARS} characters.`,
        zh: `超出名额录取须填写至少 ${MIN_JUSTIFICATION_CHARS} 个字符的理由。`,
        fr: `Une admission au-delà du quota exige une justification d'au moins ${MIN_JUSTIFICATION_CHARS} caractères.`,
      },
      { ...data, minCharacters: MIN_JUSTIFICATION_CHARS },
    );
  }
  return ok({ quota: quota.students, used, overridden: true });
}

/**
 * What a student (or the bot acting for one) may see of their record: no passport or permit
 * number, no staff check-ins, no admission record.
 */
export function toStudentSelfView(student: Student): StudentSelfView {
  const { checkIns: _checkIns, admission: _admission, documents, ...rest } = student;
  const { passportNumber: _passportNumber, permit, ...otherDocuments } = documents;
  return {
    ...rest,
    documents: {
      ...otherDocuments,
      ...(permit === undefined ? {} : { permit: { type: permit.type, expiry: permit.expiry } }),
    },
  };
}
