import { allTexts, Delegation, type InstitutionId } from '@passerelle/core';
import { defineRepository, foldText, searchText, spine } from '../db/records';
import { delegations } from '../db/schema';

/**
 * The institutions a delegation visits or comes from: those it names, and those of its
 * itinerary items (a meeting at a school not on the list still counts as a visit), each once.
 */
export function delegationInstitutionIds(record: Delegation): InstitutionId[] {
  const itemInstitutions = record.itinerary.flatMap((item) =>
    item.institutionId === undefined ? [] : [item.institutionId],
  );
  return [...new Set([...record.institutionIds, ...itemInstitutions])];
}

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
    institutionIds: delegationInstitutionIds(record),
    countries: record.countries,
    titleSort: foldText(record.title.en ?? record.title.fr ?? record.title.zh ?? ''),
    search: searchText([
      ...allTexts(record.title),
      record.leader.name,
      ...record.members.map((member) => member.name),
    ]),
  }),
});
