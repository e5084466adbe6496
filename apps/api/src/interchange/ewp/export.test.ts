import { Agreement, Institution } from '@passerelle/core';
import { describe, expect, it } from 'vitest';
import { skipSchemaValidation, validateIiasDocument } from '../../../test/ewp-schema';
import { agreementToIia, type ExportOptions, partnerLanguages } from './export';
import type { Iia } from './model';
import { checkIia } from './rules';
import { buildIiasDocument, iiaHash } from './xml';

const at = '2025-11-20T09:00:00.000Z';
const options: ExportOptions = {
  heiId: 'sjtu.edu.cn',
  languages: [{ language: 'en', cefrLevel: 'B2' }, { language: 'zh' }],
};

const institution = (fields: Record<string, unknown>) =>
  Institution.parse({
    id: 'ins_01JD00000000000000000POLY',
    name: { en: 'École Polytechnique' },
    country: 'FR',
    city: 'Palaiseau',
    kind: 'grande_ecole',
    heiId: 'polytechnique.edu',
    tags: ['lang:fr:B1', 'engineering'],
    contacts: [
      { name: 'Sophie Bernard', role: 'International office', email: 's.b@x.example.org' },
    ],
    createdAt: at,
    updatedAt: at,
    version: 1,
    ...fields,
  });
const polytechnique = institution({});
const partners = new Map([[polytechnique.id, polytechnique]]);

const agreement = (fields: Record<string, unknown>) =>
  Agreement.parse({
    id: 'agr_01JD00000000000000000EXCH',
    title: { en: 'Exchange with X' },
    kind: 'student_exchange',
    institutionIds: [polytechnique.id],
    status: 'active',
    signedOn: '2025-03-14',
    partnerReference: 'IIA-2025-0042',
    quotas: [],
    createdAt: at,
    updatedAt: at,
    version: 1,
    ...fields,
  });

const quota = (academicYear: string, direction: string, students: number, extra = {}) => ({
  academicYear,
  direction,
  students,
  ...extra,
});

function exported(record: Agreement, map = partners): Iia {
  const result = agreementToIia(record, map, options);
  if (!result.ok) throw new Error(result.reason);
  return result.iia;
}

