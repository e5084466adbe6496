/**
 * EWP IIAs (v7) into Passerelle agreements: a plan of what an import would create, built from
 * the parsed document and what the store already holds, with everything that could not be
 * carried over named. Pure: the route reads the store, calls `planImport`, and writes the plan.
 *
 * - One partner must be us (EWP_HEI_ID); the other is found by `Institution.heiId`, or created
 *   (stage `partner`) when its hei-id ends in a country code (`.fr`, `.cn`, `.uk` → GB, …).
 * - Student studies (else traineeship) conditions become quotas, one per academic year and
 *   direction (sending = us: outbound). Staff conditions have no place in Passerelle's quotas.
 * - An IIA whose agreement exists already (our iia-id is its id, or the partner's iia-id is its
 *   `partnerReference` with that partner) is left as it is.
 */
import {
  type AcademicYear,
  Agreement,
  type AgreementKind,
  type AgreementStatus,
  academicYearRange,
  type CalendarDate,
  type Contact,
  Institution,
  isCountryCode,
  isValidDate,
  newId,
  type Quota,
  type StudyLevel,
} from '@passerelle/core';
import type { Iia, IiaContact, IiaPartner, LanguageSkill, MobilitySpec, SpecKind } from './model';
import { startYearOf, xsBoolean } from './model';
import { checkIia, type IiaIssue } from './rules';

export interface ImportContext {
  /** Our HEI id (EWP_HEI_ID). */
  heiId: string;
  /** Our recommended languages (EWP_LANGUAGES): skills that match them need no report. */
  languages: readonly LanguageSkill[];
  /** Institutions that have a heiId, by heiId. */
  institutionsByHei: ReadonlyMap<string, Institution>;
  /** Existing agreements: ids, and `institutionId|partnerReference` → id. */
  agreementIds: ReadonlySet<string>;
  partnerReferences: ReadonlyMap<string, string>;
  /** "now": the creation instant of new records; `today` in the office time zone. */
  now: Date;
  today: CalendarDate;
}

export interface PlannedIia {
  /** 1-based position of the `<iia>` in the document. */
  index: number;
  outcome: 'create' | 'exists' | 'rejected';
  partnerHeiId?: string;
  /** Our iia-id and the partner's, as the document gives them. */
  iiaIds: { ours?: string; partner?: string };
  agreementId?: string;
  institution?: { id: string; heiId: string; created: boolean };
  /** Why the IIA cannot be imported (outcome `rejected`). */
  problems: IiaIssue[];
  /** What the document says that the agreement does not keep. */
  unmapped: IiaIssue[];
  /** The agreement to create (outcome `create`). */
  agreement?: Agreement;
}

export interface ImportPlan {
  iias: PlannedIia[];
  /** New institutions, each written once even when several IIAs name it. */
  institutions: Institution[];
}

const COUNTRY_OF_TLD: Readonly<Record<string, string>> = { uk: 'GB' };
const AGREEMENT_ID = /^agr_[0-9A-Za-z]{10,40}$/;
const levelOfEqf: Readonly<Record<string, StudyLevel>> = {
  '6': 'bachelor',
  '7': 'master',
  '8': 'phd',
};

/** The country of a hei-id's top-level domain, when it is a country code. */
export function countryOfHeiId(heiId: string): string | undefined {
  const tld = heiId.split('.').at(-1) ?? '';
  const code = COUNTRY_OF_TLD[tld] ?? tld.toUpperCase();
  return tld.length === 2 && isCountryCode(code) ? code : undefined;
}

export function planImport(iias: readonly Iia[], context: ImportContext): ImportPlan {
  const created = new Map<string, Institution>();
  const seenIds = new Set(context.agreementIds);
  const seenReferences = new Map(context.partnerReferences);
  const planned = iias.map((iia, position) =>
    planOne(iia, position + 1, context, { created, seenIds, seenReferences }),
  );
  const used = new Set(
    planned.filter((item) => item.outcome === 'create').map((item) => item.institution?.id),
  );
  return {
    iias: planned,
    institutions: [...created.values()].filter((institution) => used.has(institution.id)),
  };
}

