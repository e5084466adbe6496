/**
 * /v1/reports: the office's year-end review (rule 10 of `@passerelle/core`), each figure of the
 * year beside the previous year's. Staff and admins only; a student gets 404, the bot 403.
 * The same URL serves it as JSON, Markdown or a printable HTML page (reports/year-end-document).
 * `POST …/{year}/links` gives a signed, short-lived link to one document that a browser opens
 * without a token (`GET …/{year}/signed`, reports/links.ts).
 */
import { createRoute } from '@hono/zod-openapi';
import { Instant, Language, today, YearEndReview } from '@passerelle/core';
import { z } from 'zod';
import { writeAudit } from '../audit';
import { authorize } from '../auth/policy';
import { type App, type AppContext, type AppDeps, authOf } from '../http/context';
import { ApiError } from '../http/problem';
import { checkReportLink, type ReportLink, reportLinkKey, reportLinkPath } from '../reports/links';
import { yearEndSource } from '../reports/year-end-cache';
import {
  chooseFormat,
  chooseLanguage,
  type DocumentFormat,
  delegationsByMonth,
  documentFormats,
  renderYearEndDocument,
  VARY,
} from '../reports/year-end-document';
import { actorOf, bearer, errors } from './common';

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

const ReportLinkInput = z
  .strictObject({
    format: z.enum(documentFormats).optional().meta({ description: 'Default html.' }),
    language: Language.optional().meta({
      description: 'The language of the Markdown or HTML document. Default en.',
    }),
    expiresInMinutes: z.number().int().min(1).optional().meta({
      description:
        'How long the link works, in minutes: at most REPORT_LINK_MINUTES (the default, 24 hours unless configured; never more than 7 days).',
      example: 60,
    }),
  })
  .meta({ id: 'ReportLinkInput' });

const ReportLinkSchema = z
  .object({
    url: z.string().meta({
      description:
        'The link, on the origin the request came to. Anyone holding it reads the document until it expires: share it as you would the report.',
    }),
    path: z.string().meta({
      description: 'The same link without its origin, to put behind another public address.',
      example:
        '/v1/reports/year-end/2025/signed?format=html&lang=en&expires=1767225600&signature=…',
    }),
    year: z.number().int(),
    format: z.enum(documentFormats),
    language: Language,
    expiresAt: Instant,
  })
  .meta({ id: 'ReportLink' });

const createLink = createRoute({
  method: 'post',
  path: '/v1/reports/year-end/{year}/links',
  tags,
  summary: 'A signed link to the year-end document, for a browser without a token',
  description:
    'Answers a read-only link to one document (this year, this format, this language) that works without a bearer token until it expires. Its signature (HMAC-SHA-256 with REPORT_LINK_SECRET, or a key the store makes on first use) covers the path, year, format, language and expiry: changing any of them breaks it. Links cannot be revoked one by one; changing REPORT_LINK_SECRET revokes them all. Staff and admins, or the bot acting for one; recorded in the audit log.',
  security: bearer,
  request: {
    params: YearParams,
    body: { required: false, content: { 'application/json': { schema: ReportLinkInput } } },
  },
  responses: {
    201: {
      description: 'The link and when it expires',
      content: { 'application/json': { schema: ReportLinkSchema } },
    },
    ...errors(403, 404, 413, 415),
  },
});

const SignedQuery = z.object({
  format: z.enum(documentFormats).optional().meta({ description: 'As signed. Default html.' }),
  lang: Language.optional().meta({ description: 'As signed. Default en.' }),
  expires: z.string().max(20).optional().meta({
    description: 'When the link expires, in seconds since the Unix epoch (as signed).',
  }),
  signature: z.string().max(200).optional().meta({ description: 'The HMAC-SHA-256, base64url.' }),
});

const signed = createRoute({
  method: 'get',
  path: '/v1/reports/year-end/{year}/signed',
  tags,
  summary: 'The year-end document through a signed link (no bearer token)',
  description:
    'What `GET /v1/reports/year-end/{year}` answers in the format and language the link names, for whoever holds a link from `POST /v1/reports/year-end/{year}/links`. A link without its expiry or signature answers 401; an altered, expired or foreign one (another year, format or language) 403. Not cached (`Cache-Control: no-store`), not indexed, sends no Referer.',
  security: [],
  request: { params: YearParams, query: SignedQuery },
  responses: {
    200: {
      description: 'The document',
      content: {
        'application/json': { schema: YearEndReview },
        'text/markdown': { schema: z.string() },
        'text/html': { schema: z.string() },
      },
    },
    ...errors(403),
  },
});

