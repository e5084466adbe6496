/**
 * Spreadsheets: `GET /v1/exports/{resource}.{csv|xlsx}` and `POST /v1/imports/{resource}`, for
 * students, institutions, agreements and event registrations. Staff and admins only: an
 * export needs the right to read every record of the resource, an import the rights to create
 * and change them (a student gets 404, the bot 403). Students' document numbers are never
 * exported nor imported. See interchange/sheets for the columns and the import's rules.
 */
import { createRoute } from '@hono/zod-openapi';
import { EventId, RegistrationStatus, StudentId, today } from '@passerelle/core';
import { z as zod } from 'zod';
import type { Auth } from '../auth/identity';
import { authorize, denied, type Resource } from '../auth/policy';
import { sortParam } from '../db/keyset';
import { type App, type AppContext, type AppDeps, authOf } from '../http/context';
import { ApiError, PROBLEM_CONTENT_TYPE, Problem, problemBody } from '../http/problem';
import { CSV_TYPE, MULTIPART_TYPE, mediaTypeOf, XLSX_TYPE } from '../interchange/sheets/body';
import type { Column } from '../interchange/sheets/columns';
import {
  AgreementExportQuery,
  agreementExport,
  type ExportSource,
  exportStream,
  InstitutionExportQuery,
  institutionExport,
  registrationExport,
  registrationSorts,
  StudentExportQuery,
  studentExport,
} from '../interchange/sheets/exporter';
import { looksLikeXlsx, type SheetFormat } from '../interchange/sheets/format';
import {
  type ImportReport,
  runImport,
  type SheetResource,
  sheetResources,
} from '../interchange/sheets/index';
import { registrationColumns } from '../interchange/sheets/registrations';
import { agreementSheet, institutionSheet, studentSheet } from '../interchange/sheets/resources';
import { actorOf, bearer, errors } from './common';

const tags = ['Spreadsheets'];

const RegistrationExportQuery = zod.object({
  sort: sortParam(registrationSorts, 'created'),
  event_id: EventId.optional().meta({ description: "One event's registrations." }),
  student_id: StudentId.optional().meta({ description: "One student's registrations." }),
  status: RegistrationStatus.optional(),
});

const mediaTypes: Record<SheetFormat, string> = { csv: 'text/csv; charset=utf-8', xlsx: XLSX_TYPE };

/** The policy resource whose rights an export or import of a sheet needs. */
const rightsOf: Record<SheetResource, Resource> = {
  students: 'students',
  institutions: 'institutions',
  agreements: 'agreements',
  registrations: 'registrations',
};

/** Staff and admins: every record of the resource; anyone else is refused (404 for a student). */
function requireAll(
  auth: Auth,
  resource: SheetResource,
  actions: readonly ('read' | 'create' | 'update')[],
): void {
  for (const action of actions) {
    if (authorize(auth, rightsOf[resource], action) !== 'all') throw denied(auth);
  }
}

function columnList<R>(columns: readonly Column<R>[]): string {
  return columns.map((column) => `\`${column.name}\` (${column.doc})`).join('; ');
}

const columnDocs: Record<SheetResource, string> = {
  students: columnList(studentSheet.columns),
  institutions: columnList(institutionSheet.columns),
  agreements: columnList(agreementSheet(() => '').columns),
  registrations: columnList(registrationColumns),
};

function exportRoute<Q extends zod.ZodObject>(
  resource: SheetResource,
  format: SheetFormat,
  query: Q,
) {
  return createRoute({
    method: 'get',
    path: `/v1/exports/${resource}.${format}`,
    tags,
    summary: `Export ${resource} as ${format.toUpperCase()}`,
    description: `Every ${resource.replace(/s$/, '')} the list's filters select (all pages), in the list's order, one row each under a header row. ${format === 'csv' ? 'UTF-8 with a BOM, comma-separated, CRLF; a text cell starting with = + - @ is written with a leading apostrophe.' : 'One worksheet, dates as dates.'} Staff and admins only. Columns: ${columnDocs[resource]}.${resource === 'students' ? ' Document numbers are never exported.' : ''}`,
    security: bearer,
    request: { query },
    responses: {
      200: {
        description: `The ${format.toUpperCase()} file`,
        content: {
          [mediaTypes[format].split(';')[0] ?? format]: {
            schema: zod.string().meta({ format: 'binary' }),
          },
        },
      },
      ...errors(403, 404),
    },
  });
}

