/**
 * IIAs API v7 `iias-get-response` documents to and from the plain model of model.ts, with
 * fast-xml-parser. Writing keeps the schema's element order and namespaces; reading refuses
 * what is not well-formed, carries a DOCTYPE (no entity expansion from a partner's file), or
 * is not a v7 get-response, and otherwise keeps every value as written for rules.ts to judge.
 */
import { createHash } from 'node:crypto';
import { XMLBuilder, XMLParser, XMLValidator } from 'fast-xml-parser';
import {
  CONTACT_NAMESPACE,
  IIAS_V7_NAMESPACE,
  type Iia,
  type IiaContact,
  type IiaPartner,
  isStudentSpec,
  type LanguageSkill,
  type MobilitySpec,
  type SpecKind,
  type SubjectArea,
  specKinds,
} from './model';

type XmlNode = { [name: string]: XmlValue };
type XmlValue = string | XmlNode | XmlValue[] | undefined;

const builderOptions = {
  ignoreAttributes: false,
  attributeNamePrefix: '@_',
  suppressBooleanAttributes: false,
  suppressEmptyNode: false,
  commentPropName: '#comment',
} as const;
const prettyBuilder = new XMLBuilder({ ...builderOptions, format: true, indentBy: '  ' });
const compactBuilder = new XMLBuilder({ ...builderOptions, format: false });

/** An object without its undefined fields, so the builder writes no empty element for them. */
function element(fields: Record<string, XmlValue>): XmlNode {
  const out: XmlNode = {};
  for (const [name, value] of Object.entries(fields)) {
    if (value !== undefined && !(Array.isArray(value) && value.length === 0)) out[name] = value;
  }
  return out;
}

function contactElement(contact: IiaContact): XmlNode {
  return element({
    'c:contact-name': contact.names,
    'c:email': contact.emails,
    'c:role-description': contact.roles,
  });
}

function partnerElement(partner: IiaPartner): XmlNode {
  return element({
    'hei-id': partner.heiId,
    'ounit-id': partner.ounitId,
    'iia-id': partner.iiaId,
    'iia-code': partner.iiaCode,
    'signing-contact':
      partner.signingContact === undefined ? undefined : contactElement(partner.signingContact),
    'signing-date': partner.signingDate,
    'c:contact': partner.contacts.map(contactElement),
  });
}

function subjectAreaElement(area: SubjectArea): XmlNode {
  return element({
    'isced-f-code':
      area.v6Value === undefined
        ? area.iscedCode
        : { '#text': area.iscedCode, '@_v6-value': area.v6Value },
    'isced-clarification': area.clarification,
  });
}

function languageSkillElement(skill: LanguageSkill): XmlNode {
  return element({
    language: skill.language,
    'cefr-level': skill.cefrLevel,
    'subject-area':
      skill.subjectArea === undefined ? undefined : subjectAreaElement(skill.subjectArea),
    '@_not-yet-defined': skill.notYetDefined === true ? 'true' : undefined,
  });
}

function specElement(spec: MobilitySpec): XmlNode {
  const student = isStudentSpec(spec.kind);
  return element({
    'sending-hei-id': spec.sendingHeiId,
    'sending-ounit-id': spec.sendingOunitId,
    'receiving-hei-id': spec.receivingHeiId,
    'receiving-ounit-id': spec.receivingOunitId,
    'receiving-first-academic-year-id': spec.firstAcademicYear,
    'receiving-last-academic-year-id': spec.lastAcademicYear,
    'mobilities-per-year':
      spec.mobilitiesNotYetDefined === true
        ? { '#text': spec.mobilitiesPerYear, '@_not-yet-defined': 'true' }
        : spec.mobilitiesPerYear,
    'recommended-language-skill': spec.languageSkills.map(languageSkillElement),
    'subject-area': spec.subjectAreas.map(subjectAreaElement),
    'other-info-terms': spec.otherInfoTerms,
    ...(student
      ? {
          'total-months-per-year': spec.totalMonthsPerYear,
          blended: spec.blended,
          'eqf-level': spec.eqfLevels,
        }
      : { 'total-days-per-year': spec.totalDaysPerYear }),
  });
}

/** The `<iia>` element; the hash and the PDF are left out when `withHash` is false. */
function iiaElement(iia: Iia, withHash: boolean): XmlNode {
  const conditions: XmlNode = {};
  for (const kind of specKinds) {
    const specs = iia.specs.filter((spec) => spec.kind === kind).map(specElement);
    if (specs.length > 0) conditions[`${kind}-mobility-spec`] = specs;
  }
  if (iia.terminatedAsAWhole !== undefined) {
    conditions['@_terminated-as-a-whole'] = iia.terminatedAsAWhole;
  }
  return element({
    partner: iia.partners.map(partnerElement),
    'in-effect': iia.inEffect,
    'cooperation-conditions': conditions,
    'iia-hash': withHash ? iia.hash : undefined,
    'pdf-file': withHash ? iia.pdfFile : undefined,
  });
}

