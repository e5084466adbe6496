/**
 * Erasmus Without Paper: agreements out as an IIAs API v7 `iias-get-response` document, and
 * such a document in as agreements. Staff and admins only (they read and write agreements and
 * institutions); this is the office's file interchange, not an EWP network endpoint (which
 * would need the EWP registry and HTTP signatures).
 */
import { createRoute } from '@hono/zod-openapi';
import {
  type Agreement,
  AgreementId,
  AgreementKind,
  type Institution,
  InstitutionId,
  today,
} from '@passerelle/core';
import { and, arrayContains, asc, eq, inArray, or, type SQL, sql } from 'drizzle-orm';
import { z } from 'zod';
import { writeAudit } from '../audit';
import { authorize } from '../auth/policy';
import { guardUnique } from '../db/mutations';
import { insertRecord, storedRecord } from '../db/records';
import { agreements, institutions } from '../db/schema';
import type { Queryable } from '../db/store';
import { type App, type AppDeps, authOf } from '../http/context';
import { ApiError } from '../http/problem';
import { EWP_IMPORT_PATH } from '../interchange/ewp/body';
import { agreementToIia } from '../interchange/ewp/export';
import { type ImportPlan, type PlannedIia, planImport } from '../interchange/ewp/import';
import type { Iia } from '../interchange/ewp/model';
import { checkIia } from '../interchange/ewp/rules';
import { buildIiasDocument, EwpDocumentError, parseIiasDocument } from '../interchange/ewp/xml';
import { agreementRepository } from '../repositories/agreements';
import { institutionRepository } from '../repositories/institutions';
import { actorOf, bearer, errors, idListParam } from './common';

const tags = ['EWP'];
const XML_TYPE = 'application/xml';

const ExportQuery = z.object({
  ids: idListParam(AgreementId, 'an agreement id', 500).meta({
    description: 'Only these agreements (comma-separated ids).',
    example: 'agr_demo000002',
  }),
  institution_id: InstitutionId.optional().meta({
    description: 'Only the agreements with this partner institution.',
  }),
  kind: AgreementKind.optional(),
});

const ImportQuery = z.object({
  dry_run: z
    .enum(['true', 'false'])
    .default('false')
    .transform((value) => value === 'true')
    .meta({ description: 'Report what the import would do, and write nothing.' }),
});

const Issue = z
  .object({
    path: z
      .string()
      .meta({ example: 'iia[1]/cooperation-conditions/student-studies-mobility-spec[1]' }),
    rule: z.string().meta({ example: 'ewp.unmapped.language' }),
    message: z.string(),
  })
  .meta({ id: 'EwpIssue' });

const ImportedIia = z
  .object({
    index: z.number().int().meta({ description: 'Position of the <iia> in the document, from 1.' }),
    outcome: z.enum(['created', 'would_create', 'exists', 'rejected']),
    partnerHeiId: z.string().optional(),
    iiaIds: z.object({ ours: z.string().optional(), partner: z.string().optional() }),
    agreementId: z
      .string()
      .optional()
      .meta({ description: 'The agreement created, or the one that exists.' }),
    institution: z.object({ id: z.string(), heiId: z.string(), created: z.boolean() }).optional(),
    problems: z.array(Issue).meta({ description: 'Why the IIA cannot be imported.' }),
    unmapped: z.array(Issue).meta({ description: 'What the agreement does not keep.' }),
  })
  .meta({ id: 'EwpImportedIia' });

export const EwpImportReport = z
  .object({
    dryRun: z.boolean(),
    ok: z
      .boolean()
      .meta({ description: 'False when at least one IIA is rejected (nothing is written then).' }),
    written: z
      .boolean()
      .meta({ description: 'Whether the agreements and institutions were created.' }),
    counts: z.object({
      agreements: z
        .number()
        .int()
        .meta({ description: 'Agreements created (or, in a dry run, to create).' }),
      institutions: z.number().int().meta({ description: 'Institutions created (or to create).' }),
      existing: z.number().int().meta({ description: 'IIAs whose agreement exists already.' }),
      rejected: z.number().int(),
    }),
    iias: z.array(ImportedIia),
  })
  .meta({ id: 'EwpImportReport' });
type EwpImportReport = z.infer<typeof EwpImportReport>;