describe('agreements as IIAs', () => {
  const exchange = agreement({
    quotas: [
      quota('2025-2026', 'outbound', 3, {
        months: 15,
        levels: ['master', 'bachelor'],
        subjectAreas: ['0710', '0541'],
      }),
      quota('2026-2027', 'outbound', 3, {
        months: 15,
        levels: ['bachelor', 'master'],
        subjectAreas: ['0541', '0710'],
      }),
      quota('2027-2028', 'outbound', 3, {
        months: 15,
        levels: ['master', 'bachelor'],
        subjectAreas: ['0710', '0541'],
      }),
      quota('2025-2026', 'inbound', 2, { levels: ['master'] }),
      quota('2026-2027', 'inbound', 4, { levels: ['master'] }),
      quota('2028-2029', 'inbound', 4, { levels: ['master'] }),
      quota('2029-2030', 'inbound', 0),
    ],
  });

  it('puts us first with the agreement id, and the partner with its reference and contacts', () => {
    const iia = exported(exchange);
    expect(iia.partners).toEqual([
      {
        heiId: 'sjtu.edu.cn',
        iiaId: exchange.id,
        iiaCode: exchange.id,
        signingDate: '2025-03-14',
        contacts: [],
      },
      {
        heiId: 'polytechnique.edu',
        iiaId: 'IIA-2025-0042',
        contacts: [
          {
            names: ['Sophie Bernard'],
            emails: ['s.b@x.example.org'],
            roles: ['International office'],
          },
        ],
      },
    ]);
    expect(iia.inEffect).toBe('true');
    expect(iia.terminatedAsAWhole).toBeUndefined();
    expect(iia.hash).toBe(iiaHash(iia));
    expect(checkIia(iia, 'iia', { servingHeiId: options.heiId })).toEqual([]);
  });

  it('makes one condition per direction and run of years with the same terms', () => {
    const specs = exported(exchange).specs;
    expect(
      specs.map((spec) => [
        spec.sendingHeiId,
        spec.firstAcademicYear,
        spec.lastAcademicYear,
        spec.mobilitiesPerYear,
      ]),
    ).toEqual([
      ['sjtu.edu.cn', '2025/2026', '2027/2028', '3'],
      ['polytechnique.edu', '2025/2026', '2025/2026', '2'],
      ['polytechnique.edu', '2026/2027', '2026/2027', '4'],
      // 2027-2028 has no quota: the run breaks even though the terms are the same.
      ['polytechnique.edu', '2028/2029', '2028/2029', '4'],
    ]);
    expect(specs[0]).toMatchObject({
      kind: 'student-studies',
      receivingHeiId: 'polytechnique.edu',
      languageSkills: [{ language: 'fr', cefrLevel: 'B1' }],
      subjectAreas: [
        { iscedCode: '0541', clarification: '' },
        { iscedCode: '0710', clarification: '' },
      ],
      totalMonthsPerYear: '15',
      blended: 'false',
      eqfLevels: ['6', '7'],
    });
    expect(specs[1]).toMatchObject({
      receivingHeiId: 'sjtu.edu.cn',
      languageSkills: options.languages,
      eqfLevels: ['7'],
    });
    expect(specs[1]?.totalMonthsPerYear).toBeUndefined();
  });

  it('exports internships as traineeships, drafts as not in effect, terminations as such', () => {
    const internship = exported(
      agreement({
        kind: 'internship',
        status: 'draft',
        signedOn: undefined,
        quotas: [quota('2025-2026', 'inbound', 1)],
      }),
    );
    expect(internship.specs.map((spec) => spec.kind)).toEqual(['student-traineeship']);
    expect(internship.inEffect).toBe('false');
    expect(internship.partners[0]?.signingDate).toBeUndefined();
    const terminated = exported(agreement({ status: 'terminated' }));
    expect([terminated.inEffect, terminated.terminatedAsAWhole]).toEqual(['true', 'true']);
  });

  it('recommends English for a partner that names no language, and reads lang: tags', () => {
    expect(partnerLanguages(institution({ tags: [] }))).toEqual([{ language: 'en' }]);
    expect(
      partnerLanguages(institution({ tags: ['lang:de', 'lang:fr:C1', 'lang:bad-tag'] })),
    ).toEqual([{ language: 'de' }, { language: 'fr', cefrLevel: 'C1' }]);
  });

  it('says why an agreement cannot be an IIA', () => {
    const reason = (record: Agreement, map = partners) => {
      const result = agreementToIia(record, map, options);
      return result.ok ? 'exported' : result.reason;
    };
    expect(
      reason(agreement({ institutionIds: [polytechnique.id, 'ins_01JD00000000000000000ENST'] })),
    ).toMatch(/2 partner institutions/);
    expect(reason(agreement({ institutionIds: ['ins_01JD00000000000000000ENST'] }))).toMatch(
      /not found/,
    );
    const noHei = institution({ heiId: undefined });
    expect(reason(exchange, new Map([[noHei.id, noHei]]))).toMatch(/has no heiId/);
    const ourselves = institution({ heiId: 'sjtu.edu.cn' });
    expect(reason(exchange, new Map([[ourselves.id, ourselves]]))).toMatch(/our own heiId/);
    // A reference that is no EWP identifier (a space) is left out rather than exported broken.
    expect(exported(agreement({ partnerReference: 'IIA 42' })).partners[1]?.iiaId).toBeUndefined();
  });

  it.skipIf(skipSchemaValidation)('writes a document the official schema accepts', async () => {
    const document = buildIiasDocument(
      [
        exported(exchange),
        exported(
          agreement({
            kind: 'internship',
            status: 'terminated',
            quotas: [quota('2025-2026', 'inbound', 1, { months: 6 })],
          }),
        ),
      ],
      ['Exported by a test'],
    );
    const result = await validateIiasDocument(document);
    expect(result.output).toContain('validates');
  });
});
