import type { Institution, InstitutionId, InstitutionInput } from '@passerelle/core';
import type { APIPromise } from '../api-promise';
import type { RequestOptions } from '../options';
import { path } from '../transport';
import type { InstitutionListParams, InstitutionOverview, InstitutionPublicView } from '../types';
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

  /**
   * A partner's page in one request (staff and admins): the institution, every agreement it is
   * party to, with its status today, and every delegation to or from it — what `get`,
   * `agreements.list({ institution_id })` and `delegations.list({ institution_id })` answer
   * together.
   */
  overview(id: InstitutionId, options?: RequestOptions): APIPromise<InstitutionOverview> {
    return this.transport.call({
      method: 'GET',
      path: path`/v1/institutions/${id}/overview`,
      options,
    });
  }
}
