import { Article } from '@passerelle/core';
import { defineRepository, foldText, searchText, spine } from '../db/records';
import { articles } from '../db/schema';

export const articleRepository = defineRepository({
  entity: 'article',
  table: articles,
  schema: Article,
  toRow: (record: Article) => ({
    ...spine(record, record.createdAt),
    topic: record.topic,
    language: record.language,
    audience: record.audience,
    tags: record.tags,
    titleSort: foldText(record.title),
    search: searchText([record.title, record.topic, ...record.tags]),
  }),
});
