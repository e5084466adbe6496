import { allTexts, Delegation } from '@passerelle/core';
import { defineRepository, foldText, searchText, spine } from '../db/records';
import { delegations } from '../db/schema';

export const delegationRepository = defineRepository({
  entity: 'delegation',
  table: delegations,
  schema: Delegation,
  toRow: (record: Delegation) => ({
    ...spine(record, record.createdAt),
    direction: record.direction,
    status: record.status,
    startDate: record.startDate,
    endDate: record.endDate,
    institutionIds: record.institutionIds,
    countries: record.countries,
    titleSort: foldText(record.title.en ?? record.title.fr ?? record.title.zh ?? ''),
    search: searchText([
      ...allTexts(record.title),
      record.leader.name,
      ...record.members.map((member) => member.name),
    ]),
  }),
});
