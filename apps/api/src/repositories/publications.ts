import { Award, allTexts, Publication } from '@passerelle/core';
import { defineRepository, foldText, searchText, spine } from '../db/records';
import { awards, publications } from '../db/schema';

export const publicationRepository = defineRepository({
  entity: 'publication',
  table: publications,
  schema: Publication,
  toRow: (record: Publication) => ({
    ...spine(record, record.createdAt),
    channel: record.channel,
    publishedOn: record.publishedOn,
    titleSort: foldText(record.title.en ?? record.title.fr ?? record.title.zh ?? ''),
    search: searchText([...allTexts(record.title), record.channel, ...record.tags]),
  }),
});

export const awardRepository = defineRepository({
  entity: 'award',
  table: awards,
  schema: Award,
  toRow: (record: Award) => ({
    ...spine(record, record.createdAt),
    year: record.year,
    category: record.category,
    search: searchText([record.person, record.category]),
  }),
});
