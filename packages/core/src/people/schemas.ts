import { z } from 'zod';
import { Email, recordFields, ShortText, StaffId } from '../shared';

export const StaffRole = z.enum(['admin', 'staff']).meta({ id: 'StaffRole' });
export type StaffRole = z.infer<typeof StaffRole>;

/** A member of the office or of an institute's international team. */
export const StaffInput = z.object({
  name: ShortText,
  email: Email,
  role: StaffRole.default('staff'),
  unit: ShortText.default('International Affairs Office'),
  title: ShortText.optional(),
  languages: z
    .array(z.enum(['en', 'zh', 'fr']))
    .max(3)
    .default([]),
});
export type StaffInput = z.input<typeof StaffInput>;

export const Staff = StaffInput.extend({ id: StaffId, ...recordFields }).meta({ id: 'Staff' });
export type Staff = z.infer<typeof Staff>;

/** What students see of a member of staff: who they are and how to reach them. */
export const StaffPublicView = Staff.pick({
  id: true,
  name: true,
  email: true,
  unit: true,
  title: true,
  languages: true,
}).meta({ id: 'StaffPublicView' });
export type StaffPublicView = z.infer<typeof StaffPublicView>;
