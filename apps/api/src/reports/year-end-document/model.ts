/**
 * What the year-end document shows: core's review of the year, the delegations of the year
 * month by month (which the review counts only per year), and the day the figures were read.
 */
import type { CalendarDate, Delegation, YearEndReview } from '@passerelle/core';

/** The delegations that started in one month of the year, by direction. */
export interface MonthDelegations {
  /** 1 to 12. */
  month: number;
  inbound: number;
  outbound: number;
}

export interface YearEndDocument {
  review: YearEndReview;
  /** Twelve entries, January first. */
  delegationsByMonth: readonly MonthDelegations[];
  /** "Today" in the office's time zone when the document was made. */
  asOf: CalendarDate;
}

/**
 * The delegations of `year` per month of their start date, cancelled ones left out: the same
 * delegations the review counts, so the months add up to its inbound and outbound figures.
 */
export function delegationsByMonth(
  delegations: readonly Pick<Delegation, 'direction' | 'status' | 'startDate'>[],
  year: number,
): MonthDelegations[] {
  const months = Array.from({ length: 12 }, (_, index) => ({
    month: index + 1,
    inbound: 0,
    outbound: 0,
  }));
  for (const delegation of delegations) {
    if (delegation.status === 'cancelled') continue;
    if (Number(delegation.startDate.slice(0, 4)) !== year) continue;
    const entry = months[Number(delegation.startDate.slice(5, 7)) - 1];
    if (entry === undefined) continue;
    entry[delegation.direction] += 1;
  }
  return months;
}

/** True while the reviewed year is not over on the office's calendar. */
export function yearInProgress(document: YearEndDocument): boolean {
  return document.asOf <= `${document.review.year}-12-31`;
}
