import { allTexts, Institution, InstitutionPublicView } from '@passerelle/core';
import { defineRepository, foldText, searchText, spine } from '../db/records';
import { institutions } from '../db/schema';

/** The name institutions sort by: English, else French, else Chinese. */
export function institutionSortName(record: Institution): string {
  return foldText(record.name.en ?? record.name.fr ?? record.name.zh ?? '');
}

export const institutionRepository = defineRepository({
  entity: 'institution',
  table: institutions,
  schema: Institution,
  toRow: (record: Institution) => ({
    ...spine(record, record.createdAt),
    country: record.country,
    stage: record.stage,
    kind: record.kind,
    strategic: record.strategic,
    nameSort: institutionSortName(record),
    search: searchText([...allTexts(record.name), record.shortName, ...record.aliases]),
  }),
});

/** Stages a partner is shown to students and the bot at: the office's partners, current or past. */
export const publicStages = ['partner', 'dormant'] as const;

/** What students and the bot see of an institution (the schema lives in @passerelle/core). */
export { InstitutionPublicView };

export function toInstitutionPublicView(record: Institution): InstitutionPublicView {
  const { id, name, shortName, aliases, country, city, kind, website } = record;
  return {
    id,
    name,
    aliases,
    country,
    city,
    kind,
    ...(shortName === undefined ? {} : { shortName }),
    ...(website === undefined ? {} : { website }),
  };
}
