/**
 * /v1/knowledge: the International Student Survival Guide and the office's FAQ (one article per
 * topic and language), and the ranked search the bot answers from.
 *
 * Staff and admins read and write every article (only admins delete). Everyone else reads the
 * articles open to them: a student those whose audience includes them (`isOpenTo` of core: all
 * students, their programme kind, or the public); the bot's service token on its own — speaking
 * for a chat user who has not bound an identity — those open to students in general or to the
 * public, never staff-only ones. Anything else answers 404.
 */
import { createRoute } from '@hono/zod-openapi';
import {
  Article,
  ArticleId,
  ArticleInput,
  AudienceGroup,
  type AudienceMember,
  isOpenTo,
  Language,
  newId,
  ProgrammeKind,
  Tag,
} from '@passerelle/core';
import { arrayContains, arrayOverlaps, eq, type SQL } from 'drizzle-orm';
import { z } from 'zod';
import type { Auth } from '../auth/identity';
import { ownStudentId } from '../auth/identity';
import { authorize } from '../auth/policy';
import { listPage, pageOf, pageQuery, sortParam } from '../db/keyset';
import { changeRecord, createRecord, removeRecord } from '../db/mutations';
import { contains, findRecord } from '../db/records';
import { articles } from '../db/schema';
import type { Queryable } from '../db/store';
import { etagOf, ifMatchHeaders } from '../http/conditional';
import { type App, type AppDeps, authOf } from '../http/context';
import { ApiError } from '../http/problem';
import { KnowledgeBase, STRONG_COVERAGE } from '../knowledge/search';
import { articleRepository as repository } from '../repositories/articles';
import { audienceMemberOf } from '../repositories/students';
import { actorOf, bearer, errors, etagHeader, patchSchema, sentFields } from './common';

const tags = ['Knowledge'];
const IdParams = z.object({ id: ArticleId.meta({ param: { name: 'id', in: 'path' } }) });

const sorts = {
  title: [articles.titleSort],
  created: [articles.createdAt],
};

const ListQuery = z.object({
  ...pageQuery,
  sort: sortParam(sorts, 'title'),
  language: Language.optional(),
  topic: z.string().trim().min(1).max(80).optional(),
  tag: Tag.optional().meta({ description: 'Articles carrying this tag.' }),
  audience: AudienceGroup.optional().meta({
    description: 'Articles open to the people of this group (`public` and `all_students` count).',
  }),
  q: z.string().trim().min(1).max(100).optional().meta({
    description:
      'Substring search over title, topic and tags; for a ranked full-text search use /v1/knowledge/search.',
  }),
});

const ArticlePatch = patchSchema(ArticleInput.shape).meta({ id: 'ArticlePatch' });

const SearchQuery = z.object({
  q: z.string().trim().min(1).max(500).meta({ description: 'The question, in any language.' }),
  lang: Language.optional().meta({
    description:
      'The language of the answer wanted: its translation of a topic answers when it matches well, else English. Without it, a question with Chinese characters prefers Chinese, any other English.',
  }),
  limit: z.coerce
    .number()
    .int()
    .min(1)
    .max(20)
    .default(5)
    .meta({ description: 'At most this many hits (one per topic), 1 to 20.' }),
});

export const KnowledgeHit = z
  .object({
    article: Article,
    score: z.number().min(0).meta({
      description:
        'BM25 (k1 1.2, b 0.75; title ×3, tags ×2, body ×1; Chinese words and character bigrams). Unbounded, higher is better, comparable only between hits of one question. Hits are ordered by their topic’s best score in any language, so the translation shown may score below the next hit.',
    }),
    passage: z.string().meta({
      description:
        'The window of the body that best matches the question: plain text (Markdown removed), at most 300 characters.',
    }),
    language: Language.meta({ description: 'The language of this article.' }),
    coverage: z.number().min(0).max(1).meta({
      description:
        'Share of the question’s words (weighted by how rare they are) that the article holds.',
    }),
    match: z.enum(['strong', 'weak']).meta({
      description: `\`strong\` when coverage ≥ ${STRONG_COVERAGE}: the article is about what was asked. Answer only from strong hits; with none, say you do not know.`,
    }),
  })
  .meta({ id: 'KnowledgeHit' });

