import { Staff } from '@passerelle/core';
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

/** What students see of a member of staff: who they are and how to reach them. */
export const StaffPublicView = Staff.pick({
  id: true,
  name: true,
  email: true,
  unit: true,
  title: true,
  languages: true,
}).meta({ id: 'StaffPublicView' });
