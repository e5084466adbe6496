import type {
  Event,
  EventId,
  EventInput,
  Participant,
  Registration,
  RegistrationId,
  WorkshopSlot,
} from '@passerelle/core';
import type { APIPromise } from '../api-promise';
import type { RequestOptions, WriteOptions } from '../options';
import type { PagePromise } from '../pagination';
import { path } from '../transport';
import type {
  EventListParams,
  EventView,
  RegistrationListParams,
  WorkshopSlotParams,
} from '../types';
import { items, one, page } from '../validation';
import { RecordResource, Resource } from './resource';

/** /v1/events/{id}/registrations */
export class EventRegistrations extends Resource {
  /** Registrations of an event, in arrival order (a student sees only their own). */
  list(
    eventId: EventId,
    params?: RegistrationListParams,
    options?: RequestOptions,
  ): PagePromise<Registration> {
    return this.transport.list({
      method: 'GET',
      path: path`/v1/events/${eventId}/registrations`,
      query: params,
      options,
      shape: page('Registration'),
    });
  }

  /**
   * The caller's own registrations across events, newest first (`GET /v1/me/registrations`):
   * a student's, the student's a service acts for, or a member of staff's own.
   */
  mine(
    params?: RegistrationListParams & { sort?: 'created' | '-created' | undefined },
    options?: RequestOptions,
  ): PagePromise<Registration> {
    return this.transport.list({
      method: 'GET',
      path: '/v1/me/registrations',
      query: params,
      options,
      shape: page('Registration'),
    });
  }
}

/**
 * /v1/events: cultural events, seminars, summer schools, orientations, online workshops.
 * Registration follows rule 7: beyond capacity to a first-come waitlist, no double
 * registration, only inside the registration window.
 */
export class Events extends RecordResource<{
  record: Event;
  view: EventView;
  input: EventInput;
  patch: Partial<EventInput>;
  updated: Event;
  params: EventListParams;
  id: EventId;
}> {
  protected readonly base = '/v1/events';
  protected readonly schemas = { record: 'Event' } as const;

  readonly registrations: EventRegistrations = new EventRegistrations(this.transport);

  /** A page of events, each with its `registration` summary for the caller. */
  override list(params?: EventListParams, options?: RequestOptions): PagePromise<EventView> {
    return super.list(params, options) as PagePromise<EventView>;
  }

  /** An event with its `registration` summary: places taken, waitlist, the caller's own. */
  override get(id: EventId, options?: RequestOptions): APIPromise<EventView> {
    return super.get(id, options) as APIPromise<EventView>;
  }

  /**
   * Registers someone: `registered`, or `waitlisted` when the event is full. Without a
   * participant, the caller registers themself (a student, or the person a service acts for).
   */
  register(
    eventId: EventId,
    body: { participant?: Participant | undefined } = {},
    options?: RequestOptions,
  ): APIPromise<Registration> {
    return this.transport.call({
      method: 'POST',
      path: path`/v1/events/${eventId}/registrations`,
      body,
      options,
      shape: one('Registration'),
    });
  }

  /** Cancels a registration; the first waitlisted person takes the place. */
  cancelRegistration(
    eventId: EventId,
    registrationId: RegistrationId,
    options?: WriteOptions,
  ): APIPromise<Registration> {
    return this.transport.call({
      method: 'DELETE',
      path: path`/v1/events/${eventId}/registrations/${registrationId}`,
      options,
      shape: one('Registration'),
    });
  }

  /** Records whether a registered person came (staff). */
  attendance(
    eventId: EventId,
    registrationId: RegistrationId,
    body: { status: 'attended' | 'no_show' },
    options?: WriteOptions,
  ): APIPromise<Registration> {
    return this.transport.call({
      method: 'POST',
      path: path`/v1/events/${eventId}/registrations/${registrationId}/attendance`,
      body,
      options,
      shape: one('Registration'),
    });
  }

  /** Online-workshop slots inside both campuses' working hours on weekdays (rule 8). */
  async slots(params: WorkshopSlotParams, options?: RequestOptions): Promise<WorkshopSlot[]> {
    const answer = await this.transport.call<{ data: WorkshopSlot[] }>({
      method: 'GET',
      path: '/v1/workshops/slots',
      query: params,
      options,
      shape: items(),
    });
    return answer.data;
  }
}
