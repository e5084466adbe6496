import type {
  Award,
  AwardId,
  AwardInput,
  Publication,
  PublicationId,
  PublicationInput,
  Staff,
  StaffId,
  StaffInput,
} from '@passerelle/core';
import type {
  AwardListParams,
  PublicationListParams,
  StaffListParams,
  StaffPublicView,
} from '../types';
import { RecordResource } from './resource';

/**
 * /v1/staff: members of the office and of the institutes' international teams. Students get
 * the public view (name, title, unit, email, languages).
 */
export class StaffMembers extends RecordResource<{
  record: Staff;
  view: StaffPublicView;
  input: StaffInput;
  patch: Partial<StaffInput>;
  updated: Staff;
  params: StaffListParams;
  id: StaffId;
}> {
  protected readonly base = '/v1/staff';
  protected readonly schemas = { record: 'Staff', view: 'StaffPublicView' } as const;
}

/** /v1/publications: articles published about the office's work. */
export class Publications extends RecordResource<{
  record: Publication;
  view: Publication;
  input: PublicationInput;
  patch: Partial<PublicationInput>;
  updated: Publication;
  params: PublicationListParams;
  id: PublicationId;
}> {
  protected readonly base = '/v1/publications';
  protected readonly schemas = { record: 'Publication' } as const;
}

/** /v1/awards: recognitions handed out at the year-end review. */
export class Awards extends RecordResource<{
  record: Award;
  view: Award;
  input: AwardInput;
  patch: Partial<AwardInput>;
  updated: Award;
  params: AwardListParams;
  id: AwardId;
}> {
  protected readonly base = '/v1/awards';
  protected readonly schemas = { record: 'Award' } as const;
}