const list = createRoute({
  method: 'get',
  path: '/v1/knowledge/articles',
  tags,
  summary: 'List knowledge-base articles',
  description: 'Only the articles open to the caller.',
  security: bearer,
  request: { query: ListQuery },
  responses: {
    200: {
      description: 'A page of articles',
      content: { 'application/json': { schema: pageOf(Article, 'ArticlePage') } },
    },
    ...errors(403, 404),
  },
});

const get = createRoute({
  method: 'get',
  path: '/v1/knowledge/articles/{id}',
  tags,
  summary: 'Get an article',
  security: bearer,
  request: { params: IdParams },
  responses: {
    200: {
      description: 'The article',
      headers: etagHeader,
      content: { 'application/json': { schema: Article } },
    },
    ...errors(403, 404),
  },
});

const create = createRoute({
  method: 'post',
  path: '/v1/knowledge/articles',
  tags,
  summary: 'Create an article',
  security: bearer,
  request: {
    body: { required: true, content: { 'application/json': { schema: ArticleInput } } },
  },
  responses: {
    201: {
      description: 'Created',
      headers: etagHeader,
      content: { 'application/json': { schema: Article } },
    },
    ...errors(403, 404, 409, 413, 415, 422),
  },
});

const patch = createRoute({
  method: 'patch',
  path: '/v1/knowledge/articles/{id}',
  tags,
  summary: 'Change some fields of an article',
  security: bearer,
  request: {
    params: IdParams,
    headers: ifMatchHeaders,
    body: { required: true, content: { 'application/json': { schema: ArticlePatch } } },
  },
  responses: {
    200: {
      description: 'The changed article',
      headers: etagHeader,
      content: { 'application/json': { schema: Article } },
    },
    ...errors(403, 404, 412, 413, 415),
  },
});

const remove = createRoute({
  method: 'delete',
  path: '/v1/knowledge/articles/{id}',
  tags,
  summary: 'Delete an article (admin)',
  security: bearer,
  request: { params: IdParams, headers: ifMatchHeaders },
  responses: { 204: { description: 'Deleted' }, ...errors(403, 404, 412) },
});

const search = createRoute({
  method: 'get',
  path: '/v1/knowledge/search',
  tags,
  summary: 'Search the knowledge base',
  description: `Articles that answer a question, best first, one per topic, each with the passage that matched. Ranked by BM25 over title, tags and body, with a tokenizer that folds case and accents, drops English and French stop words, stems lightly, and segments Chinese into words (jieba) and character bigrams. Each hit says how well it matches: \`match: strong\` (coverage ≥ ${STRONG_COVERAGE}) means the article holds the words that carry the question; a question nothing answers gets only weak hits, or none.`,
  security: bearer,
  request: { query: SearchQuery },
  responses: {
    200: {
      description: 'The hits, best first',
      content: {
        'application/json': {
          schema: z.object({ data: z.array(KnowledgeHit) }).meta({ id: 'KnowledgeSearchResult' }),
        },
      },
    },
    ...errors(403, 404),
  },
});

/** Who reads: everything, or the articles open to some audience groups. */
type Reader = { kind: 'all' } | { kind: 'open'; groups: ReadonlySet<AudienceGroup> };

/** The audience groups any of which opens an article to at least one of these people. */
function groupsOpenToAny(members: readonly AudienceMember[]): Set<AudienceGroup> {
  return new Set(
    AudienceGroup.options.filter((group) =>
      members.some((member) => isOpenTo({ audience: [group] }, member)),
    ),
  );
}

/** Every kind of student: what the bot's own token reads for a person it does not know. */
const anyStudent: AudienceMember[] = ProgrammeKind.options.map((programmeKind) => ({
  kind: 'student',
  programmeKind,
}));

async function readerOf(db: Queryable, auth: Auth): Promise<Reader> {
  if (authorize(auth, 'articles', 'read') === 'all') return { kind: 'all' };
  const studentId = ownStudentId(auth);
  if (studentId === undefined) return { kind: 'open', groups: groupsOpenToAny(anyStudent) };
  return { kind: 'open', groups: groupsOpenToAny([await audienceMemberOf(db, studentId)]) };
}

