import { addDays, type CalendarDate, dateInZone } from '../shared';
import type { DocumentAlert } from '../students/rules';
import type { ReminderChannel, ReminderRecipient } from './schemas';

/** True when an instant falls on the day after `date` in `timeZone` (the office's). */
export function isTomorrow(start: string, date: CalendarDate, timeZone: string): boolean {
  return dateInZone(start, timeZone) === addDays(date, 1);
}

/**
 * The period of a document reminder: its expiry and how urgent it is, so a student hears once
 * when a document expires before their programme ends, once when it expires soon, and once
 * when it has expired, and never twice at the same stage.
 */
export function documentReminderPeriod(alert: Pick<DocumentAlert, 'expiry' | 'reason'>): string {
  return `${alert.expiry}/${alert.reason}`;
}

/** Students are reminded on WeChat, staff on Slack. */
export function reminderChannel(recipient: Pick<ReminderRecipient, 'kind'>): ReminderChannel {
  return recipient.kind === 'student' ? 'wechat' : 'slack';
}
