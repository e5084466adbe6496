import { describe, expect, it } from 'vitest';
import type { Iia, MobilitySpec } from './model';
import { checkIia } from './rules';

const studies = (fields: Partial<MobilitySpec> = {}): MobilitySpec => ({
  kind: 'student-studies',
  sendingHeiId: 'sjtu.edu.cn',
  receivingHeiId: 'polytechnique.edu',
  firstAcademicYear: '2025/2026',
  lastAcademicYear: '2027/2028',
  mobilitiesPerYear: '3',
  languageSkills: [{ language: 'fr', cefrLevel: 'B1' }],
  subjectAreas: [{ iscedCode: '0710', clarification: '' }],
  totalMonthsPerYear: '15',
  blended: 'false',
  eqfLevels: ['6', '7'],
  ...fields,
});

const valid = (fields: Partial<Iia> = {}): Iia => ({
  partners: [
    { heiId: 'sjtu.edu.cn', iiaId: 'agr_01JD0000000000', iiaCode: 'SJTU-1', contacts: [] },
    { heiId: 'polytechnique.edu', iiaId: 'X-2025-1', contacts: [] },
  ],
  inEffect: 'true',
  specs: [studies(), studies({ sendingHeiId: 'polytechnique.edu', receivingHeiId: 'sjtu.edu.cn' })],
  hash: 'a'.repeat(64),
  ...fields,
});

const rulesOf = (iia: Iia, servingHeiId?: string) =>
  checkIia(iia, 'iia[1]', servingHeiId === undefined ? {} : { servingHeiId }).map(
    (issue) => issue.rule,
  );

