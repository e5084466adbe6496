/**
 * /v1/reminders: the daily run, what a bot claims and acknowledges, and the list for staff;
 * /v1/me/reminders: the caller's own choice, reminders on or off.
 */
import type {
  CalendarDate,
  ClaimedReminder,
  Reminder,
  ReminderChannel,
  ReminderKind,
  ReminderPreference,
  ReminderRun,
  ReminderStatus,
} from '@passerelle/core';
import type { APIPromise } from '../api-promise';
import type { RequestOptions } from '../options';
import type { PagePromise } from '../pagination';
import { path } from '../transport';
import { items, one, page } from '../validation';
import { Resource } from './resource';

export interface ReminderListParams {
  status?: ReminderStatus | undefined;
  kind?: ReminderKind | undefined;
  /** `student:stu_…` or `staff:stf_…`. */
  recipient?: string | undefined;
  limit?: number | undefined;
  cursor?: string | undefined;
}

export interface ReminderClaimParams {
  channel: ReminderChannel;
  /** 1 to 100 (default 20). */
  limit?: number | undefined;
}

export interface ReminderFailure {
  /** What went wrong, for staff reading the list. */
  error: string;
  /** `false` when trying again cannot help: the reminder fails at once (default true). */
  retry?: boolean | undefined;
}

export class Reminders extends Resource {
  /**
   * Runs the daily computation now for a date (default: today at the office); admin or
   * service. `ran: false` when another instance was computing; a second run creates nothing.
   */
  run(params: { date?: CalendarDate } = {}, options?: RequestOptions): APIPromise<ReminderRun> {
    return this.transport.call({
      method: 'POST',
      path: '/v1/reminders/run',
      body: params,
      options,
      shape: one('ReminderRun'),
    });
  }

  /**
   * Claims pending reminders of a channel with where and in which language to send them
   * (service). Claimers at once never share a reminder; one not acknowledged before its lease
   * ends is claimed again (at least once).
   */
  claim(
    params: ReminderClaimParams,
    options?: RequestOptions,
  ): APIPromise<{ data: ClaimedReminder[] }> {
    return this.transport.call({
      method: 'POST',
      path: '/v1/reminders/claim',
      body: params,
      options,
      shape: items('ClaimedReminder'),
    });
  }

  /** Reports a claimed reminder sent (service); saying it twice is harmless. */
  delivered(id: string, options?: RequestOptions): APIPromise<Reminder> {
    return this.transport.call({
      method: 'POST',
      path: path`/v1/reminders/${id}/delivered`,
      options,
      shape: one('Reminder'),
    });
  }

  /** Reports a failed delivery (service): tried again later unless `retry: false`. */
  failed(id: string, failure: ReminderFailure, options?: RequestOptions): APIPromise<Reminder> {
    return this.transport.call({
      method: 'POST',
      path: path`/v1/reminders/${id}/failed`,
      body: failure,
      options,
      shape: one('Reminder'),
    });
  }

  /** Reminders, newest first (staff, admin). */
  list(params?: ReminderListParams, options?: RequestOptions): PagePromise<Reminder> {
    return this.transport.list({
      method: 'GET',
      path: '/v1/reminders',
      query: params,
      options,
      shape: page('Reminder'),
    });
  }

  /** Whether the caller (or the person a service acts for) gets reminders. */
  preference(options?: RequestOptions): APIPromise<ReminderPreference> {
    return this.transport.call({
      method: 'GET',
      path: '/v1/me/reminders',
      options,
      shape: one('ReminderPreference'),
    });
  }

  /** Turns the caller's reminders on or off; off also skips what is still pending for them. */
  setPreference(
    preference: ReminderPreference,
    options?: RequestOptions,
  ): APIPromise<ReminderPreference> {
    return this.transport.call({
      method: 'PUT',
      path: '/v1/me/reminders',
      body: preference,
      options,
      shape: one('ReminderPreference'),
    });
  }
}