function canRead(reader: Reader, article: Pick<Article, 'audience'>): boolean {
  return reader.kind === 'all' || article.audience.some((group) => reader.groups.has(group));
}

/** The SQL form of `canRead`, answered by the audience GIN index. */
function visibleWhere(reader: Reader): SQL | undefined {
  return reader.kind === 'all' ? undefined : arrayOverlaps(articles.audience, [...reader.groups]);
}

/** `audience=G`: the articles open to the people of group G. */
function audienceWhere(group: AudienceGroup): SQL {
  let members: AudienceMember[];
  if (group === 'staff') members = [{ kind: 'staff' }];
  else if (group === 'public') members = [{ kind: 'guest' }];
  else if (group === 'all_students') members = anyStudent;
  else members = [{ kind: 'student', programmeKind: group }];
  // Open to every one of them: a group that opens the article to all of these people.
  const groups = AudienceGroup.options.filter((candidate) =>
    members.every((member) => isOpenTo({ audience: [candidate] }, member)),
  );
  return arrayOverlaps(articles.audience, groups);
}

export function registerKnowledge(app: App, deps: AppDeps): void {
  const { db } = deps.store;
  // One index per API process, built on the first search and kept in step with the table.
  const knowledge = new KnowledgeBase(db);

  app.openapi(list, async (c) => {
    const reader = await readerOf(db, authOf(c));
    const query = c.req.valid('query');
    const page = await listPage(db, repository, {
      where: [
        visibleWhere(reader),
        query.language === undefined ? undefined : eq(articles.language, query.language),
        query.topic === undefined ? undefined : eq(articles.topic, query.topic),
        query.tag === undefined ? undefined : arrayContains(articles.tags, [query.tag]),
        query.audience === undefined ? undefined : audienceWhere(query.audience),
        query.q === undefined ? undefined : contains(articles.search, query.q),
      ],
      sorts,
      sort: query.sort,
      limit: query.limit,
      cursor: query.cursor,
    });
    return c.json(page, 200);
  });

  app.openapi(get, async (c) => {
    const reader = await readerOf(db, authOf(c));
    const { id } = c.req.valid('param');
    const record = await findRecord(db, repository, id, { where: visibleWhere(reader) });
    if (record === undefined) throw ApiError.notFound(`Article ${id}`);
    c.header('ETag', etagOf(record.version));
    return c.json(record, 200);
  });

  app.openapi(search, async (c) => {
    const reader = await readerOf(db, authOf(c));
    const query = c.req.valid('query');
    const data = await knowledge.search(query.q, {
      lang: query.lang,
      limit: query.limit,
      canRead: (article) => canRead(reader, article),
    });
    return c.json({ data }, 200);
  });

  app.openapi(create, async (c) => {
    authorize(authOf(c), 'articles', 'create');
    const input = c.req.valid('json');
    const now = deps.now().toISOString();
    const record = await createRecord(db, actorOf(c, deps), repository, {
      ...input,
      id: newId('art', Date.parse(now)),
      createdAt: now,
      updatedAt: now,
      version: 1,
    });
    knowledge.put(record);
    c.header('Location', `/v1/knowledge/articles/${record.id}`);
    c.header('ETag', etagOf(record.version));
    return c.json(record, 201);
  });

  app.openapi(patch, async (c) => {
    authorize(authOf(c), 'articles', 'update');
    const { id } = c.req.valid('param');
    const changes = sentFields(c.req.valid('json'));
    const { after } = await changeRecord(db, actorOf(c, deps), repository, id, {
      ifMatch: c.req.valid('header')['if-match'],
      details: { fields: Object.keys(changes) },
      change: (current) => ({ ...current, ...changes }),
    });
    knowledge.put(after);
    c.header('ETag', etagOf(after.version));
    return c.json(after, 200);
  });

  app.openapi(remove, async (c) => {
    authorize(authOf(c), 'articles', 'delete');
    const { id } = c.req.valid('param');
    await removeRecord(db, actorOf(c, deps), repository, id, {
      ifMatch: c.req.valid('header')['if-match'],
    });
    knowledge.forget(id);
    return c.body(null, 204);
  });
}
