/**
 * GET /v1/alerts: what needs attention at a date.
 *
 * - Documents (rule 4, core `documentAlerts`): a residence permit or insurance expired,
 *   expiring within `within_days`, or expiring before the programme ends; a passport expired or
 *   expiring less than six months after the programme ends. Staff get every current student's
 *   alerts; a student (or the bot acting for one) gets only their own, and no agreements.
 * - Agreements (staff only): expiring inside their renewal notice period (core
 *   `agreementStatusAt` says `expiring`) or within `within_days` (core
 *   `agreementExpiresWithin`), and those that expired in the last 30 days.
 *
 * The selection is shared with the daily reminder run (reminders/attention.ts).
 */
import { createRoute } from '@hono/zod-openapi';
import {
  AgreementAlert,
  CalendarDate as CalendarDateSchema,
  DEFAULT_ALERT_DAYS,
  DocumentKind,
  NamedDocumentAlert,
  today,
} from '@passerelle/core';
import { z } from 'zod';
import { ownStudentId } from '../auth/identity';
import { authorize, denied } from '../auth/policy';
import { findRecord } from '../db/records';
import { type App, type AppDeps, authOf } from '../http/context';
import {
  agreementAlerts,
  type DocumentFilters,
  namedAlertsOf,
  studentDocumentAlerts,
} from '../reminders/attention';
import { studentRepository } from '../repositories/students';
import { bearer, errors } from './common';

const AlertQuery = z.object({
  date: CalendarDateSchema.optional().meta({
    description: 'The date to look from. Default: today in the office time zone.',
  }),
  within_days: z.coerce
    .number()
    .int()
    .min(0)
    .max(3650)
    .default(DEFAULT_ALERT_DAYS)
    .meta({
      description: `How far ahead an expiry is an alert, for documents and agreements (default ${DEFAULT_ALERT_DAYS}).`,
      example: DEFAULT_ALERT_DAYS,
    }),
  before_programme_end: z.enum(['true', 'false']).optional().meta({
    description:
      '`true`: only document alerts for a document that expires before the student\'s programme ends ("whose visas expire before their programme ends?", with `document=permit`). Agreements are not affected.',
  }),
  document: DocumentKind.optional().meta({
    description: 'Only alerts for this kind of document. Agreements are not affected.',
  }),
});

const AlertReport = z
  .object({
    date: CalendarDateSchema,
    documents: z.array(NamedDocumentAlert),
    agreements: z.array(AgreementAlert),
  })
  .meta({ id: 'AlertReport' });

const alerts = createRoute({
  method: 'get',
  path: '/v1/alerts',
  tags: ['Alerts'],
  summary: 'Documents and agreements that need attention at a date',
  description:
    'Documents (rule 4), each with the name of the student it concerns: staff get the alerts of every student who has not completed or withdrawn; a student gets only their own (and `agreements` is empty). Agreements (staff only): expiring inside their renewal notice period or within `within_days`, or expired in the last 30 days. Each list is sorted by date (expiry, end date). The report is not paged: it holds only what needs attention.',
  security: bearer,
  request: { query: AlertQuery },
  responses: {
    200: {
      description: 'The alerts',
      content: { 'application/json': { schema: AlertReport } },
    },
    ...errors(403, 404),
  },
});

export function registerAlerts(app: App, deps: AppDeps): void {
  const { db } = deps.store;

  app.openapi(alerts, async (c) => {
    const auth = authOf(c);
    const access = authorize(auth, 'alerts', 'read');
    const query = c.req.valid('query');
    const date = query.date ?? today(deps.now(), deps.config.OFFICE_TIME_ZONE);
    const filters: DocumentFilters = {
      withinDays: query.within_days,
      beforeProgrammeEnd: query.before_programme_end === 'true',
      document: query.document,
    };

    if (access !== 'all') {
      const own = ownStudentId(auth);
      if (own === undefined) throw denied(auth);
      const student = await findRecord(db, studentRepository, own);
      const documents = student === undefined ? [] : namedAlertsOf(student, date, filters);
      return c.json({ date, documents, agreements: [] }, 200);
    }

    const [documents, agreementList] = await Promise.all([
      studentDocumentAlerts(db, date, filters),
      agreementAlerts(db, date, query.within_days),
    ]);
    return c.json({ date, documents, agreements: agreementList }, 200);
  });
}
