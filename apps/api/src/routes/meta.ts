/** GET /healthz, /readyz, /openapi.json and /docs: no token needed. */
import { createRoute } from '@hono/zod-openapi';
import { z } from 'zod';
import type { App, AppDeps } from '../http/context';
import { ApiError, problemResponseSpec } from '../http/problem';
import { renderDocs } from '../openapi/docs-page';

const tags = ['Service'];

const healthz = createRoute({
  method: 'get',
  path: '/healthz',
  tags,
  summary: 'Liveness: the process answers',
  security: [],
  responses: {
    200: {
      description: 'Alive',
      content: { 'application/json': { schema: z.object({ status: z.literal('ok') }) } },
    },
  },
});

const readyz = createRoute({
  method: 'get',
  path: '/readyz',
  tags,
  summary: 'Readiness: the store answers a query',
  security: [],
  responses: {
    200: {
      description: 'Ready',
      content: {
        'application/json': {
          schema: z.object({ status: z.literal('ready'), store: z.enum(['pglite', 'postgres']) }),
        },
      },
    },
    503: problemResponseSpec('The store does not answer'),
  },
});

export const openApiInfo = {
  openapi: '3.1.0',
  info: {
    title: 'Passerelle API',
    version: '0.1.0',
    description:
      "The system of record of a university's international affairs office: partner institutions, agreements, international students, delegations, events, and the knowledge base.",
  },
  security: [{ bearer: [] }],
};

export function registerMeta(app: App, deps: AppDeps): void {
  app.openAPIRegistry.registerComponent('securitySchemes', 'bearer', {
    type: 'http',
    scheme: 'bearer',
    description: 'An API token: `psl_…`.',
  });

  app.openapi(healthz, (c) => c.json({ status: 'ok' as const }, 200));

  app.openapi(readyz, async (c) => {
    try {
      await deps.store.ping();
    } catch (error) {
      throw new ApiError('unavailable', { detail: 'The store does not answer.', cause: error });
    }
    return c.json({ status: 'ready' as const, store: deps.store.kind }, 200);
  });

  let document: object | undefined;
  const openApiDocument = () => {
    document ??= app.getOpenAPI31Document(openApiInfo);
    return document;
  };
  let page: string | undefined;

  app.get('/openapi.json', (c) => c.json(openApiDocument()));
  app.get('/docs', (c) => {
    page ??= renderDocs(openApiDocument());
    return c.html(page);
  });
}
