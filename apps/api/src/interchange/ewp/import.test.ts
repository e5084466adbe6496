import { readFileSync } from 'node:fs';
import { Institution } from '@passerelle/core';
import { describe, expect, it } from 'vitest';
import { countryOfHeiId, type ImportContext, planImport } from './import';
import type { Iia } from './model';
import { parseIiasDocument } from './xml';

const fixture = (name: string) =>
  parseIiasDocument(
    readFileSync(new URL(`../../../test/fixtures/ewp/${name}`, import.meta.url), 'utf8'),
  );

const at = '2025-11-20T09:00:00.000Z';
const polytechnique = Institution.parse({
  id: 'ins_01JD00000000000000000POLY',
  name: { en: 'École Polytechnique' },
  country: 'FR',
  city: 'Palaiseau',
  kind: 'grande_ecole',
  heiId: 'polytechnique.edu',
  createdAt: at,
  updatedAt: at,
  version: 1,
});

const context = (fields: Partial<ImportContext> = {}): ImportContext => ({
  heiId: 'sjtu.edu.cn',
  languages: [{ language: 'en', cefrLevel: 'B2' }],
  institutionsByHei: new Map([['polytechnique.edu', polytechnique]]),
  agreementIds: new Set(),
  partnerReferences: new Map(),
  now: new Date(at),
  today: '2025-11-20',
  ...fields,
});

const [sample] = fixture('iia-get-response.sample.xml');
if (sample === undefined) throw new Error('the sample has an IIA');

/** The sample as the partner serves it: Polytechnique first. */
const servedByPartner: Iia = {
  ...sample,
  partners: [...sample.partners].reverse(),
};

