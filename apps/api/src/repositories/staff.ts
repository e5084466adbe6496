import { Staff, StaffPublicView } from '@passerelle/core';
import { defineRepository, foldText, searchText, spine } from '../db/records';
import { staff } from '../db/schema';

export const staffRepository = defineRepository({
  entity: 'staff',
  table: staff,
  schema: Staff,
  toRow: (record: Staff) => ({
    ...spine(record, record.createdAt),
    role: record.role,
    email: record.email.toLowerCase(),
    nameSort: foldText(record.name),
    search: searchText([record.name, record.email, record.title, record.unit]),
  }),
});

/** What students see of a member of staff (the schema lives in @passerelle/core). */
export { StaffPublicView };