const ImportParams = zod.object({
  resource: zod.enum(sheetResources).meta({ param: { name: 'resource', in: 'path' } }),
});
const ImportQuery = zod.object({
  dry_run: zod.enum(['true', 'false']).default('false').meta({
    description: 'true: validate and report what would be written, and write nothing.',
  }),
});

const RowErrorSchema = zod
  .object({
    row: zod
      .number()
      .int()
      .meta({ description: 'The row as the spreadsheet numbers it (the header is row 1).' }),
    column: zod
      .string()
      .nullable()
      .meta({ description: "The column's header as written in the sheet." }),
    message: zod.string(),
  })
  .meta({ id: 'ImportRowError' });

const ImportReportSchema = zod
  .object({
    ok: zod.boolean(),
    dryRun: zod.boolean(),
    resource: zod.enum(sheetResources),
    format: zod.enum(['csv', 'xlsx']),
    rows: zod.number().int(),
    created: zod.number().int(),
    updated: zod.number().int(),
    unchanged: zod.number().int(),
    errors: zod.array(RowErrorSchema),
    errorsTruncated: zod.boolean(),
    ignoredColumns: zod.array(zod.string()),
    importId: zod.string().nullable(),
  })
  .meta({ id: 'ImportReport' });

const ImportRejection = Problem.omit({ errors: true })
  .extend(ImportReportSchema.shape)
  .extend({ errors: zod.array(RowErrorSchema.extend({ path: zod.string() })) })
  .meta({ id: 'ImportRejection' });

const binary = { type: 'string' as const, format: 'binary' };

const importRoute = createRoute({
  method: 'post',
  path: '/v1/imports/{resource}',
  tags,
  summary: 'Import a sheet of students, institutions, agreements or registrations',
  description: `A CSV (${CSV_TYPE}) or XLSX (${XLSX_TYPE}) body, or a ${MULTIPART_TYPE} form with the file in \`file\`; up to IMPORT_BODY_LIMIT_BYTES (10 MiB by default) instead of the API's 1 MiB. Row 1 holds the headers, matched to the export's columns whatever their case, spaces or dashes (\`Full Name\`, \`full-name\`, \`fullName\`); unknown headers are ignored and listed in \`ignoredColumns\`. Every row is validated with the core schemas and rules (existing ids, lifecycle, rule 7 for registrations); then all rows are written in one transaction, or none: a sheet with any bad row answers 422 with every problem as \`{ row, column, message }\`. Blank \`id\`: create; an id: update that record (with a \`version\` cell, refused if it changed since the export). Cells replace the fields of the columns present; columns left out keep their values. Audited as one entry per record plus an \`import.<resource>\` summary. Staff and admins only.`,
  security: bearer,
  request: {
    params: ImportParams,
    query: ImportQuery,
    body: {
      required: true,
      content: {
        [CSV_TYPE]: { schema: { type: 'string' } },
        [XLSX_TYPE]: { schema: binary },
        [MULTIPART_TYPE]: {
          schema: { type: 'object', properties: { file: binary }, required: ['file'] },
        },
      },
    },
  },
  responses: {
    200: {
      description: 'Imported (or, for a dry run, would import) every row',
      content: { 'application/json': { schema: ImportReportSchema } },
    },
    422: {
      description:
        'Some rows cannot be imported; nothing was written. A problem+json (`import-rejected`) with the report: `errors` lists `{ row, column, message }` (and `path`, `row.<n>.<column>`).',
      content: { [PROBLEM_CONTENT_TYPE]: { schema: ImportRejection } },
    },
    ...errors(403, 404, 413, 415),
  },
});

