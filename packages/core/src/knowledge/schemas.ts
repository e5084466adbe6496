import { z } from 'zod';
import { AudienceGroup } from '../events/schemas';
import { ArticleId, CalendarDate, Language, recordFields, Tag } from '../shared';

/**
 * An article of the International Student Survival Guide or the office's FAQ, in one language.
 * Translations of one article share a `topic`.
 */
export const ArticleInput = z.object({
  topic: z
    .string()
    .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'must be a slug such as "residence-permit"')
    .max(80),
  language: Language,
  title: z.string().trim().min(1).max(200),
  body: z.string().trim().min(1).max(50_000),
  tags: z.array(Tag).max(30).default([]),
  audience: z.array(AudienceGroup).min(1).max(10).default(['all_students']),
  lastReviewedOn: CalendarDate,
});
export type ArticleInput = z.input<typeof ArticleInput>;
export const Article = ArticleInput.extend({ id: ArticleId, ...recordFields }).meta({
  id: 'Article',
});
export type Article = z.infer<typeof Article>;