const exportRoute = createRoute({
  method: 'get',
  path: '/v1/ewp/iias',
  tags,
  summary: 'Export agreements as an EWP IIAs API v7 get-response document',
  description:
    "One `<iia>` per agreement that has exactly one partner institution with a `heiId`; our university (`EWP_HEI_ID`) is the first partner, its iia-id and iia-code the agreement id, the partner's iia-id its `partnerReference`. `in-effect` is true from `signed` on; a terminated agreement is `terminated-as-a-whole`. Quotas become `student-studies-mobility-spec`s (`student-traineeship` for internships), one per direction and run of academic years with equal terms. Recommended languages: `EWP_LANGUAGES` when we receive, the partner's `lang:xx[:B2]` tags (else English) when it does. `iia-hash` is the SHA-256 of our own canonical text of the IIA, not the v7 XSLT hash. Agreements that cannot be exported are named in comments at the top of the document.",
  security: bearer,
  request: { query: ExportQuery },
  responses: {
    200: {
      description: 'The document',
      content: { [XML_TYPE]: { schema: z.string().meta({ format: 'xml' }) } },
    },
    ...errors(403, 404),
  },
});

const importRoute = createRoute({
  method: 'post',
  path: EWP_IMPORT_PATH,
  tags,
  summary: 'Import an EWP IIAs API v7 get-response document as agreements',
  description:
    "Every IIA must name us (`EWP_HEI_ID`) as one partner and follow the v7 rules, including those the schema does not check. The other partner is found by its `heiId`, or created (stage `partner`, name = hei-id, city `Unknown`) when its hei-id ends in a country code. Studies (else traineeship) conditions become quotas per academic year and direction; what an agreement cannot keep (staff conditions, languages, ISCED clarifications, blended mobility, …) is listed under `unmapped`. IIAs already imported (our iia-id is an agreement's id, or the partner's iia-id its `partnerReference`) are left as they are. All or nothing: when one IIA is rejected, nothing is written (422 with the report in `data.report`).",
  security: bearer,
  request: {
    query: ImportQuery,
    body: {
      required: true,
      content: { [XML_TYPE]: { schema: z.string().meta({ format: 'xml' }) } },
    },
  },
  responses: {
    200: {
      description: 'A dry run, or nothing new to create',
      content: { 'application/json': { schema: EwpImportReport } },
    },
    201: {
      description: 'Agreements (and institutions) created',
      content: { 'application/json': { schema: EwpImportReport } },
    },
    ...errors(403, 404, 409, 413, 415, 422),
  },
});

async function readAgreements(db: Queryable, where: (SQL | undefined)[]): Promise<Agreement[]> {
  const rows = await db
    .select({ data: agreements.data })
    .from(agreements)
    .where(and(...where))
    .orderBy(asc(agreements.createdAt), asc(agreements.id));
  return rows.map((row) => storedRecord(agreementRepository, row.data));
}

async function readInstitutions(db: Queryable, where: SQL): Promise<Institution[]> {
  const rows = await db.select({ data: institutions.data }).from(institutions).where(where);
  return rows.map((row) => storedRecord(institutionRepository, row.data));
}

const heiIdColumn = sql<string>`${institutions.data}->>'heiId'`;
const partnerReferenceColumn = sql<string>`${agreements.data}->>'partnerReference'`;