/** The file of an import body and its format. */
async function sheetOf(c: AppContext): Promise<{ format: SheetFormat; bytes: Uint8Array }> {
  const header = c.req.header('content-type');
  const mediaType = mediaTypeOf(header);
  const body = new Uint8Array(await c.req.arrayBuffer());
  if (mediaType === MULTIPART_TYPE) {
    let file: ReturnType<FormData['get']>;
    try {
      const form = await new Response(body, {
        headers: { 'content-type': header ?? '' },
      }).formData();
      file = form.get('file');
    } catch (error) {
      throw new ApiError('validation', {
        detail: 'The multipart body cannot be read.',
        cause: error,
      });
    }
    if (file === null || typeof file === 'string') {
      throw new ApiError('validation', {
        detail: 'Send the sheet in the form field "file".',
        errors: [{ path: 'body.file', message: 'a CSV or XLSX file is required' }],
      });
    }
    const bytes = new Uint8Array(await file.arrayBuffer());
    const xlsx =
      file.type === XLSX_TYPE || file.name.toLowerCase().endsWith('.xlsx') || looksLikeXlsx(bytes);
    return { format: xlsx ? 'xlsx' : 'csv', bytes };
  }
  if (mediaType === XLSX_TYPE) return { format: 'xlsx', bytes: body };
  if (mediaType === 'application/octet-stream')
    return { format: looksLikeXlsx(body) ? 'xlsx' : 'csv', bytes: body };
  return { format: 'csv', bytes: body };
}

/** A refused import: problem+json (422 `import-rejected`) carrying the whole report. */
function rejection(c: AppContext, report: ImportReport): zod.output<typeof ImportRejection> {
  const errorsWithPaths = report.errors.map((error) => ({
    path: `row.${error.row}${error.column === null ? '' : `.${error.column}`}`,
    ...error,
  }));
  const first = report.errors[0];
  const count = `${report.errorsTruncated ? 'More than ' : ''}${report.errors.length} problem${report.errors.length === 1 ? '' : 's'}`;
  const where =
    first === undefined
      ? ''
      : ` First: row ${first.row}${first.column === null ? '' : `, ${first.column}`}: ${first.message}`;
  const problem = problemBody(
    new ApiError('import_rejected', {
      detail: `${count} in the sheet; nothing was written.${where}`,
    }),
    { instance: c.req.path, requestId: c.get('requestId') },
  );
  return { ...problem, ...report, errors: errorsWithPaths };
}

export function registerSpreadsheets(app: App, deps: AppDeps): void {
  const { db } = deps.store;
  const officeToday = () => today(deps.now(), deps.config.OFFICE_TIME_ZONE);

  function send<R>(
    c: AppContext,
    resource: SheetResource,
    format: SheetFormat,
    source: ExportSource<R>,
  ): Response {
    return c.body(exportStream(source, format), 200, {
      'Content-Type': mediaTypes[format],
      'Content-Disposition': `attachment; filename="${resource}-${officeToday()}.${format}"`,
      'Cache-Control': 'no-store',
    });
  }

  for (const format of ['csv', 'xlsx'] as const) {
    app.openapi(exportRoute('students', format, StudentExportQuery), async (c) => {
      requireAll(authOf(c), 'students', ['read']);
      return send(c, 'students', format, await studentExport(db, c.req.valid('query')));
    });
    app.openapi(exportRoute('institutions', format, InstitutionExportQuery), async (c) => {
      requireAll(authOf(c), 'institutions', ['read']);
      return send(c, 'institutions', format, await institutionExport(db, c.req.valid('query')));
    });
    app.openapi(exportRoute('agreements', format, AgreementExportQuery), async (c) => {
      requireAll(authOf(c), 'agreements', ['read']);
      return send(
        c,
        'agreements',
        format,
        await agreementExport(db, c.req.valid('query'), officeToday()),
      );
    });
    app.openapi(exportRoute('registrations', format, RegistrationExportQuery), async (c) => {
      requireAll(authOf(c), 'registrations', ['read']);
      return send(c, 'registrations', format, await registrationExport(db, c.req.valid('query')));
    });
  }

  app.openapi(importRoute, async (c) => {
    const auth = authOf(c);
    const { resource } = c.req.valid('param');
    requireAll(auth, resource, ['create', 'update']);
    const dryRun = c.req.valid('query').dry_run === 'true';
    const { format, bytes } = await sheetOf(c);
    const report = await runImport(db, actorOf(c, deps), resource, format, bytes, {
      dryRun,
      officeToday: officeToday(),
    });
    if (!report.ok) {
      return c.json(rejection(c, report), 422, {
        'Content-Type': PROBLEM_CONTENT_TYPE,
        'Cache-Control': 'no-store',
      });
    }
    return c.json(report, 200);
  });
}