/**
 * Our `iia-hash`: the SHA-256 (lower-case hex) of the compact XML of the `<iia>` element as we
 * write it, without `iia-hash` and `pdf-file`. It changes whenever the agreed terms or the
 * partners' ids change. It is NOT the v7 hash (the SHA-256 of the text the EWP XSLT kit
 * produces, which needs an XSLT 2.0 processor), so a partner's EWP client will report it as
 * different from its own calculation.
 */
export function iiaHash(iia: Iia): string {
  const text = compactBuilder.build({ iia: iiaElement(iia, false) }) as string;
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

/** The whole `iias-get-response` document; `comments` go at the top of the root element. */
export function buildIiasDocument(iias: readonly Iia[], comments: readonly string[] = []): string {
  const root = element({
    '@_xmlns': IIAS_V7_NAMESPACE,
    '@_xmlns:c': CONTACT_NAMESPACE,
    '#comment': comments.map((comment) => ` ${comment.replaceAll('--', '- -')} `),
    iia: iias.map((iia) => iiaElement(iia, true)),
  });
  const body = prettyBuilder.build({ 'iias-get-response': root }) as string;
  return `<?xml version="1.0" encoding="UTF-8"?>\n${body}`;
}

/** Why a document cannot be read at all. */
export class EwpDocumentError extends Error {
  constructor(
    readonly rule: 'ewp.malformed_xml' | 'ewp.doctype' | 'ewp.not_iias_v7',
    message: string,
  ) {
    super(message);
    this.name = 'EwpDocumentError';
  }
}

const repeated = new Set([
  'iia',
  'partner',
  'contact',
  'contact-name',
  'email',
  'role-description',
  'sending-contact',
  'receiving-contact',
  ...specKinds.map((kind) => `${kind}-mobility-spec`),
  'recommended-language-skill',
  'subject-area',
  'eqf-level',
]);

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@_',
  removeNSPrefix: true,
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: true,
  processEntities: true,
  isArray: (name) => repeated.has(name),
});

/** The IIAs of an `iias-get-response` document. */
export function parseIiasDocument(xml: string): Iia[] {
  const valid = XMLValidator.validate(xml);
  if (valid !== true) {
    throw new EwpDocumentError(
      'ewp.malformed_xml',
      `The document is not well-formed XML (line ${valid.err.line}, column ${valid.err.col}): ${valid.err.msg}`,
    );
  }
  if (/<!DOCTYPE/i.test(xml)) {
    throw new EwpDocumentError('ewp.doctype', 'Documents with a DOCTYPE are not accepted.');
  }
  checkRootNamespace(xml);
  const document = asNode(parser.parse(xml));
  const root = asNode(document?.['iias-get-response']);
  return nodes(root?.iia).map(readIia);
}

/** The root must be `iias-get-response` in the IIAs v7 namespace, whatever its prefix. */
function checkRootNamespace(xml: string): void {
  const match = /^<(?:([A-Za-z_][\w.-]*):)?([A-Za-z_][\w.-]*)([^>]*)>/.exec(afterProlog(xml));
  const prefix = match?.[1];
  const name = match?.[2];
  const attributes = match?.[3] ?? '';
  const declaration = new RegExp(
    `xmlns${prefix === undefined ? '' : `:${prefix}`}\\s*=\\s*(["'])(.*?)\\1`,
  );
  const namespace = declaration.exec(attributes)?.[2];
  if (name !== 'iias-get-response' || namespace !== IIAS_V7_NAMESPACE) {
    throw new EwpDocumentError(
      'ewp.not_iias_v7',
      `The document must be an IIAs API v7 iias-get-response (namespace ${IIAS_V7_NAMESPACE}); its root is ${name ?? 'missing'}${namespace === undefined ? '' : ` in ${namespace}`}.`,
    );
  }
}

/** The document from its root element on: without the XML declaration, comments and PIs before it. */
function afterProlog(xml: string): string {
  let rest = xml.replace(/^\uFEFF/, '').trimStart();
  for (;;) {
    const end = rest.startsWith('<?')
      ? rest.indexOf('?>') + 2
      : rest.startsWith('<!--')
        ? rest.indexOf('-->') + 3
        : -1;
    if (end <= 1) return rest;
    rest = rest.slice(end).trimStart();
  }
}

function asNode(value: unknown): XmlNode | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as XmlNode)
    : undefined;
}

