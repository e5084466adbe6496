import { Agreement, allTexts } from '@passerelle/core';
import { defineRepository, foldText, searchText, spine } from '../db/records';
import { agreements } from '../db/schema';

export const agreementRepository = defineRepository({
  entity: 'agreement',
  table: agreements,
  schema: Agreement,
  toRow: (record: Agreement) => ({
    ...spine(record, record.createdAt),
    kind: record.kind,
    status: record.status,
    startDate: record.startDate ?? null,
    endDate: record.endDate ?? null,
    institutionIds: record.institutionIds,
    titleSort: foldText(record.title.en ?? record.title.fr ?? record.title.zh ?? ''),
    search: searchText([...allTexts(record.title), record.partnerReference]),
  }),
});