interface PlanState {
  created: Map<string, Institution>;
  seenIds: Set<string>;
  seenReferences: Map<string, string>;
}

function planOne(iia: Iia, index: number, context: ImportContext, state: PlanState): PlannedIia {
  const at = `iia[${index}]`;
  const problems = checkIia(iia, at);
  const unmapped: IiaIssue[] = [];
  const note = (path: string, rule: string, message: string) =>
    unmapped.push({ path: `${at}${path === '' ? '' : `/${path}`}`, rule, message });

  const ourIndex = iia.partners.findIndex((partner) => partner.heiId === context.heiId);
  const us = iia.partners[ourIndex];
  const them = iia.partners.find((_, position) => position !== ourIndex);
  const iiaIds = {
    ...(us?.iiaId === undefined ? {} : { ours: us.iiaId }),
    ...(them?.iiaId === undefined ? {} : { partner: them.iiaId }),
  };
  const base = { index, iiaIds, unmapped };
  if (us === undefined || them === undefined) {
    problems.push({
      path: `${at}/partner`,
      rule: 'ewp.not_ours',
      message: `neither partner is us (${context.heiId}); set EWP_HEI_ID if this is our document`,
    });
    return { ...base, outcome: 'rejected', problems };
  }
  const withHei = { ...base, partnerHeiId: them.heiId };
  if (problems.length > 0) return { ...withHei, outcome: 'rejected', problems };

  const institution = findOrCreateInstitution(them, iia, context, state, note);
  if (institution === undefined) {
    problems.push({
      path: `${at}/partner[${ourIndex === 0 ? 2 : 1}]/hei-id`,
      rule: 'ewp.unknown_hei',
      message: `no institution has heiId ${them.heiId}, and its country cannot be told from it: set the heiId of the institution first`,
    });
    return { ...withHei, outcome: 'rejected', problems };
  }
  const institutionRef = {
    id: institution.record.id,
    heiId: them.heiId,
    created: institution.created,
  };

  const existing = existingAgreement(us, them, institution.record.id, state);
  if (existing !== undefined) {
    return {
      ...withHei,
      outcome: 'exists',
      agreementId: existing,
      institution: institutionRef,
      problems,
    };
  }

  const agreement = toAgreement(iia, us, them, institution.record, context, note);
  const parsed = Agreement.safeParse(agreement);
  if (!parsed.success) {
    for (const zodIssue of parsed.error.issues) {
      problems.push({
        path: at,
        rule: 'ewp.invalid_agreement',
        message: `the agreement it maps to is not valid: ${zodIssue.path.join('.')}: ${zodIssue.message}`,
      });
    }
    return { ...withHei, outcome: 'rejected', institution: institutionRef, problems };
  }
  state.seenIds.add(parsed.data.id);
  if (parsed.data.partnerReference !== undefined) {
    state.seenReferences.set(
      `${institution.record.id}|${parsed.data.partnerReference}`,
      parsed.data.id,
    );
  }
  if (institution.created) state.created.set(them.heiId, institution.record);
  return {
    ...withHei,
    outcome: 'create',
    agreementId: parsed.data.id,
    institution: institutionRef,
    problems,
    agreement: parsed.data,
  };
}

type Note = (path: string, rule: string, message: string) => void;

function existingAgreement(
  us: IiaPartner,
  them: IiaPartner,
  institutionId: string,
  state: PlanState,
): string | undefined {
  if (us.iiaId !== undefined && state.seenIds.has(us.iiaId)) return us.iiaId;
  return them.iiaId === undefined
    ? undefined
    : state.seenReferences.get(`${institutionId}|${them.iiaId}`);
}

