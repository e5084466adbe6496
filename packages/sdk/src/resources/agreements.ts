import type { AcademicYear, AgreementId, AgreementInput, AgreementStatus } from '@passerelle/core';
import type { APIPromise } from '../api-promise';
import type { RequestOptions, WriteOptions } from '../options';
import type { PagePromise } from '../pagination';
import { path } from '../transport';
import type { AgreementBalance, AgreementListParams, AgreementView } from '../types';
import { one } from '../validation';
import { RecordResource } from './resource';

/** /v1/agreements: agreements with partner institutions, their quotas and status. */
export class Agreements extends RecordResource<{
  record: AgreementView;
  view: AgreementView;
  input: AgreementInput;
  patch: Partial<Omit<AgreementInput, 'status'>>;
  updated: AgreementView;
  params: AgreementListParams;
  id: AgreementId;
}> {
  protected readonly base = '/v1/agreements';
  protected readonly schemas = { record: 'Agreement' } as const;

  /** Moves an agreement along draft → negotiating → signed → active → expired | terminated. */
  transition(
    id: AgreementId,
    body: { to: AgreementStatus },
    options?: WriteOptions,
  ): APIPromise<AgreementView> {
    return this.transport.call({
      method: 'POST',
      path: path`/v1/agreements/${id}/transitions`,
      body,
      options,
      shape: one('Agreement'),
    });
  }

  /**
   * Inbound versus outbound students under the agreement for an academic year (rule 3); the
   * API's current academic year by default. Outbound mobility is not recorded yet.
   */
  balance(
    id: AgreementId,
    params: { academic_year?: AcademicYear | undefined } = {},
    options?: RequestOptions,
  ): APIPromise<AgreementBalance> {
    return this.transport.call({
      method: 'GET',
      path: path`/v1/agreements/${id}/balance`,
      query: params,
      options,
    });
  }

  /** Agreements ending within `withinDays` (default 180, the usual renewal notice). */
  expiring(
    params: Omit<AgreementListParams, 'expiring_within_days'> & { withinDays?: number } = {},
    options?: RequestOptions,
  ): PagePromise<AgreementView> {
    const { withinDays = 180, ...rest } = params;
    return this.list({ ...rest, expiring_within_days: withinDays }, options);
  }
}
