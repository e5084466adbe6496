/**
 * /v1/reports: the office's year-end review (rule 10 of `@passerelle/core`), each figure of the
 * year beside the previous year's. Staff and admins only; a student gets 404, the bot 403.
 * The same URL serves it as JSON, Markdown or a printable HTML page (reports/year-end-document).
 */
import { createRoute } from '@hono/zod-openapi';
import { Language, today, YearEndReview, yearEndReview } from '@passerelle/core';
import { z } from 'zod';
import { authorize } from '../auth/policy';
import { type App, type AppDeps, authOf } from '../http/context';
import { loadYearEndData } from '../reports/year-end';
import {
  chooseFormat,
  chooseLanguage,
  delegationsByMonth,
  documentFormats,
  renderYearEndDocument,
  VARY,
} from '../reports/year-end-document';
import { bearer, errors } from './common';

const tags = ['Reports'];

export const FIRST_YEAR = 1900;
export const LAST_YEAR = 2200;

const YearParams = z.object({
  year: z
    .string()
    .regex(/^\d{4}$/, `must be a year from ${FIRST_YEAR} to ${LAST_YEAR}`)
    .transform(Number)
    .pipe(
      z
        .number()
        .int()
        .min(FIRST_YEAR, `must be a year from ${FIRST_YEAR} to ${LAST_YEAR}`)
        .max(LAST_YEAR, `must be a year from ${FIRST_YEAR} to ${LAST_YEAR}`),
    )
    .meta({
      param: { name: 'year', in: 'path' },
      description: `A calendar year, ${FIRST_YEAR} to ${LAST_YEAR}.`,
      example: '2025',
    }),
});

const DocumentQuery = z.object({
  format: z.enum(documentFormats).optional().meta({
    description:
      'json, markdown or html; wins over the Accept header (application/json, text/markdown, text/html). JSON when neither asks for another.',
  }),
  lang: Language.optional().meta({
    description:
      'The language of the Markdown and HTML documents; wins over Accept-Language. English when neither names en, zh or fr.',
  }),
});

const yearEnd = createRoute({
  method: 'get',
  path: '/v1/reports/year-end/{year}',
  tags,
  summary: 'The year-end review of a year',
  description:
    'New international students by programme kind and country, short-term visitors, summer schools, visiting scholars and staff, delegations, agreements signed and expiring, events by kind with attendance, publications and awards, each beside the previous year; and the partner institutions of today by stage and country. Computed by `yearEndReview` of @passerelle/core over the records of the two years.',
  security: bearer,
  request: { params: YearParams, query: DocumentQuery },
  responses: {
    200: {
      description:
        'The review: as JSON; as Markdown (tables of every figure with its change); or as one printable, self-contained HTML page (A4 print styles, inline SVG charts, no external resource), in the language asked for.',
      content: {
        'application/json': { schema: YearEndReview },
        'text/markdown': { schema: z.string() },
        'text/html': { schema: z.string() },
      },
    },
    ...errors(403, 404),
  },
});

export function registerReports(app: App, deps: AppDeps): void {
  const { db } = deps.store;

  app.openapi(yearEnd, async (c) => {
    authorize(authOf(c), 'reports', 'read');
    const { year } = c.req.valid('param');
    const query = c.req.valid('query');
    const data = await loadYearEndData(db, year);
    const review = yearEndReview(data, year);
    const format = chooseFormat(query.format, c.req.header('accept'));
    if (format === 'json') return c.json(review, 200, { Vary: VARY });
    const document = {
      review,
      delegationsByMonth: delegationsByMonth(data.delegations, year),
      asOf: today(deps.now(), deps.config.OFFICE_TIME_ZONE),
    };
    const language = chooseLanguage(query.lang, c.req.header('accept-language'));
    const rendered = renderYearEndDocument(format, document, language);
    return c.body(rendered.body, 200, rendered.headers);
  });
}