export function registerEwp(app: App, deps: AppDeps): void {
  const { db } = deps.store;
  const ewp = { heiId: deps.config.EWP_HEI_ID, languages: deps.config.EWP_LANGUAGES };

  app.openapi(exportRoute, async (c) => {
    const auth = authOf(c);
    authorize(auth, 'agreements', 'read');
    authorize(auth, 'institutions', 'read');
    const query = c.req.valid('query');
    const selected = await readAgreements(db, [
      query.ids === undefined ? undefined : inArray(agreements.id, query.ids),
      query.institution_id === undefined
        ? undefined
        : arrayContains(agreements.institutionIds, [query.institution_id]),
      query.kind === undefined ? undefined : eq(agreements.kind, query.kind),
    ]);
    const partnerIds = [...new Set(selected.flatMap((agreement) => agreement.institutionIds))];
    const partners = new Map(
      partnerIds.length === 0
        ? []
        : (await readInstitutions(db, inArray(institutions.id, partnerIds))).map((record) => [
            record.id,
            record,
          ]),
    );

    const iias: Iia[] = [];
    const comments = [
      `Exported by Passerelle for ${ewp.heiId} on ${deps.now().toISOString()}: ${selected.length} agreement(s) selected.`,
    ];
    const found = new Set<string>(selected.map((agreement) => agreement.id));
    for (const id of query.ids ?? []) {
      if (!found.has(id)) comments.push(`${id} is not exported: it was not found.`);
    }
    for (const agreement of selected) {
      const result = agreementToIia(agreement, partners, ewp);
      if (!result.ok) {
        comments.push(`${agreement.id} is not exported: ${result.reason}.`);
        continue;
      }
      const issues = checkIia(result.iia, 'iia', { servingHeiId: ewp.heiId });
      if (issues.length > 0) {
        comments.push(
          `${agreement.id} is not exported: ${issues.map((issue) => `${issue.rule} (${issue.message})`).join('; ')}.`,
        );
        continue;
      }
      iias.push(result.iia);
    }
    return c.body(buildIiasDocument(iias, comments), 200, {
      'Content-Type': `${XML_TYPE}; charset=utf-8`,
    });
  });

  app.openapi(importRoute, async (c) => {
    const auth = authOf(c);
    authorize(auth, 'agreements', 'create');
    authorize(auth, 'institutions', 'create');
    const { dry_run: dryRun } = c.req.valid('query');
    let parsed: Iia[];
    try {
      parsed = parseIiasDocument(await c.req.text());
    } catch (error) {
      if (!(error instanceof EwpDocumentError)) throw error;
      throw new ApiError('validation', {
        detail: error.message,
        errors: [{ path: 'body', message: error.message }],
        rule: error.rule,
      });
    }

    const heiIds = [
      ...new Set(parsed.flatMap((iia) => iia.partners.map((partner) => partner.heiId))),
    ];
    const iiaIds = [
      ...new Set(
        parsed.flatMap((iia) =>
          iia.partners.flatMap((partner) => (partner.iiaId === undefined ? [] : [partner.iiaId])),
        ),
      ),
    ];
    const known =
      heiIds.length === 0 ? [] : await readInstitutions(db, inArray(heiIdColumn, heiIds));
    const existing =
      iiaIds.length === 0
        ? []
        : await db
            .select({
              id: agreements.id,
              institutionIds: agreements.institutionIds,
              reference: partnerReferenceColumn,
            })
            .from(agreements)
            .where(or(inArray(agreements.id, iiaIds), inArray(partnerReferenceColumn, iiaIds)));

    const now = deps.now();
    const plan = planImport(parsed, {
      ...ewp,
      institutionsByHei: new Map(
        known.flatMap((record) => (record.heiId === undefined ? [] : [[record.heiId, record]])),
      ),
      agreementIds: new Set(existing.map((row) => row.id)),
      partnerReferences: new Map(
        existing.flatMap((row) =>
          row.reference === null
            ? []
            : row.institutionIds.map((institutionId) => [
                `${institutionId}|${row.reference}`,
                row.id,
              ]),
        ),
      ),
      now,
      today: today(now, deps.config.OFFICE_TIME_ZONE),
    });
    const report = reportOf(plan, dryRun);
    if (dryRun) return c.json(report, 200);
    if (!report.ok) {
      throw new ApiError('rule_violation', {
        detail: `${report.counts.rejected} IIA(s) cannot be imported; nothing was written.`,
        rule: 'ewp.import_rejected',
        data: { report },
      });
    }
    const actor = actorOf(c, deps);
    await guardUnique(
      () =>
        db.transaction(async (tx) => {
          for (const record of plan.institutions) {
            await insertRecord(tx, institutionRepository, record);
            await writeAudit(tx, actor, {
              action: 'institution.create',
              entity: 'institution',
              entityId: record.id,
              versionAfter: record.version,
              details: { source: 'ewp-import', heiId: record.heiId },
            });
          }
          for (const item of plan.iias) {
            if (item.agreement === undefined) continue;
            await insertRecord(tx, agreementRepository, item.agreement);
            await writeAudit(tx, actor, {
              action: 'agreement.create',
              entity: 'agreement',
              entityId: item.agreement.id,
              versionAfter: item.agreement.version,
              details: {
                source: 'ewp-import',
                partnerHeiId: item.partnerHeiId,
                iiaIds: item.iiaIds,
              },
            });
          }
        }),
      'agreement',
    );
    const written = { ...report, written: true };
    return c.json(written, report.counts.agreements > 0 ? 201 : 200);
  });
}

function reportOf(plan: ImportPlan, dryRun: boolean): EwpImportReport {
  const outcome = (item: PlannedIia) =>
    item.outcome === 'create' ? (dryRun ? 'would_create' : 'created') : item.outcome;
  const rejected = plan.iias.filter((item) => item.outcome === 'rejected').length;
  const creates = plan.iias.filter((item) => item.outcome === 'create').length;
  return {
    dryRun,
    ok: rejected === 0,
    written: false,
    counts: {
      agreements: creates,
      institutions: plan.institutions.length,
      existing: plan.iias.filter((item) => item.outcome === 'exists').length,
      rejected,
    },
    iias: plan.iias.map((item) => ({
      index: item.index,
      outcome: outcome(item),
      ...(item.partnerHeiId === undefined ? {} : { partnerHeiId: item.partnerHeiId }),
      iiaIds: item.iiaIds,
      ...(item.agreementId === undefined ? {} : { agreementId: item.agreementId }),
      ...(item.institution === undefined ? {} : { institution: item.institution }),
      problems: item.problems,
      unmapped: item.unmapped,
    })),
  };
}
