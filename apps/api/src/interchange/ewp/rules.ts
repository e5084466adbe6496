/**
 * The rules of an IIAs API v7 `iia` that its XML schema does not check (see the EWP README
 * and the schema's documentation), plus the schema's own value rules, so a document read
 * without a validating parser is held to the same standard. Pure: data in, issues out.
 */
import {
  EWP_ACADEMIC_YEAR,
  type Iia,
  type IiaPartner,
  isStudentSpec,
  type LanguageSkill,
  type MobilitySpec,
  needsLanguageSkill,
  type SpecKind,
  type SubjectArea,
  specKinds,
  startYearOf,
  xsBoolean,
} from './model';

export interface IiaIssue {
  /** Where, XPath-like: `iia[1]/cooperation-conditions/student-studies-mobility-spec[2]/mobilities-per-year`. */
  path: string;
  /** A stable code: `ewp.partner_count`, `ewp.isced_code`, … */
  rule: string;
  message: string;
}

export interface CheckOptions {
  /** The HEI serving the document: it must be the first partner (known when we export). */
  servingHeiId?: string;
}

const POSITIVE_INTEGER = /^\+?0*[1-9]\d*$/;
const DECIMAL_2 = /^\+?(\d+(\.\d{0,2})?|\.\d{1,2})$/;
const SHA256_HEX = /^[0-9a-f]{64}$/;
const ISCED = /^\d{4}$/;
const ISCED_V6 = /^\d{1,3}$/;
const CEFR = /^[ABC][12]$/;
const XS_LANGUAGE = /^[a-zA-Z]{1,8}(-[a-zA-Z0-9]{1,8})*$/;
const XS_DATE = /^-?\d{4,}-\d{2}-\d{2}(Z|[+-]\d{2}:\d{2})?$/;
const ASCII_PRINTABLE_ID = /^[\x21-\x7e]{1,64}$/;
const EQF = /^\+?0*[1-8]$/;

/** Every rule `iia` breaks; an empty list means it may be exported or imported. */
export function checkIia(iia: Iia, at: string, options: CheckOptions = {}): IiaIssue[] {
  const issues: IiaIssue[] = [];
  const issue = (path: string, rule: string, message: string) =>
    issues.push({ path: `${at}${path === '' ? '' : `/${path}`}`, rule, message });

  if (iia.partners.length !== 2) {
    issue(
      'partner',
      'ewp.partner_count',
      `an IIA has exactly two partners; this one has ${iia.partners.length}`,
    );
  }
  iia.partners.forEach((partner, index) => {
    checkPartner(partner, `partner[${index + 1}]`, issue);
  });
  const [first, second] = iia.partners;
  if (first !== undefined) {
    if (options.servingHeiId !== undefined && first.heiId !== options.servingHeiId) {
      issue(
        'partner[1]/hei-id',
        'ewp.first_partner_not_serving',
        `the first partner must be the HEI serving the document (${options.servingHeiId}), not ${first.heiId}`,
      );
    }
    if (first.iiaId === undefined || first.iiaCode === undefined) {
      issue(
        'partner[1]',
        'ewp.first_partner_ids',
        'the first partner must have both iia-id and iia-code',
      );
    }
  }
  if (first !== undefined && second !== undefined && first.heiId === second.heiId) {
    issue('partner[2]/hei-id', 'ewp.same_partner', 'the two partners must be different HEIs');
  }
  if (xsBoolean(iia.inEffect) === undefined) {
    issue('in-effect', 'ewp.boolean', `in-effect must be true or false, not "${iia.inEffect}"`);
  }
  if (iia.terminatedAsAWhole !== undefined && xsBoolean(iia.terminatedAsAWhole) === undefined) {
    issue(
      'cooperation-conditions/@terminated-as-a-whole',
      'ewp.boolean',
      `terminated-as-a-whole must be true or false, not "${iia.terminatedAsAWhole}"`,
    );
  }

  const partnerIds = iia.partners.map((partner) => partner.heiId);
  let lastKind = -1;
  const counters = new Map<SpecKind, number>();
  for (const spec of iia.specs) {
    const kindIndex = specKinds.indexOf(spec.kind);
    const count = (counters.get(spec.kind) ?? 0) + 1;
    counters.set(spec.kind, count);
    const path = `cooperation-conditions/${spec.kind}-mobility-spec[${count}]`;
    if (kindIndex < lastKind) {
      issue(
        path,
        'ewp.conditions_order',
        `${spec.kind} specs must come before ${specKinds[lastKind] ?? ''} specs`,
      );
    }
    lastKind = Math.max(lastKind, kindIndex);
    checkSpec(spec, path, partnerIds, issue);
  }

  if (!SHA256_HEX.test(iia.hash)) {
    issue('iia-hash', 'ewp.hash_format', 'iia-hash must be 64 lower-case hexadecimal characters');
  }
  return issues;
}

type Report = (path: string, rule: string, message: string) => void;

function checkPartner(partner: IiaPartner, path: string, issue: Report): void {
  if (partner.heiId.trim() === '') {
    issue(`${path}/hei-id`, 'ewp.required', 'hei-id must not be empty');
  }
  for (const field of ['iiaId', 'ounitId'] as const) {
    const value = partner[field];
    if (value !== undefined && !ASCII_PRINTABLE_ID.test(value)) {
      issue(
        `${path}/${field === 'iiaId' ? 'iia-id' : 'ounit-id'}`,
        'ewp.identifier',
        'must be 1 to 64 printable ASCII characters',
      );
    }
  }
  if (partner.signingDate !== undefined && !XS_DATE.test(partner.signingDate)) {
    issue(`${path}/signing-date`, 'ewp.date', 'signing-date must be a date written YYYY-MM-DD');
  }
}