function nodes(value: XmlValue): XmlNode[] {
  const list = Array.isArray(value) ? value : value === undefined ? [] : [value];
  return list.map((item) => (typeof item === 'string' ? { '#text': item } : (asNode(item) ?? {})));
}

/** The text of an element (with or without attributes), or undefined when it is absent. */
function text(value: XmlValue): string | undefined {
  const first = Array.isArray(value) ? value[0] : value;
  if (first === undefined) return undefined;
  if (typeof first === 'string') return first;
  const inner = asNode(first)?.['#text'];
  return typeof inner === 'string' ? inner : '';
}

function texts(value: XmlValue): string[] {
  const list = Array.isArray(value) ? value : value === undefined ? [] : [value];
  return list.map((item) => text(item) ?? '');
}

function attribute(value: XmlValue, name: string): string | undefined {
  const first = Array.isArray(value) ? value[0] : value;
  const found = asNode(first)?.[`@_${name}`];
  return typeof found === 'string' ? found : undefined;
}

/** `{ key: value }` when value is defined, for exactOptionalPropertyTypes. */
function optional<K extends string>(key: K, value: string | undefined): { [P in K]?: string } {
  return (value === undefined ? {} : { [key]: value }) as { [P in K]?: string };
}

function readContact(node: XmlNode): IiaContact {
  return {
    names: texts(node['contact-name']),
    emails: texts(node.email),
    roles: texts(node['role-description']),
  };
}

function readPartner(node: XmlNode): IiaPartner {
  const signing = nodes(node['signing-contact'])[0];
  return {
    heiId: text(node['hei-id']) ?? '',
    ...optional('ounitId', text(node['ounit-id'])),
    ...optional('iiaId', text(node['iia-id'])),
    ...optional('iiaCode', text(node['iia-code'])),
    ...(signing === undefined ? {} : { signingContact: readContact(signing) }),
    ...optional('signingDate', text(node['signing-date'])),
    contacts: nodes(node.contact).map(readContact),
  };
}

function readSubjectArea(node: XmlNode): SubjectArea {
  return {
    iscedCode: text(node['isced-f-code']) ?? '',
    ...optional('v6Value', attribute(node['isced-f-code'], 'v6-value')),
    ...optional('clarification', text(node['isced-clarification'])),
  };
}

function readLanguageSkill(node: XmlNode): LanguageSkill {
  const area = nodes(node['subject-area'])[0];
  return {
    language: text(node.language) ?? '',
    ...optional('cefrLevel', text(node['cefr-level'])),
    ...(area === undefined ? {} : { subjectArea: readSubjectArea(area) }),
    ...(node['@_not-yet-defined'] === 'true' ? { notYetDefined: true } : {}),
  };
}

function readSpec(kind: SpecKind, node: XmlNode): MobilitySpec {
  return {
    kind,
    sendingHeiId: text(node['sending-hei-id']) ?? '',
    ...optional('sendingOunitId', text(node['sending-ounit-id'])),
    receivingHeiId: text(node['receiving-hei-id']) ?? '',
    ...optional('receivingOunitId', text(node['receiving-ounit-id'])),
    firstAcademicYear: text(node['receiving-first-academic-year-id']) ?? '',
    lastAcademicYear: text(node['receiving-last-academic-year-id']) ?? '',
    mobilitiesPerYear: text(node['mobilities-per-year']) ?? '',
    ...(attribute(node['mobilities-per-year'], 'not-yet-defined') === 'true'
      ? { mobilitiesNotYetDefined: true }
      : {}),
    languageSkills: nodes(node['recommended-language-skill']).map(readLanguageSkill),
    subjectAreas: nodes(node['subject-area']).map(readSubjectArea),
    ...optional('otherInfoTerms', text(node['other-info-terms'])),
    ...optional('totalMonthsPerYear', text(node['total-months-per-year'])),
    ...optional('blended', text(node.blended)),
    eqfLevels: texts(node['eqf-level']),
    ...optional('totalDaysPerYear', text(node['total-days-per-year'])),
  };
}

function readIia(node: XmlNode): Iia {
  const conditions = nodes(node['cooperation-conditions'])[0] ?? {};
  return {
    partners: nodes(node.partner).map(readPartner),
    inEffect: text(node['in-effect']) ?? '',
    ...optional('terminatedAsAWhole', attribute(conditions, 'terminated-as-a-whole')),
    specs: specKinds.flatMap((kind) =>
      nodes(conditions[`${kind}-mobility-spec`]).map((spec) => readSpec(kind, spec)),
    ),
    hash: text(node['iia-hash']) ?? '',
    ...optional('pdfFile', text(node['pdf-file'])),
  };
}
