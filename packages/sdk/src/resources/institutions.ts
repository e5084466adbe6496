import type { Institution, InstitutionId, InstitutionInput } from '@passerelle/core';
import type { InstitutionListParams, InstitutionPublicView } from '../types';
import { RecordResource } from './resource';

/**
 * /v1/institutions: partner institutions. Staff see everything; students and the bot see
 * partners only (stage partner or dormant), as an `InstitutionPublicView`.
 */
export class Institutions extends RecordResource<{
  record: Institution;
  view: InstitutionPublicView;
  input: InstitutionInput;
  patch: Partial<InstitutionInput>;
  updated: Institution;
  params: InstitutionListParams;
  id: InstitutionId;
}> {
  protected readonly base = '/v1/institutions';
  protected readonly schemas = { record: 'Institution', view: 'InstitutionPublicView' } as const;
}