function checkSpec(spec: MobilitySpec, path: string, partnerIds: string[], issue: Report): void {
  for (const [side, heiId] of [
    ['sending-hei-id', spec.sendingHeiId],
    ['receiving-hei-id', spec.receivingHeiId],
  ] as const) {
    if (!partnerIds.includes(heiId)) {
      issue(
        `${path}/${side}`,
        'ewp.spec_hei_not_partner',
        `${heiId} is not one of the IIA's partners (${partnerIds.join(', ')})`,
      );
    }
  }
  if (spec.sendingHeiId === spec.receivingHeiId) {
    issue(
      `${path}/receiving-hei-id`,
      'ewp.spec_same_hei',
      'the sending and the receiving HEI must differ',
    );
  }

  const first = checkAcademicYear(
    spec.firstAcademicYear,
    `${path}/receiving-first-academic-year-id`,
    issue,
  );
  const last = checkAcademicYear(
    spec.lastAcademicYear,
    `${path}/receiving-last-academic-year-id`,
    issue,
  );
  if (first !== undefined && last !== undefined && last < first) {
    issue(
      `${path}/receiving-last-academic-year-id`,
      'ewp.academic_years_reversed',
      `the last academic year (${spec.lastAcademicYear}) is before the first (${spec.firstAcademicYear})`,
    );
  }

  if (!POSITIVE_INTEGER.test(spec.mobilitiesPerYear)) {
    issue(
      `${path}/mobilities-per-year`,
      'ewp.mobilities_per_year',
      `mobilities-per-year must be a positive whole number, not "${spec.mobilitiesPerYear}"`,
    );
  }

  if (needsLanguageSkill(spec.kind) && spec.languageSkills.length === 0) {
    issue(
      `${path}/recommended-language-skill`,
      'ewp.language_skill_required',
      `a ${spec.kind} spec needs at least one recommended-language-skill`,
    );
  }
  spec.languageSkills.forEach((skill, index) => {
    checkLanguageSkill(skill, `${path}/recommended-language-skill[${index + 1}]`, issue);
  });
  spec.subjectAreas.forEach((area, index) => {
    checkSubjectArea(area, `${path}/subject-area[${index + 1}]`, issue);
  });

  if (isStudentSpec(spec.kind)) {
    if (spec.totalMonthsPerYear !== undefined) {
      checkPositiveDecimal(spec.totalMonthsPerYear, `${path}/total-months-per-year`, issue);
    }
    if (spec.blended === undefined) {
      issue(
        `${path}/blended`,
        'ewp.blended_required',
        'a student spec must say whether it is blended',
      );
    } else if (xsBoolean(spec.blended) === undefined) {
      issue(
        `${path}/blended`,
        'ewp.boolean',
        `blended must be true or false, not "${spec.blended}"`,
      );
    }
    spec.eqfLevels.forEach((level, index) => {
      if (!EQF.test(level)) {
        issue(
          `${path}/eqf-level[${index + 1}]`,
          'ewp.eqf_level',
          `eqf-level must be 1 to 8, not "${level}"`,
        );
      }
    });
  } else if (spec.totalDaysPerYear !== undefined) {
    checkPositiveDecimal(spec.totalDaysPerYear, `${path}/total-days-per-year`, issue);
  }
}

function checkAcademicYear(value: string, path: string, issue: Report): number | undefined {
  const start = startYearOf(value);
  if (start === undefined) {
    issue(
      path,
      'ewp.academic_year_format',
      EWP_ACADEMIC_YEAR.test(value)
        ? `"${value}": the second year must follow the first (2025/2026)`
        : `"${value}" is not an academic year written like 2025/2026`,
    );
  }
  return start;
}

function checkLanguageSkill(skill: LanguageSkill, path: string, issue: Report): void {
  if (!XS_LANGUAGE.test(skill.language)) {
    issue(`${path}/language`, 'ewp.language', `"${skill.language}" is not a language code`);
  }
  if (skill.cefrLevel !== undefined && !CEFR.test(skill.cefrLevel)) {
    issue(
      `${path}/cefr-level`,
      'ewp.cefr_level',
      `cefr-level must be A1 to C2, not "${skill.cefrLevel}"`,
    );
  }
  if (skill.subjectArea !== undefined) {
    checkSubjectArea(skill.subjectArea, `${path}/subject-area`, issue);
  }
}

function checkSubjectArea(area: SubjectArea, path: string, issue: Report): void {
  if (!ISCED.test(area.iscedCode)) {
    issue(
      `${path}/isced-f-code`,
      'ewp.isced_code',
      `isced-f-code must be exactly four digits in v7, not "${area.iscedCode}"`,
    );
  }
  if (area.v6Value !== undefined && !ISCED_V6.test(area.v6Value)) {
    issue(
      `${path}/isced-f-code/@v6-value`,
      'ewp.isced_v6_value',
      `v6-value must be one to three digits, not "${area.v6Value}"`,
    );
  }
}

function checkPositiveDecimal(value: string, path: string, issue: Report): void {
  if (!DECIMAL_2.test(value) || Number(value) <= 0) {
    issue(
      path,
      'ewp.positive_decimal',
      `must be a number above 0 with at most two decimals, not "${value}"`,
    );
  }
}
