/**
 * The daily reminder run inside the API process: at `REMINDERS_AT` in the office time zone,
 * and once at start-up when today's time has already passed (a restart after the hour must not
 * skip the day; a run that already happened adds nothing). With several API instances each
 * schedules its own run: the advisory lock lets one compute, the unique key makes a late one a
 * no-op (reminders/run.ts). `REMINDERS=off` turns the schedule off.
 */
import { addDays, type CalendarDate, today, zonedTimeToInstant } from '@passerelle/core';
import type { Config } from '../config';
import type { Db } from '../db/store';
import { type Logger, safeError } from '../logger';
import { runReminders } from './run';

/** The next instant the wall clock in `timeZone` shows `at` (`HH:MM`), strictly after `now`. */
export function nextRunAt(now: Date, at: string, timeZone: string): Date {
  const [hour = 0, minute = 0] = at.split(':').map(Number);
  const date: CalendarDate = today(now, timeZone);
  const todays = zonedTimeToInstant(date, hour, minute, timeZone);
  return todays > now ? todays : zonedTimeToInstant(addDays(date, 1), hour, minute, timeZone);
}

/** True when today's run time (office time zone) has passed. */
export function dueToday(now: Date, at: string, timeZone: string): boolean {
  const [hour = 0, minute = 0] = at.split(':').map(Number);
  return zonedTimeToInstant(today(now, timeZone), hour, minute, timeZone) <= now;
}

export interface ReminderSchedule {
  stop(): void;
}

export interface ScheduleOptions {
  db: Db;
  config: Pick<Config, 'REMINDERS' | 'REMINDERS_AT' | 'OFFICE_TIME_ZONE'>;
  logger: Logger;
  now?: () => Date;
}

/** Starts the daily run; `undefined` when `REMINDERS=off`. */
export function scheduleReminders(options: ScheduleOptions): ReminderSchedule | undefined {
  const { db, config, logger } = options;
  if (config.REMINDERS === 'off') return undefined;
  const now = options.now ?? (() => new Date());
  const timeZone = config.OFFICE_TIME_ZONE;
  let timer: NodeJS.Timeout | undefined;
  let stopped = false;

  const runNow = async () => {
    const date = today(now(), timeZone);
    try {
      const result = await runReminders(db, { date, timeZone, now: now() });
      logger.info({ reminders: result }, 'reminder run');
    } catch (error) {
      logger.error({ err: safeError(error) }, 'reminder run failed');
    }
  };
  const plan = () => {
    if (stopped) return;
    const delay = Math.max(
      0,
      nextRunAt(now(), config.REMINDERS_AT, timeZone).getTime() - now().getTime(),
    );
    timer = setTimeout(() => {
      void runNow().finally(plan);
    }, delay);
    timer.unref();
  };

  if (dueToday(now(), config.REMINDERS_AT, timeZone)) void runNow().finally(plan);
  else plan();
  return {
    stop() {
      stopped = true;
      if (timer !== undefined) clearTimeout(timer);
    },
  };
}
