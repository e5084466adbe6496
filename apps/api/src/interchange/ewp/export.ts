/**
 * Passerelle agreements as EWP IIAs (v7). One agreement with one partner institution that has
 * a `heiId` is one IIA; our university is the first partner. Quotas become cooperation
 * conditions, one per direction and run of academic years with the same terms.
 */
import type { Agreement, Institution, Quota } from '@passerelle/core';
import {
  eqfOfLevel,
  type Iia,
  type IiaContact,
  type LanguageSkill,
  type MobilitySpec,
  type SpecKind,
  toEwpAcademicYear,
} from './model';
import { iiaHash } from './xml';

export interface ExportOptions {
  /** Our HEI id (EWP_HEI_ID). */
  heiId: string;
  /** What we recommend incoming students master (EWP_LANGUAGES). */
  languages: readonly LanguageSkill[];
}

export type ExportResult = { ok: true; iia: Iia } | { ok: false; reason: string };

/** Statuses in which both sides have agreed: EWP's `in-effect`. */
const agreedStatuses = new Set<Agreement['status']>(['signed', 'active', 'expired', 'terminated']);

/**
 * A partner's recommended languages are its `lang:` tags: `lang:fr` or `lang:fr:B2`. Without
 * one, English is recommended (v7 requires at least one language on a studies condition).
 */
export function partnerLanguages(institution: Institution): LanguageSkill[] {
  const skills: LanguageSkill[] = [];
  for (const tag of institution.tags) {
    const match = /^lang:([a-z]{2,3})(?::([ABC][12]))?$/.exec(tag);
    if (match?.[1] === undefined) continue;
    skills.push(
      match[2] === undefined ? { language: match[1] } : { language: match[1], cefrLevel: match[2] },
    );
  }
  return skills.length > 0 ? skills : [{ language: 'en' }];
}

function contactOf(contact: Institution['contacts'][number]): IiaContact {
  return {
    names: [contact.name],
    emails: contact.email === undefined ? [] : [contact.email],
    roles: contact.role === undefined ? [] : [contact.role],
  };
}

const ASCII_PRINTABLE_ID = /^[\x21-\x7e]{1,64}$/;

/** The spec kind quotas of this agreement are exported as. */
function specKindOf(agreement: Agreement): SpecKind {
  return agreement.kind === 'internship' ? 'student-traineeship' : 'student-studies';
}

/** The terms a quota fixes for a year; consecutive years with equal terms share one spec. */
function termsOf(quota: Quota): string {
  return JSON.stringify([
    quota.students,
    quota.months ?? null,
    [...quota.levels].sort(),
    [...quota.subjectAreas].sort(),
  ]);
}

function specsOf(
  agreement: Agreement,
  partner: Institution & { heiId: string },
  options: ExportOptions,
): MobilitySpec[] {
  const kind = specKindOf(agreement);
  const specs: MobilitySpec[] = [];
  for (const direction of ['outbound', 'inbound'] as const) {
    const quotas = agreement.quotas
      .filter((quota) => quota.direction === direction && quota.students > 0)
      .sort((a, b) => a.academicYear.localeCompare(b.academicYear));
    const outbound = direction === 'outbound';
    let run: Quota[] = [];
    const flush = () => {
      const first = run[0];
      const last = run.at(-1);
      if (first === undefined || last === undefined) return;
      specs.push({
        kind,
        sendingHeiId: outbound ? options.heiId : partner.heiId,
        receivingHeiId: outbound ? partner.heiId : options.heiId,
        firstAcademicYear: toEwpAcademicYear(first.academicYear),
        lastAcademicYear: toEwpAcademicYear(last.academicYear),
        mobilitiesPerYear: String(first.students),
        languageSkills: outbound ? partnerLanguages(partner) : [...options.languages],
        subjectAreas: [...first.subjectAreas]
          .sort()
          .map((code) => ({ iscedCode: code, clarification: '' })),
        ...(first.months === undefined || first.months === 0
          ? {}
          : { totalMonthsPerYear: String(first.months) }),
        blended: 'false',
        eqfLevels: [...first.levels].map((level) => eqfOfLevel[level]).sort(),
      });
      run = [];
    };
    for (const quota of quotas) {
      const previous = run.at(-1);
      const follows =
        previous !== undefined &&
        Number(quota.academicYear.slice(0, 4)) === Number(previous.academicYear.slice(0, 4)) + 1 &&
        termsOf(quota) === termsOf(previous);
      if (!follows) flush();
      run.push(quota);
    }
    flush();
  }
  return specs;
}

/** The IIA for one agreement, or why it cannot be one. */
export function agreementToIia(
  agreement: Agreement,
  partners: ReadonlyMap<string, Institution>,
  options: ExportOptions,
): ExportResult {
  if (agreement.institutionIds.length !== 1) {
    return {
      ok: false,
      reason: `it has ${agreement.institutionIds.length} partner institutions; an IIA has exactly one partner besides us`,
    };
  }
  const [institutionId = ''] = agreement.institutionIds;
  const institution = partners.get(institutionId);
  if (institution === undefined) {
    return { ok: false, reason: `its partner ${institutionId} was not found` };
  }
  const { heiId } = institution;
  if (heiId === undefined) {
    return { ok: false, reason: `its partner ${institution.id} has no heiId` };
  }
  if (heiId === options.heiId) {
    return { ok: false, reason: `its partner ${institution.id} has our own heiId` };
  }
  const partner = { ...institution, heiId };
  const reference = agreement.partnerReference;
  const iia: Iia = {
    partners: [
      {
        heiId: options.heiId,
        iiaId: agreement.id,
        iiaCode: agreement.id,
        ...(agreement.signedOn === undefined ? {} : { signingDate: agreement.signedOn }),
        contacts: [],
      },
      {
        heiId,
        ...(reference !== undefined && ASCII_PRINTABLE_ID.test(reference)
          ? { iiaId: reference }
          : {}),
        contacts: institution.contacts.map(contactOf),
      },
    ],
    inEffect: String(agreedStatuses.has(agreement.status)),
    ...(agreement.status === 'terminated' ? { terminatedAsAWhole: 'true' } : {}),
    specs: specsOf(agreement, partner, options),
    hash: '',
  };
  return { ok: true, iia: { ...iia, hash: iiaHash(iia) } };
}