function findOrCreateInstitution(
  them: IiaPartner,
  iia: Iia,
  context: ImportContext,
  state: PlanState,
  note: Note,
): { record: Institution; created: boolean } | undefined {
  const known = context.institutionsByHei.get(them.heiId);
  if (known !== undefined) return { record: known, created: false };
  const planned = state.created.get(them.heiId);
  if (planned !== undefined) return { record: planned, created: true };
  const country = countryOfHeiId(them.heiId);
  if (country === undefined) return undefined;

  const at = context.now.toISOString();
  const languageTags = iia.specs
    .filter((spec) => spec.receivingHeiId === them.heiId)
    .flatMap((spec) => spec.languageSkills)
    .filter((skill) => skill.subjectArea === undefined && /^[a-z]{2,3}$/.test(skill.language))
    .map(
      (skill) =>
        `lang:${skill.language}${skill.cefrLevel === undefined ? '' : `:${skill.cefrLevel}`}`,
    );
  const contacts = [them.signingContact, ...them.contacts]
    .filter((contact): contact is IiaContact => contact !== undefined)
    .map(toContact)
    .filter((contact): contact is Contact => contact !== undefined);
  const record = Institution.safeParse({
    id: newId('ins', context.now.getTime()),
    name: { en: them.heiId },
    aliases: [],
    country,
    city: 'Unknown',
    kind: 'university',
    heiId: them.heiId,
    contacts: contacts.slice(0, 50),
    tags: ['ewp-import', ...new Set(languageTags)].slice(0, 30),
    stage: 'partner',
    stageHistory: [{ stage: 'partner', on: context.today, note: 'Created by an EWP IIA import' }],
    strategic: false,
    createdAt: at,
    updatedAt: at,
    version: 1,
  });
  if (!record.success) return undefined;
  note(
    '',
    'ewp.institution_placeholder',
    `institution ${record.data.id} is created for ${them.heiId} (country ${country}): its name is the hei-id and its city "Unknown" until someone completes them`,
  );
  return { record: record.data, created: true };
}

function toContact(contact: IiaContact): Contact | undefined {
  const name = contact.names
    .find((value) => value.trim() !== '')
    ?.trim()
    .slice(0, 200);
  if (name === undefined) return undefined;
  const email = contact.emails.find((value) => /^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(value));
  const role = contact.roles
    .find((value) => value.trim() !== '')
    ?.trim()
    .slice(0, 200);
  return {
    name,
    ...(email === undefined ? {} : { email }),
    ...(role === undefined ? {} : { role }),
  };
}

function kindOf(specs: readonly MobilitySpec[]): { kind: AgreementKind; mapped?: SpecKind } {
  const has = (kind: SpecKind) => specs.some((spec) => spec.kind === kind);
  if (has('student-studies')) return { kind: 'student_exchange', mapped: 'student-studies' };
  if (has('student-traineeship')) return { kind: 'internship', mapped: 'student-traineeship' };
  if (has('staff-teacher')) return { kind: 'faculty_exchange' };
  if (has('staff-training')) return { kind: 'teacher_training' };
  return { kind: 'mou' };
}

function statusOf(iia: Iia): AgreementStatus {
  if (xsBoolean(iia.terminatedAsAWhole) === true) return 'terminated';
  return xsBoolean(iia.inEffect) === true ? 'signed' : 'negotiating';
}

function academicYear(start: number): AcademicYear {
  return `${start}-${start + 1}`;
}

function displayName(institution: Institution): string {
  return institution.name.en ?? institution.name.fr ?? institution.name.zh ?? institution.id;
}