describe('checkIia: the rules the schema does not check', () => {
  it('accepts a valid IIA served by its first partner', () => {
    expect(checkIia(valid(), 'iia[1]', { servingHeiId: 'sjtu.edu.cn' })).toEqual([]);
  });

  it('wants exactly two partners', () => {
    const [first] = valid().partners;
    expect(rulesOf(valid({ partners: first === undefined ? [] : [first] }))).toContain(
      'ewp.partner_count',
    );
  });

  it('wants the serving HEI first, with both its iia-id and iia-code', () => {
    const [first, second] = valid().partners;
    if (first === undefined || second === undefined) throw new Error('two partners expected');
    expect(rulesOf(valid({ partners: [second, first] }), 'sjtu.edu.cn')).toEqual([
      'ewp.first_partner_not_serving',
      'ewp.first_partner_ids',
    ]);
    const { iiaCode: _code, ...withoutCode } = first;
    expect(rulesOf(valid({ partners: [withoutCode, second] }))).toEqual(['ewp.first_partner_ids']);
  });

  it('wants two different partners', () => {
    const [first] = valid().partners;
    if (first === undefined) throw new Error('a partner expected');
    expect(rulesOf(valid({ partners: [first, { ...first }] }))).toContain('ewp.same_partner');
  });

  it('wants the sending and receiving HEIs to be the two partners, and different', () => {
    expect(rulesOf(valid({ specs: [studies({ receivingHeiId: 'ensta-paris.fr' })] }))).toEqual([
      'ewp.spec_hei_not_partner',
    ]);
    expect(rulesOf(valid({ specs: [studies({ receivingHeiId: 'sjtu.edu.cn' })] }))).toEqual([
      'ewp.spec_same_hei',
    ]);
  });

  it('wants academic years written 2025/2026, the last not before the first', () => {
    expect(rulesOf(valid({ specs: [studies({ firstAcademicYear: '2025-2026' })] }))).toEqual([
      'ewp.academic_year_format',
    ]);
    expect(rulesOf(valid({ specs: [studies({ firstAcademicYear: '2025/2027' })] }))).toEqual([
      'ewp.academic_year_format',
    ]);
    const reversed = checkIia(
      valid({
        specs: [studies({ firstAcademicYear: '2028/2029', lastAcademicYear: '2025/2026' })],
      }),
      'iia[1]',
    );
    expect(reversed).toEqual([
      {
        path: 'iia[1]/cooperation-conditions/student-studies-mobility-spec[1]/receiving-last-academic-year-id',
        rule: 'ewp.academic_years_reversed',
        message: 'the last academic year (2025/2026) is before the first (2028/2029)',
      },
    ]);
  });

  it('wants four-digit ISCED-F codes (v6 values of one to three digits only as an attribute)', () => {
    expect(rulesOf(valid({ specs: [studies({ subjectAreas: [{ iscedCode: '071' }] })] }))).toEqual([
      'ewp.isced_code',
    ]);
    expect(
      rulesOf(
        valid({ specs: [studies({ subjectAreas: [{ iscedCode: '0710', v6Value: '0710' }] })] }),
      ),
    ).toEqual(['ewp.isced_v6_value']);
    expect(
      rulesOf(
        valid({ specs: [studies({ subjectAreas: [{ iscedCode: '0710', v6Value: '071' }] })] }),
      ),
    ).toEqual([]);
  });

  it('wants a recommended language on studies and staff-teacher conditions, with valid codes', () => {
    expect(rulesOf(valid({ specs: [studies({ languageSkills: [] })] }))).toEqual([
      'ewp.language_skill_required',
    ]);
    expect(
      rulesOf(valid({ specs: [studies({ kind: 'student-traineeship', languageSkills: [] })] })),
    ).toEqual([]);
    expect(
      rulesOf(
        valid({
          specs: [
            studies({
              languageSkills: [
                { language: 'français', cefrLevel: 'B3' },
                { language: 'en', subjectArea: { iscedCode: '61' } },
              ],
            }),
          ],
        }),
      ),
    ).toEqual(['ewp.language', 'ewp.cefr_level', 'ewp.isced_code']);
  });

  it('wants a positive number of mobilities, months with two decimals at most, EQF 1 to 8', () => {
    expect(
      rulesOf(
        valid({
          specs: [
            studies({ mobilitiesPerYear: '0', totalMonthsPerYear: '2.555', eqfLevels: ['9'] }),
          ],
        }),
      ),
    ).toEqual(['ewp.mobilities_per_year', 'ewp.positive_decimal', 'ewp.eqf_level']);
    expect(rulesOf(valid({ specs: [studies({ totalMonthsPerYear: '2.5' })] }))).toEqual([]);
  });

  it('wants blended on student conditions, and booleans written as booleans', () => {
    const { blended: _blended, ...withoutBlended } = studies();
    expect(rulesOf(valid({ specs: [withoutBlended] }))).toEqual(['ewp.blended_required']);
    expect(
      rulesOf(
        valid({
          inEffect: 'yes',
          terminatedAsAWhole: 'maybe',
          specs: [studies({ blended: 'no' })],
        }),
      ),
    ).toEqual(['ewp.boolean', 'ewp.boolean', 'ewp.boolean']);
  });

  it('checks staff conditions for days, not months', () => {
    const staff: MobilitySpec = {
      ...studies({ kind: 'staff-training', languageSkills: [] }),
      eqfLevels: [],
      totalDaysPerYear: '0',
    };
    expect(rulesOf(valid({ specs: [staff] }))).toEqual(['ewp.positive_decimal']);
  });

  it('wants conditions grouped in the schema order', () => {
    const training: MobilitySpec = { ...studies({ kind: 'staff-training' }), eqfLevels: [] };
    expect(rulesOf(valid({ specs: [training, studies()] }))).toEqual(['ewp.conditions_order']);
  });

  it('wants a 64-character lower-case hex hash, identifiers and dates as the schema types them', () => {
    const [first, second] = valid().partners;
    if (first === undefined || second === undefined) throw new Error('two partners expected');
    expect(
      rulesOf(
        valid({
          hash: 'A'.repeat(64),
          partners: [
            { ...first, iiaId: 'has space', signingDate: '14/03/2025' },
            { ...second, heiId: ' ', ounitId: 'é' },
          ],
          specs: [],
        }),
      ),
    ).toEqual(['ewp.identifier', 'ewp.date', 'ewp.required', 'ewp.identifier', 'ewp.hash_format']);
  });
});
