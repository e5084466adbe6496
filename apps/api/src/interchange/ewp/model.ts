/**
 * An Erasmus Without Paper IIA (IIAs API v7, `iias-get-response/iia`) as plain data: what the
 * XML document says, element by element, before any mapping to Passerelle's agreements.
 * Values stay the strings the document holds, so the rules (rules.ts) can say what is wrong
 * with a partner's document instead of failing to read it.
 */
import type { AcademicYear } from '@passerelle/core';

export const IIAS_V7_NAMESPACE =
  'https://github.com/erasmus-without-paper/ewp-specs-api-iias/blob/stable-v7/endpoints/get-response.xsd';
export const CONTACT_NAMESPACE =
  'https://github.com/erasmus-without-paper/ewp-specs-types-contact/tree/stable-v1';

/** The four kinds of cooperation condition, in the order the schema requires them. */
export const specKinds = [
  'student-studies',
  'student-traineeship',
  'staff-teacher',
  'staff-training',
] as const;
export type SpecKind = (typeof specKinds)[number];

export const isStudentSpec = (kind: SpecKind): boolean =>
  kind === 'student-studies' || kind === 'student-traineeship';

/** Specs that must name at least one recommended language skill (v7). */
export const needsLanguageSkill = (kind: SpecKind): boolean =>
  kind === 'student-studies' || kind === 'staff-teacher';

export interface IiaContact {
  names: string[];
  emails: string[];
  roles: string[];
}

export interface IiaPartner {
  heiId: string;
  ounitId?: string;
  iiaId?: string;
  iiaCode?: string;
  signingContact?: IiaContact;
  signingDate?: string;
  contacts: IiaContact[];
}

export interface SubjectArea {
  iscedCode: string;
  /** `@v6-value`: the 1-3 digit code of an agreement approved under v6. */
  v6Value?: string;
  clarification?: string;
}

export interface LanguageSkill {
  language: string;
  cefrLevel?: string;
  subjectArea?: SubjectArea;
  notYetDefined?: boolean;
}

export interface MobilitySpec {
  kind: SpecKind;
  sendingHeiId: string;
  sendingOunitId?: string;
  receivingHeiId: string;
  receivingOunitId?: string;
  /** `YYYY/YYYY`. */
  firstAcademicYear: string;
  lastAcademicYear: string;
  mobilitiesPerYear: string;
  mobilitiesNotYetDefined?: boolean;
  languageSkills: LanguageSkill[];
  subjectAreas: SubjectArea[];
  otherInfoTerms?: string;
  /** Student specs only. */
  totalMonthsPerYear?: string;
  /** Student specs only; required there. */
  blended?: string;
  /** Student specs only. */
  eqfLevels: string[];
  /** Staff specs only. */
  totalDaysPerYear?: string;
}

export interface Iia {
  partners: IiaPartner[];
  inEffect: string;
  terminatedAsAWhole?: string;
  specs: MobilitySpec[];
  hash: string;
  pdfFile?: string;
}

/** EWP writes academic years `2025/2026`; Passerelle `2025-2026`. */
export const EWP_ACADEMIC_YEAR = /^(\d{4})\/(\d{4})$/;

export function toEwpAcademicYear(year: AcademicYear): string {
  return year.replace('-', '/');
}

/** The first calendar year of an EWP academic year, or undefined when it is malformed. */
export function startYearOf(ewpYear: string): number | undefined {
  const match = EWP_ACADEMIC_YEAR.exec(ewpYear);
  if (match === null) return undefined;
  const first = Number(match[1]);
  return Number(match[2]) === first + 1 ? first : undefined;
}

/** xs:boolean's lexical forms. */
export function xsBoolean(value: string | undefined): boolean | undefined {
  if (value === 'true' || value === '1') return true;
  if (value === 'false' || value === '0') return false;
  return undefined;
}

/** EQF levels 6, 7 and 8 are Passerelle's study levels. */
export const eqfOfLevel = { bachelor: '6', master: '7', phd: '8' } as const;
