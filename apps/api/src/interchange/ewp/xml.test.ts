import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { skipSchemaValidation, validateIiasDocument } from '../../../test/ewp-schema';
import {
  type Iia,
  type IiaContact,
  type IiaPartner,
  type LanguageSkill,
  type MobilitySpec,
  needsLanguageSkill,
  type SubjectArea,
  specKinds,
} from './model';
import { checkIia } from './rules';
import { buildIiasDocument, EwpDocumentError, iiaHash, parseIiasDocument } from './xml';

const fixture = (name: string) =>
  readFileSync(new URL(`../../../test/fixtures/ewp/${name}`, import.meta.url), 'utf8');

/** Text as people write it: trimmed, with XML's special characters now and then. */
const words = fc.stringMatching(/^[A-Za-z0-9&<>"'/é中][A-Za-z0-9 &<>"'/.,é中-]{0,20}[A-Za-z0-9.]$/);
const heiIds = fc.uniqueArray(fc.stringMatching(/^[a-z][a-z0-9-]{0,10}[a-z0-9]\.(edu|fr|cn|de)$/), {
  minLength: 2,
  maxLength: 2,
});
const identifier = fc.stringMatching(/^[\x21-\x7e]{1,64}$/);
const date = fc
  .date({ min: new Date('2000-01-01'), max: new Date('2099-12-31'), noInvalidDate: true })
  .map((value) => value.toISOString().slice(0, 10));
const contact: fc.Arbitrary<IiaContact> = fc.record({
  names: fc.array(words, { minLength: 1, maxLength: 2 }),
  emails: fc.array(fc.constantFrom('a.b@example.org', 'office@x.demo.example'), { maxLength: 1 }),
  roles: fc.array(words, { maxLength: 1 }),
});
const partner = (heiId: string, first: boolean): fc.Arbitrary<IiaPartner> =>
  fc.record(
    {
      heiId: fc.constant(heiId),
      ounitId: identifier,
      iiaId: identifier,
      iiaCode: words,
      signingContact: contact,
      signingDate: date,
      contacts: fc.array(contact, { maxLength: 2 }),
    },
    { requiredKeys: first ? ['heiId', 'iiaId', 'iiaCode', 'contacts'] : ['heiId', 'contacts'] },
  );
const subjectArea: fc.Arbitrary<SubjectArea> = fc.record(
  {
    iscedCode: fc.stringMatching(/^\d{4}$/),
    v6Value: fc.stringMatching(/^\d{1,3}$/),
    clarification: fc.oneof(fc.constant(''), words),
  },
  { requiredKeys: ['iscedCode'] },
);
const languageSkill: fc.Arbitrary<LanguageSkill> = fc.record(
  {
    language: fc.constantFrom('en', 'fr', 'zh', 'de', 'pt-BR'),
    cefrLevel: fc.constantFrom('A1', 'A2', 'B1', 'B2', 'C1', 'C2'),
    subjectArea,
    notYetDefined: fc.constant(true),
  },
  { requiredKeys: ['language'] },
);
const decimal = fc
  .tuple(fc.integer({ min: 1, max: 500 }), fc.constantFrom('', '.5', '.25'))
  .map(([whole, fraction]) => `${whole}${fraction}`);

const spec = ([sending, receiving]: [string, string]): fc.Arbitrary<MobilitySpec> =>
  fc
    .record({
      kind: fc.constantFrom(...specKinds),
      first: fc.integer({ min: 2000, max: 2090 }),
      span: fc.integer({ min: 0, max: 6 }),
      mobilities: fc.integer({ min: 1, max: 1000 }),
      notYetDefined: fc.boolean(),
      skills: fc.array(languageSkill, { maxLength: 3 }),
      areas: fc.array(subjectArea, { maxLength: 3 }),
      other: fc.option(words, { nil: undefined }),
      total: fc.option(decimal, { nil: undefined }),
      blended: fc.constantFrom('true', 'false'),
      eqf: fc.array(fc.integer({ min: 1, max: 8 }).map(String), { maxLength: 3 }),
    })
    .map((value) => {
      const student = value.kind.startsWith('student');
      const skills =
        needsLanguageSkill(value.kind) && value.skills.length === 0
          ? [{ language: 'en' }]
          : value.skills;
      return {
        kind: value.kind,
        sendingHeiId: sending,
        receivingHeiId: receiving,
        firstAcademicYear: `${value.first}/${value.first + 1}`,
        lastAcademicYear: `${value.first + value.span}/${value.first + value.span + 1}`,
        mobilitiesPerYear: String(value.mobilities),
        ...(value.notYetDefined ? { mobilitiesNotYetDefined: true } : {}),
        languageSkills: skills,
        subjectAreas: value.areas,
        ...(value.other === undefined ? {} : { otherInfoTerms: value.other }),
        ...(student
          ? {
              ...(value.total === undefined ? {} : { totalMonthsPerYear: value.total }),
              blended: value.blended,
              eqfLevels: value.eqf,
            }
          : {
              eqfLevels: [],
              ...(value.total === undefined ? {} : { totalDaysPerYear: value.total }),
            }),
      };
    });

/** Any IIA that follows every v7 rule. */
const validIia: fc.Arbitrary<Iia> = heiIds.chain(([a = 'a.edu', b = 'b.edu']) =>
  fc
    .record({
      partners: fc.tuple(partner(a, true), partner(b, false)),
      inEffect: fc.constantFrom('true', 'false'),
      terminated: fc.boolean(),
      specs: fc.array(
        fc.boolean().chain((outbound) => spec(outbound ? [a, b] : [b, a])),
        { maxLength: 5 },
      ),
      hash: fc.stringMatching(/^[0-9a-f]{64}$/),
      pdfFile: fc.option(identifier, { nil: undefined }),
    })
    .map((value) => ({
      partners: value.partners,
      inEffect: value.inEffect,
      ...(value.terminated ? { terminatedAsAWhole: 'true' } : {}),
      specs: [...value.specs].sort((x, y) => specKinds.indexOf(x.kind) - specKinds.indexOf(y.kind)),
      hash: value.hash,
      ...(value.pdfFile === undefined ? {} : { pdfFile: value.pdfFile }),
    })),
);

describe('IIAs v7 documents', () => {
  it('reads back every valid IIA exactly as it was written', () => {
    fc.assert(
      fc.property(fc.array(validIia, { maxLength: 3 }), (iias) => {
        for (const iia of iias) expect(checkIia(iia, 'iia')).toEqual([]);
        expect(parseIiasDocument(buildIiasDocument(iias, ['a -- comment']))).toEqual(iias);
      }),
      { numRuns: 60 },
    );
  });

  it.skipIf(skipSchemaValidation)(
    'writes documents the official schema accepts (xmllint)',
    async () => {
      const iias = fc.sample(validIia, { numRuns: 40, seed: 7 });
      const result = await validateIiasDocument(buildIiasDocument(iias));
      expect(result.output).toContain('validates');
      expect(result.valid).toBe(true);
    },
  );

  it.skipIf(skipSchemaValidation)('the schema check can fail: a 3-digit ISCED code', async () => {
    const result = await validateIiasDocument(fixture('iia-get-response.invalid-isced.xml'));
    expect(result.valid).toBe(false);
    expect(result.output).toContain("The value '071' is not accepted by the pattern '[0-9]{4}'");
  });

  it('reads the EWP sample: partners, contacts, conditions and subject-specific languages', () => {
    const [iia, ...others] = parseIiasDocument(fixture('iia-get-response.sample.xml'));
    expect(others).toEqual([]);
    expect(iia?.partners.map((partner) => [partner.heiId, partner.iiaId, partner.iiaCode])).toEqual(
      [
        ['sjtu.edu.cn', '7c1e2d9a-5b3f-4e8a-9d21-0f6b8a4c3e10', 'SJTU-IIA-2025-FR-017'],
        ['polytechnique.edu', 'IIA-2025-0042', 'X/INTL/2025/SJTU'],
      ],
    );
    expect(iia?.partners[0]?.signingContact?.names).toEqual(['Li Wei', '李伟']);
    expect(iia?.specs.map((spec) => [spec.sendingHeiId, spec.mobilitiesPerYear])).toEqual([
      ['sjtu.edu.cn', '3'],
      ['polytechnique.edu', '2'],
    ]);
    expect(iia?.specs[0]?.languageSkills[1]).toEqual({
      language: 'en',
      cefrLevel: 'B2',
      subjectArea: { iscedCode: '0613', clarification: '' },
    });
    expect(iia?.specs[0]?.subjectAreas[1]?.clarification).toBe('Applied mathematics track only');
    expect(checkIia(iia as Iia, 'iia[1]', { servingHeiId: 'sjtu.edu.cn' })).toEqual([]);
  });

  it('keeps what is missing visible for the rules instead of failing to read', () => {
    const xml = `<?xml version="1.0"?>
<!-- a partner's hand-made file -->
<e:iias-get-response xmlns:e="${'https://github.com/erasmus-without-paper/ewp-specs-api-iias/blob/stable-v7/endpoints/get-response.xsd'}">
  <e:iia><e:partner><e:hei-id>a.fr</e:hei-id></e:partner><e:in-effect>true</e:in-effect>
  <e:cooperation-conditions><e:student-studies-mobility-spec><e:mobilities-per-year not-yet-defined="true"/></e:student-studies-mobility-spec></e:cooperation-conditions></e:iia>
</e:iias-get-response>`;
    const [iia] = parseIiasDocument(xml);
    expect(iia?.specs[0]).toMatchObject({
      sendingHeiId: '',
      mobilitiesPerYear: '',
      mobilitiesNotYetDefined: true,
    });
    expect(checkIia(iia as Iia, 'iia[1]').map((issue) => issue.rule)).toEqual(
      expect.arrayContaining([
        'ewp.partner_count',
        'ewp.first_partner_ids',
        'ewp.spec_hei_not_partner',
        'ewp.academic_year_format',
        'ewp.mobilities_per_year',
        'ewp.language_skill_required',
        'ewp.blended_required',
        'ewp.hash_format',
      ]),
    );
  });

  it('refuses documents that are not well-formed, carry a DOCTYPE, or are not v7 responses', () => {
    const refusal = (xml: string) => {
      try {
        parseIiasDocument(xml);
      } catch (error) {
        if (error instanceof EwpDocumentError) return error.rule;
        throw error;
      }
      return 'accepted';
    };
    expect(refusal('<iias-get-response><iia></iias-get-response>')).toBe('ewp.malformed_xml');
    expect(
      refusal(
        '<!DOCTYPE r [<!ENTITY a "aaaa">]><iias-get-response xmlns="x">&a;</iias-get-response>',
      ),
    ).toBe('ewp.doctype');
    expect(refusal('<iias-get-response xmlns="urn:other"/>')).toBe('ewp.not_iias_v7');
    expect(
      refusal(
        fixture('iia-get-response.sample.xml').replaceAll(
          'stable-v7/endpoints',
          'stable-v6/endpoints',
        ),
      ),
    ).toBe('ewp.not_iias_v7');
    expect(refusal('<iia-get-response/>')).toBe('ewp.not_iias_v7');
  });

  it('hashes the agreed terms: same IIA, same hash; another number of places, another hash', () => {
    const [iia] = parseIiasDocument(fixture('iia-get-response.sample.xml'));
    if (iia === undefined) throw new Error('the sample has an IIA');
    const hash = iiaHash(iia);
    expect(hash).toMatch(/^[0-9a-f]{64}$/);
    expect(iiaHash({ ...iia, hash: 'f'.repeat(64) })).toBe(hash);
    const [first, ...rest] = iia.specs;
    if (first === undefined) throw new Error('the sample has conditions');
    expect(iiaHash({ ...iia, specs: [{ ...first, mobilitiesPerYear: '4' }, ...rest] })).not.toBe(
      hash,
    );
  });
});