export function registerReports(app: App, deps: AppDeps): void {
  const { db } = deps.store;
  const yearEnds = yearEndSource(deps.store);

  /** The document of a year in one format and language, as a response. */
  async function yearEndResponse(
    c: AppContext,
    year: number,
    format: DocumentFormat,
    language: Language,
    headers: Record<string, string> = {},
  ) {
    const { data, review } = await yearEnds.get(year);
    if (format === 'json') return c.json(review, 200, { Vary: VARY, ...headers });
    const document = {
      review,
      delegationsByMonth: delegationsByMonth(data.delegations, year),
      asOf: today(deps.now(), deps.config.OFFICE_TIME_ZONE),
    };
    const rendered = renderYearEndDocument(format, document, language);
    return c.body(rendered.body, 200, { ...rendered.headers, ...headers });
  }

  app.openapi(yearEnd, async (c) => {
    authorize(authOf(c), 'reports', 'read');
    const { year } = c.req.valid('param');
    const query = c.req.valid('query');
    const format = chooseFormat(query.format, c.req.header('accept'));
    const language = chooseLanguage(query.lang, c.req.header('accept-language'));
    return yearEndResponse(c, year, format, language);
  });

  app.openapi(createLink, async (c) => {
    const auth = authOf(c);
    authorize(auth, 'reports', 'read');
    const { year } = c.req.valid('param');
    const input = c.req.valid('json');
    const maxMinutes = deps.config.REPORT_LINK_MINUTES;
    const minutes = input.expiresInMinutes ?? maxMinutes;
    if (minutes > maxMinutes) {
      throw new ApiError('validation', {
        detail: `body.expiresInMinutes: must be at most ${maxMinutes} (REPORT_LINK_MINUTES)`,
        errors: [
          {
            path: 'body.expiresInMinutes',
            message: `must be at most ${maxMinutes} (REPORT_LINK_MINUTES)`,
          },
        ],
      });
    }
    const now = deps.now();
    const link: ReportLink = {
      year,
      format: input.format ?? 'html',
      language: input.language ?? 'en',
      expires: Math.floor(now.getTime() / 1000) + minutes * 60,
    };
    const key = await reportLinkKey(db, deps.config, now, { create: true });
    if (key === undefined) throw new ApiError('internal');
    const actor = actorOf(c, deps);
    const expiresAt = new Date(link.expires * 1000).toISOString();
    await writeAudit(db, actor, {
      action: 'report_link.create',
      entity: 'report',
      entityId: `year-end/${year}`,
      details: { format: link.format, language: link.language, expiresAt },
    });
    const linkPath = reportLinkPath(key, link);
    c.header('Cache-Control', 'no-store');
    return c.json(
      {
        url: `${new URL(c.req.url).origin}${linkPath}`,
        path: linkPath,
        year,
        format: link.format,
        language: link.language,
        expiresAt,
      },
      201,
    );
  });

  app.openapi(signed, async (c) => {
    const { year } = c.req.valid('param');
    const query = c.req.valid('query');
    if (query.expires === undefined || query.signature === undefined) {
      throw new ApiError('unauthenticated', {
        detail: 'A report link needs its expires and signature parameters.',
      });
    }
    const refused = (detail: string) => new ApiError('forbidden', { detail });
    if (!/^\d{1,12}$/.test(query.expires)) throw refused('This report link is not valid.');
    const link: ReportLink = {
      year,
      format: query.format ?? 'html',
      language: query.lang ?? 'en',
      expires: Number(query.expires),
    };
    const now = deps.now();
    const key = await reportLinkKey(db, deps.config, now, { create: false });
    const check =
      key === undefined
        ? 'invalid'
        : checkReportLink(key, link, query.signature, now, deps.config.REPORT_LINK_MINUTES);
    if (check === 'expired') {
      throw refused('This report link has expired: ask for a new one.');
    }
    if (check !== 'valid') throw refused('This report link is not valid.');
    return yearEndResponse(c, year, link.format, link.language, {
      'Cache-Control': 'no-store',
      'Referrer-Policy': 'no-referrer',
      'X-Robots-Tag': 'noindex',
    });
  });
}