function toAgreement(
  iia: Iia,
  us: IiaPartner,
  them: IiaPartner,
  institution: Institution,
  context: ImportContext,
  note: Note,
): unknown {
  const { kind, mapped } = kindOf(iia.specs);
  const quotas = new Map<string, Quota>();
  const counters = new Map<SpecKind, number>();
  const years: number[] = [];
  const otherTerms: string[] = [];

  for (const spec of iia.specs) {
    const count = (counters.get(spec.kind) ?? 0) + 1;
    counters.set(spec.kind, count);
    const path = `cooperation-conditions/${spec.kind}-mobility-spec[${count}]`;
    const first = startYearOf(spec.firstAcademicYear) ?? 0;
    const last = startYearOf(spec.lastAcademicYear) ?? first;
    years.push(first, last);
    if (spec.kind !== mapped) {
      note(
        path,
        spec.kind.startsWith('staff') ? 'ewp.unmapped.staff_spec' : 'ewp.unmapped.spec_kind',
        spec.kind.startsWith('staff')
          ? `${spec.kind} conditions are not kept: Passerelle's quotas count students`
          : `${spec.kind} conditions are not kept beside ${mapped ?? ''} ones: an agreement has one kind`,
      );
      continue;
    }
    const direction = spec.sendingHeiId === context.heiId ? 'outbound' : 'inbound';
    const receiver = direction === 'outbound' ? institution : undefined;
    noteSpecDetails(spec, path, receiver, context, note);
    if (spec.otherInfoTerms !== undefined && spec.otherInfoTerms.trim() !== '') {
      otherTerms.push(
        `${direction} ${spec.firstAcademicYear}–${spec.lastAcademicYear}: ${spec.otherInfoTerms.trim()}`,
      );
    }
    const students = Number(spec.mobilitiesPerYear);
    const months =
      spec.totalMonthsPerYear === undefined ? undefined : Number(spec.totalMonthsPerYear);
    if (months !== undefined && !Number.isInteger(months)) {
      note(
        `${path}/total-months-per-year`,
        'ewp.unmapped.months_fraction',
        `${spec.totalMonthsPerYear} months are kept as ${Math.round(months)}: quotas count whole months`,
      );
    }
    const levels = [
      ...new Set(
        spec.eqfLevels.flatMap((level) => {
          const studyLevel = levelOfEqf[String(Number(level))];
          if (studyLevel === undefined) {
            note(
              `${path}/eqf-level`,
              'ewp.unmapped.eqf_level',
              `EQF level ${level} has no study level (6, 7 and 8 do)`,
            );
            return [];
          }
          return [studyLevel];
        }),
      ),
    ];
    const subjectAreas = [...new Set(spec.subjectAreas.map((area) => area.iscedCode))];
    for (let year = first; year <= last && year - first < 100; year++) {
      const key = `${year}|${direction}`;
      const previous = quotas.get(key);
      const quota: Quota = {
        academicYear: academicYear(year),
        direction,
        students: students + (previous?.students ?? 0),
        levels: [...new Set([...(previous?.levels ?? []), ...levels])],
        subjectAreas: [...new Set([...(previous?.subjectAreas ?? []), ...subjectAreas])],
      };
      const total =
        months === undefined && previous?.months === undefined
          ? undefined
          : Math.round(months ?? 0) + (previous?.months ?? 0);
      if (previous !== undefined) {
        note(
          path,
          'ewp.unmapped.merged',
          `${academicYear(year)} ${direction} is also in another condition: the quota adds them up and the per-condition split is lost`,
        );
      }
      quotas.set(key, total === undefined ? quota : { ...quota, months: total });
    }
  }

  for (const partner of iia.partners) {
    if (partner.ounitId !== undefined) {
      note(
        'partner/ounit-id',
        'ewp.unmapped.ounit',
        `organisational unit ${partner.ounitId} of ${partner.heiId} is not kept`,
      );
    }
  }
  if (iia.pdfFile !== undefined) {
    note('pdf-file', 'ewp.unmapped.pdf_file', 'the PDF file id is not kept');
  }

  const validYears = years.filter((year) => year > 0);
  const signingDates = iia.partners
    .map((partner) => partner.signingDate)
    .filter((date): date is string => date !== undefined && isValidDate(date))
    .sort();
  const signedOn = signingDates.at(-1);
  const status = statusOf(iia);
  const ourId = us.iiaId !== undefined && AGREEMENT_ID.test(us.iiaId) ? us.iiaId : undefined;
  const name = displayName(institution);
  const at = context.now.toISOString();
  const notes = [
    `Imported from an EWP IIAs API v7 document on ${context.today}.`,
    ...iia.partners.map(
      (partner) =>
        `${partner.heiId}: iia-id ${partner.iiaId ?? '—'}, iia-code ${partner.iiaCode ?? '—'}.`,
    ),
    ...otherTerms,
  ]
    .join('\n')
    .slice(0, 4000);

  return {
    id: ourId ?? newId('agr', context.now.getTime()),
    title: {
      en: `Erasmus+ inter-institutional agreement with ${name}`,
      fr: `Accord interinstitutionnel Erasmus+ avec ${name}`,
      zh: `与${name}的Erasmus+校际协议`,
    },
    kind,
    hostUnit: 'University',
    institutionIds: [institution.id],
    status,
    ...(validYears.length === 0
      ? {}
      : {
          startDate: academicYearRange(academicYear(Math.min(...validYears))).start,
          endDate: academicYearRange(academicYear(Math.max(...validYears))).end,
        }),
    ...(status !== 'negotiating' && signedOn !== undefined ? { signedOn } : {}),
    renewalNoticeDays: 180,
    quotas: [...quotas.values()].sort(
      (a, b) =>
        a.academicYear.localeCompare(b.academicYear) || a.direction.localeCompare(b.direction),
    ),
    notes,
    ...(them.iiaId === undefined ? {} : { partnerReference: them.iiaId }),
    createdAt: at,
    updatedAt: at,
    version: 1,
  };
}

