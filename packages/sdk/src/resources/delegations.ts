import type {
  Delegation,
  DelegationId,
  DelegationInput,
  DelegationStatus,
  FollowUpId,
  FollowUpInput,
  ItineraryItemId,
  ItineraryItemInput,
  OpenFollowUp,
  OutcomeId,
  OutcomeInput,
} from '@passerelle/core';
import type { APIPromise } from '../api-promise';
import type { RequestOptions, WriteOptions } from '../options';
import { path } from '../transport';
import type { DelegationListParams, DelegationValidation } from '../types';
import { items, one } from '../validation';
import { RecordResource, Resource } from './resource';

/** /v1/delegations/{id}/itinerary: what the delegation does, where and when. */
export class Itinerary extends Resource {
  /** Adds an item; answers the delegation with its new version. */
  add(id: DelegationId, item: ItineraryItemInput, options?: WriteOptions): APIPromise<Delegation> {
    return this.transport.call({
      method: 'POST',
      path: path`/v1/delegations/${id}/itinerary`,
      body: item,
      options,
      shape: one('Delegation'),
    });
  }

  update(
    id: DelegationId,
    itemId: ItineraryItemId,
    patch: Partial<ItineraryItemInput>,
    options?: WriteOptions,
  ): APIPromise<Delegation> {
    return this.transport.call({
      method: 'PATCH',
      path: path`/v1/delegations/${id}/itinerary/${itemId}`,
      body: patch,
      options,
      shape: one('Delegation'),
    });
  }

  remove(id: DelegationId, itemId: ItineraryItemId, options?: WriteOptions): APIPromise<void> {
    return this.transport.call({
      method: 'DELETE',
      path: path`/v1/delegations/${id}/itinerary/${itemId}`,
      options,
    });
  }
}

/** /v1/delegations/{id}/outcomes: what the delegation reached. */
export class Outcomes extends Resource {
  add(id: DelegationId, outcome: OutcomeInput, options?: WriteOptions): APIPromise<Delegation> {
    return this.transport.call({
      method: 'POST',
      path: path`/v1/delegations/${id}/outcomes`,
      body: outcome,
      options,
      shape: one('Delegation'),
    });
  }

  /** Changes an outcome; its follow-ups change through `followUps.add` and `followUps.update`. */
  update(
    id: DelegationId,
    outcomeId: OutcomeId,
    patch: Partial<Omit<OutcomeInput, 'followUps'>>,
    options?: WriteOptions,
  ): APIPromise<Delegation> {
    return this.transport.call({
      method: 'PATCH',
      path: path`/v1/delegations/${id}/outcomes/${outcomeId}`,
      body: patch,
      options,
      shape: one('Delegation'),
    });
  }

  remove(id: DelegationId, outcomeId: OutcomeId, options?: WriteOptions): APIPromise<void> {
    return this.transport.call({
      method: 'DELETE',
      path: path`/v1/delegations/${id}/outcomes/${outcomeId}`,
      options,
    });
  }
}

/** Follow-up actions of a delegation's outcomes. */
export class FollowUps extends Resource {
  /** The follow-ups still to do (not done nor cancelled), earliest due first. */
  async list(id: DelegationId, options?: RequestOptions): Promise<OpenFollowUp[]> {
    const answer = await this.transport.call<{ data: OpenFollowUp[] }>({
      method: 'GET',
      path: path`/v1/delegations/${id}/follow-ups`,
      options,
      shape: items('FollowUp'),
    });
    return answer.data;
  }

  add(
    id: DelegationId,
    outcomeId: OutcomeId,
    followUp: FollowUpInput,
    options?: WriteOptions,
  ): APIPromise<Delegation> {
    return this.transport.call({
      method: 'POST',
      path: path`/v1/delegations/${id}/outcomes/${outcomeId}/follow-ups`,
      body: followUp,
      options,
      shape: one('Delegation'),
    });
  }

  update(
    id: DelegationId,
    outcomeId: OutcomeId,
    followUpId: FollowUpId,
    patch: Partial<FollowUpInput>,
    options?: WriteOptions,
  ): APIPromise<Delegation> {
    return this.transport.call({
      method: 'PATCH',
      path: path`/v1/delegations/${id}/outcomes/${outcomeId}/follow-ups/${followUpId}`,
      body: patch,
      options,
      shape: one('Delegation'),
    });
  }
}

/** /v1/delegations: inbound visits to us and outbound visits by us. */
export class Delegations extends RecordResource<{
  record: Delegation;
  view: Delegation;
  input: DelegationInput;
  patch: Partial<Omit<DelegationInput, 'status'>>;
  updated: Delegation;
  params: DelegationListParams;
  id: DelegationId;
}> {
  protected readonly base = '/v1/delegations';
  protected readonly schemas = { record: 'Delegation' } as const;

  readonly itinerary: Itinerary = new Itinerary(this.transport);
  readonly outcomes: Outcomes = new Outcomes(this.transport);
  readonly followUps: FollowUps = new FollowUps(this.transport);

  /** Moves a delegation along planned → approved → underway → completed (or cancelled). */
  transition(
    id: DelegationId,
    body: { to: DelegationStatus },
    options?: WriteOptions,
  ): APIPromise<Delegation> {
    return this.transport.call({
      method: 'POST',
      path: path`/v1/delegations/${id}/transitions`,
      body,
      options,
      shape: one('Delegation'),
    });
  }

  /**
   * Checks rule 6: itinerary items inside the delegation's dates, nobody in two places at
   * once, nobody in two overlapping delegations. Lists every conflict.
   */
  validate(id: DelegationId, options?: RequestOptions): APIPromise<DelegationValidation> {
    return this.transport.call({
      method: 'GET',
      path: path`/v1/delegations/${id}/validation`,
      options,
    });
  }
}