describe('planning an EWP import', () => {
  it('maps the sample to a signed exchange with quotas per year and direction', () => {
    const plan = planImport([sample], context());
    const [item] = plan.iias;
    expect(item).toMatchObject({
      index: 1,
      outcome: 'create',
      partnerHeiId: 'polytechnique.edu',
      iiaIds: { ours: '7c1e2d9a-5b3f-4e8a-9d21-0f6b8a4c3e10', partner: 'IIA-2025-0042' },
      institution: { id: polytechnique.id, heiId: 'polytechnique.edu', created: false },
      problems: [],
    });
    const agreement = item?.agreement;
    expect(agreement).toMatchObject({
      kind: 'student_exchange',
      status: 'signed',
      institutionIds: [polytechnique.id],
      partnerReference: 'IIA-2025-0042',
      signedOn: '2025-03-20',
      startDate: '2025-09-01',
      endDate: '2029-08-31',
      title: { en: 'Erasmus+ inter-institutional agreement with École Polytechnique' },
    });
    // The sample's own iia-id is no Passerelle id: a new one is made.
    expect(agreement?.id).toMatch(/^agr_/);
    expect(agreement?.quotas).toHaveLength(8);
    expect(agreement?.quotas.slice(0, 2)).toEqual([
      {
        academicYear: '2025-2026',
        direction: 'inbound',
        students: 2,
        months: 10,
        levels: ['master'],
        subjectAreas: ['0714'],
      },
      {
        academicYear: '2025-2026',
        direction: 'outbound',
        students: 3,
        months: 15,
        levels: ['bachelor', 'master'],
        subjectAreas: ['0613', '0541'],
      },
    ]);
    expect(agreement?.notes).toContain(
      'polytechnique.edu: iia-id IIA-2025-0042, iia-code X/INTL/2025/SJTU.',
    );
  });

  it('names everything the agreement does not keep', () => {
    const [item] = planImport([sample], context()).iias;
    expect(item?.unmapped.map((issue) => [issue.rule, issue.path])).toEqual([
      [
        'ewp.unmapped.language',
        'iia[1]/cooperation-conditions/student-studies-mobility-spec[1]/recommended-language-skill[1]',
      ],
      [
        'ewp.unmapped.language',
        'iia[1]/cooperation-conditions/student-studies-mobility-spec[1]/recommended-language-skill[2]',
      ],
      [
        'ewp.unmapped.isced_clarification',
        'iia[1]/cooperation-conditions/student-studies-mobility-spec[1]/subject-area[2]/isced-clarification',
      ],
      // en B2 is what we recommend (EWP_LANGUAGES); zh A2 is not.
      [
        'ewp.unmapped.language',
        'iia[1]/cooperation-conditions/student-studies-mobility-spec[2]/recommended-language-skill[2]',
      ],
      [
        'ewp.unmapped.blended',
        'iia[1]/cooperation-conditions/student-studies-mobility-spec[2]/blended',
      ],
    ]);
  });

  it('reads a document served by the partner the same way', () => {
    const [item] = planImport([servedByPartner], context()).iias;
    expect(item?.outcome).toBe('create');
    expect(item?.iiaIds).toEqual({
      ours: '7c1e2d9a-5b3f-4e8a-9d21-0f6b8a4c3e10',
      partner: 'IIA-2025-0042',
    });
    expect(item?.agreement?.quotas).toHaveLength(8);
  });

  it('rejects an IIA that breaks a v7 rule, or that does not name us', () => {
    const [invalid] = planImport(fixture('iia-get-response.invalid-isced.xml'), context()).iias;
    expect(invalid?.outcome).toBe('rejected');
    expect(invalid?.problems.map((issue) => issue.rule)).toEqual(['ewp.isced_code']);
    const [notOurs] = planImport([sample], context({ heiId: 'ensta-paris.fr' })).iias;
    expect(notOurs?.outcome).toBe('rejected');
    expect(notOurs?.problems.map((issue) => issue.rule)).toEqual(['ewp.not_ours']);
  });

  it('creates an unknown partner when its hei-id tells the country, once for all its IIAs', () => {
    const lyon: Iia = JSON.parse(
      JSON.stringify(sample).replaceAll('polytechnique.edu', 'univ-lyon1.fr'),
    );
    const second: Iia = {
      ...lyon,
      partners: lyon.partners.map((p, i) => (i === 1 ? { ...p, iiaId: 'L-2' } : p)),
    };
    const plan = planImport([lyon, second], context());
    expect(plan.iias.map((item) => item.outcome)).toEqual(['create', 'create']);
    expect(plan.institutions).toHaveLength(1);
    expect(plan.institutions[0]).toMatchObject({
      name: { en: 'univ-lyon1.fr' },
      country: 'FR',
      heiId: 'univ-lyon1.fr',
      stage: 'partner',
      tags: ['ewp-import', 'lang:fr:B1'],
      contacts: [{ name: 'Claire Martin', email: 'claire.martin@example.univ-lyon1.fr' }],
    });
    expect(plan.iias[0]?.institution?.created).toBe(true);
    expect(plan.iias[1]?.institution?.id).toBe(plan.institutions[0]?.id);
    // Its French is now a tag, so only the subject-specific English is reported.
    expect(
      plan.iias[0]?.unmapped
        .filter((issue) => issue.path.includes('spec[1]/recommended'))
        .map((issue) => issue.message),
    ).toEqual(['recommended language en B2 for 0613 is not kept']);
    expect(plan.iias[0]?.unmapped.map((issue) => issue.rule)).toContain(
      'ewp.institution_placeholder',
    );

    const unknown: Iia = JSON.parse(
      JSON.stringify(sample).replaceAll('polytechnique.edu', 'nowhere.edu'),
    );
    const [rejected] = planImport([unknown], context()).iias;
    expect(rejected?.problems.map((issue) => [issue.rule, issue.path])).toEqual([
      ['ewp.unknown_hei', 'iia[1]/partner[2]/hei-id'],
    ]);
  });

  it('leaves an IIA that exists already, by our id or by the partner reference', () => {
    const own: Iia = {
      ...sample,
      partners: sample.partners.map((p, i) =>
        i === 0 ? { ...p, iiaId: 'agr_01JD0000000000EXISTS' } : p,
      ),
    };
    const byId = planImport(
      [own],
      context({ agreementIds: new Set(['agr_01JD0000000000EXISTS']) }),
    );
    expect(byId.iias[0]).toMatchObject({
      outcome: 'exists',
      agreementId: 'agr_01JD0000000000EXISTS',
    });
    const byReference = planImport(
      [sample],
      context({
        partnerReferences: new Map([
          [`${polytechnique.id}|IIA-2025-0042`, 'agr_01JD0000000000OTHERS'],
        ]),
      }),
    );
    expect(byReference.iias[0]).toMatchObject({
      outcome: 'exists',
      agreementId: 'agr_01JD0000000000OTHERS',
    });
    // The same IIA twice in one document: created once.
    expect(planImport([sample, sample], context()).iias.map((item) => item.outcome)).toEqual([
      'create',
      'exists',
    ]);
    // Our own export keeps its agreement id.
    expect(planImport([own], context()).iias[0]?.agreement?.id).toBe('agr_01JD0000000000EXISTS');
  });

  it('keeps student conditions only, and reports staff ones and the details quotas cannot hold', () => {
    const [first] = sample.specs;
    if (first === undefined) throw new Error('the sample has conditions');
    const mixed: Iia = {
      ...sample,
      inEffect: 'false',
      pdfFile: 'pdf-1',
      partners: sample.partners.map((p) => ({ ...p, ounitId: 'ou-1' })),
      specs: [
        {
          ...first,
          languageSkills: [],
          kind: 'student-traineeship',
          totalMonthsPerYear: '7.5',
          eqfLevels: ['5', '7'],
          subjectAreas: [{ iscedCode: '0710', v6Value: '71' }],
          otherInfoTerms: 'Lab placements only',
          mobilitiesNotYetDefined: true,
        },
        {
          ...first,
          kind: 'student-traineeship',
          firstAcademicYear: '2026/2027',
          lastAcademicYear: '2026/2027',
          totalMonthsPerYear: '6',
          blended: 'true',
          languageSkills: [],
          subjectAreas: [{ iscedCode: '0710', clarification: 'Materials labs' }],
        },
        { ...first, kind: 'staff-training', eqfLevels: [] },
      ],
    };
    const [item] = planImport([mixed], context()).iias;
    expect(item?.agreement).toMatchObject({ kind: 'internship', status: 'negotiating' });
    expect(item?.agreement?.signedOn).toBeUndefined();
    expect(item?.agreement?.notes).toContain('outbound 2025/2026–2028/2029: Lab placements only');
    const year2026 = item?.agreement?.quotas.find((quota) => quota.academicYear === '2026-2027');
    // Two conditions cover 2026-2027: added up.
    expect(year2026).toMatchObject({ students: 6, months: 14, levels: ['master', 'bachelor'] });
    expect(new Set(item?.unmapped.map((issue) => issue.rule))).toEqual(
      new Set([
        'ewp.unmapped.months_fraction',
        'ewp.unmapped.eqf_level',
        'ewp.unmapped.v6_value',
        'ewp.unmapped.isced_clarification',
        'ewp.unmapped.not_yet_defined',
        'ewp.unmapped.merged',
        'ewp.unmapped.blended',
        'ewp.unmapped.staff_spec',
        'ewp.unmapped.ounit',
        'ewp.unmapped.pdf_file',
      ]),
    );
    const studiesAndTraineeship = planImport(
      [{ ...sample, specs: [first, { ...first, kind: 'student-traineeship' }] }],
      context(),
    ).iias[0];
    expect(studiesAndTraineeship?.unmapped.map((issue) => issue.rule)).toContain(
      'ewp.unmapped.spec_kind',
    );
    const staffOnly = planImport(
      [{ ...sample, specs: [{ ...first, kind: 'staff-teacher', eqfLevels: [] }] }],
      context(),
    );
    expect(staffOnly.iias[0]?.agreement?.kind).toBe('faculty_exchange');
    const terminated = planImport(
      [{ ...sample, terminatedAsAWhole: 'true', specs: [] }],
      context(),
    );
    expect(terminated.iias[0]?.agreement).toMatchObject({ kind: 'mou', status: 'terminated' });
  });

  it('rejects an IIA whose agreement would not be valid', () => {
    const [first] = sample.specs;
    if (first === undefined) throw new Error('the sample has conditions');
    const huge: Iia = { ...sample, specs: [{ ...first, mobilitiesPerYear: '1000000' }] };
    const [item] = planImport([huge], context()).iias;
    expect(item?.outcome).toBe('rejected');
    expect(item?.problems[0]?.rule).toBe('ewp.invalid_agreement');
  });

  it('tells a country from a country-code top-level domain only', () => {
    expect(countryOfHeiId('sjtu.edu.cn')).toBe('CN');
    expect(countryOfHeiId('ox.ac.uk')).toBe('GB');
    expect(countryOfHeiId('polytechnique.edu')).toBeUndefined();
    expect(countryOfHeiId('example.eu')).toBeUndefined();
  });
});