/** Reports the parts of a mapped spec that quotas do not keep. */
function noteSpecDetails(
  spec: MobilitySpec,
  path: string,
  partnerReceiving: Institution | undefined,
  context: ImportContext,
  note: Note,
): void {
  const kept = (skill: LanguageSkill): boolean => {
    if (skill.subjectArea !== undefined || skill.notYetDefined === true) return false;
    if (partnerReceiving === undefined) {
      return context.languages.some(
        (ours) => ours.language === skill.language && ours.cefrLevel === skill.cefrLevel,
      );
    }
    const tag = `lang:${skill.language}${skill.cefrLevel === undefined ? '' : `:${skill.cefrLevel}`}`;
    // A new institution gets the languages it recommends as tags (findOrCreateInstitution).
    return partnerReceiving.tags.includes(tag);
  };
  spec.languageSkills.forEach((skill, index) => {
    if (kept(skill)) return;
    note(
      `${path}/recommended-language-skill[${index + 1}]`,
      'ewp.unmapped.language',
      `recommended language ${skill.language}${skill.cefrLevel === undefined ? '' : ` ${skill.cefrLevel}`}${skill.subjectArea === undefined ? '' : ` for ${skill.subjectArea.iscedCode}`} is not kept`,
    );
  });
  spec.subjectAreas.forEach((area, index) => {
    if (area.clarification !== undefined && area.clarification.trim() !== '') {
      note(
        `${path}/subject-area[${index + 1}]/isced-clarification`,
        'ewp.unmapped.isced_clarification',
        `the clarification of ${area.iscedCode} ("${area.clarification}") is not kept`,
      );
    }
    if (area.v6Value !== undefined) {
      note(
        `${path}/subject-area[${index + 1}]/isced-f-code`,
        'ewp.unmapped.v6_value',
        `the v6 code ${area.v6Value} of ${area.iscedCode} is not kept`,
      );
    }
  });
  if (xsBoolean(spec.blended) === true) {
    note(`${path}/blended`, 'ewp.unmapped.blended', 'blended mobility is not kept');
  }
  if (spec.mobilitiesNotYetDefined === true) {
    note(
      `${path}/mobilities-per-year`,
      'ewp.unmapped.not_yet_defined',
      'mobilities-per-year is marked not-yet-defined; its number is kept as the quota',
    );
  }
}
