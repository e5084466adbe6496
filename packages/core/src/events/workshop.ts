import { z } from 'zod';
import {
  addDays,
  CalendarDate,
  dateInZone,
  daysBetween,
  fail,
  Instant,
  isoWeekday,
  isTimeZone,
  isValidDate,
  type Language,
  type Messages,
  pickText,
  TimeZone,
  type Violation,
  zonedParts,
  zonedTimeToInstant,
} from '../shared';
import type { Panel } from './schemas';

/** Local working hours of a campus, as hours of the day (9 and 18 mean 09:00–18:00). */
export interface WorkingHours {
  start: number;
  end: number;
}

export const defaultWorkingHours: WorkingHours = { start: 9, end: 18 };

/** Rule 8: a workshop lasts 2.5 to 3 hours, a panel 30 to 40 minutes. */
export const workshopDurationLimits = { min: 150, max: 180 } as const;
export const panelDurationLimits = { min: 30, max: 40 } as const;

const MINUTE_MS = 60_000;

const violation = (rule: string, message: Messages, data: Record<string, unknown>): Violation =>
  fail(rule, message, data).violation;

const pad2 = (value: number): string => String(value).padStart(2, '0');

/** `HH:MM` for a number of minutes after midnight. */
const clock = (minutes: number): string =>
  `${pad2(Math.floor(minutes / 60))}:${pad2(minutes % 60)}`;

function localClock(instant: Date, timeZone: string): string {
  const p = zonedParts(instant, timeZone);
  return `${pad2(p.hour)}:${pad2(p.minute)}`;
}

function toInstant(value: Date | string, name: string): Date {
  const instant = new Date(value);
  if (Number.isNaN(instant.getTime())) throw new RangeError(`${name} is not a valid instant`);
  return instant;
}

function checkTimeZone(timeZone: string): void {
  if (!isTimeZone(timeZone)) throw new RangeError(`"${timeZone}" is not an IANA time zone`);
}

/** Working hours as minutes after midnight; refuses hours that make no day. */
function workingMinutes(hours: WorkingHours): { start: number; end: number } {
  const start = Math.round(hours.start * 60);
  const end = Math.round(hours.end * 60);
  if (!Number.isFinite(start) || !Number.isFinite(end) || start < 0 || end > 1440 || start >= end) {
    throw new RangeError('working hours must satisfy 0 <= start < end <= 24');
  }
  return { start, end };
}

interface Interval {
  start: number;
  end: number;
}

/** The working hours of one local day, as instants (daylight saving included). */
function workingWindow(
  date: CalendarDate,
  timeZone: string,
  minutes: { start: number; end: number },
): Interval {
  const at = (m: number) =>
    zonedTimeToInstant(date, Math.floor(m / 60), m % 60, timeZone).getTime();
  return { start: at(minutes.start), end: at(minutes.end) };
}

const weekdays: Record<Language, readonly string[]> = {
  en: ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'],
  zh: ['星期一', '星期二', '星期三', '星期四', '星期五', '星期六', '星期日'],
  fr: ['lundi', 'mardi', 'mercredi', 'jeudi', 'vendredi', 'samedi', 'dimanche'],
};

const weekdayName = (date: CalendarDate, language: Language): string =>
  weekdays[language][isoWeekday(date) - 1] ?? '';

function panelLabel(panel: Panel, index: number, language: Language): string {
  return `#${index + 1} "${pickText(panel.title, language)}"`;
}

/**
 * Rule 8: a workshop lasts 150 to 180 minutes; panels last 30 to 40 minutes, fit inside it and
 * do not overlap on one track; the whole workshop lies within working hours on a weekday in
 * both campuses' time zones. Returns every violation. Throws a RangeError for an instant or
 * time zone that cannot be read.
 */
export function validateWorkshop(input: {
  start: Date | string;
  end: Date | string;
  panels: readonly Panel[];
  campusTimeZone: string;
  partnerTimeZone: string;
  workingHours?: WorkingHours;
}): Violation[] {
  const start = toInstant(input.start, 'start');
  const end = toInstant(input.end, 'end');
  checkTimeZone(input.campusTimeZone);
  checkTimeZone(input.partnerTimeZone);
  const hours = workingMinutes(input.workingHours ?? defaultWorkingHours);
  const out: Violation[] = [];

  const minutes = (end.getTime() - start.getTime()) / MINUTE_MS;
  if (minutes < workshopDurationLimits.min || minutes > workshopDurationLimits.max) {
    out.push(
      violation(
        'workshop.duration_out_of_range',
        {
          en: `A workshop lasts 150 to 180 minutes; this one lasts ${minutes}.`,
          zh: `研讨会时长应为 150 至 180 分钟；此研讨会为 ${minutes} 分钟。`,
          fr: `Un atelier dure de 150 à 180 minutes ; celui-ci dure ${minutes} minutes.`,
        },
        { minutes, ...workshopDurationLimits },
      ),
    );
  }

  input.panels.forEach((panel, index) => {
    const panelStart = Date.parse(panel.start);
    const panelEnd = Date.parse(panel.end);
    const length = (panelEnd - panelStart) / MINUTE_MS;
    const label = (language: Language) => panelLabel(panel, index, language);
    if (length < panelDurationLimits.min || length > panelDurationLimits.max) {
      out.push(
        violation(
          'workshop.panel_duration_out_of_range',
          {
            en: `Panel ${label('en')} lasts ${length} minutes; a panel lasts 30 to 40 minutes.`,
            zh: `分组 ${label('zh')} 时长为 ${length} 分钟；每个分组应为 30 至 40 分钟。`,
            fr: `Le panel ${label('fr')} dure ${length} minutes ; un panel dure de 30 à 40 minutes.`,
          },
          { panel: index, minutes: length, ...panelDurationLimits },
        ),
      );
    }
    if (panelStart < start.getTime() || panelEnd > end.getTime()) {
      out.push(
        violation(
          'workshop.panel_outside_workshop',
          {
            en: `Panel ${label('en')} runs outside the workshop.`,
            zh: `分组 ${label('zh')} 超出了研讨会的时间。`,
            fr: `Le panel ${label('fr')} déborde de l'atelier.`,
          },
          {
            panel: index,
            panelStart: panel.start,
            panelEnd: panel.end,
            workshopStart: start.toISOString(),
            workshopEnd: end.toISOString(),
          },
        ),
      );
    }
  });

  input.panels.forEach((a, i) => {
    input.panels.forEach((b, j) => {
      if (j <= i || a.track !== b.track) return;
      if (!(Date.parse(a.start) < Date.parse(b.end) && Date.parse(b.start) < Date.parse(a.end))) {
        return;
      }
      const both = (language: Language) =>
        `${panelLabel(a, i, language)} / ${panelLabel(b, j, language)}`;
      out.push(
        violation(
          'workshop.panels_overlap',
          {
            en: `Panels ${both('en')} overlap on track ${a.track}.`,
            zh: `分组 ${both('zh')} 在第 ${a.track} 轨道上时间重叠。`,
            fr: `Les panels ${both('fr')} se chevauchent sur la piste ${a.track}.`,
          },
          { panels: [i, j], track: a.track },
        ),
      );
    });
  });

  const zones = [...new Set([input.campusTimeZone, input.partnerTimeZone])];
  for (const timeZone of zones) {
    const date = dateInZone(start, timeZone);
    const window = workingWindow(date, timeZone, hours);
    const weekday = isoWeekday(date);
    if (weekday <= 5 && start.getTime() >= window.start && end.getTime() <= window.end) continue;
    const localStart = localClock(start, timeZone);
    const localEnd = localClock(end, timeZone);
    const localEndDate = dateInZone(end, timeZone);
    const range = `${clock(hours.start)}–${clock(hours.end)}`;
    const shown = (language: Language) =>
      `${date} (${weekdayName(date, language)}) ${localStart}–${localEndDate === date ? '' : `${localEndDate} `}${localEnd}`;
    out.push(
      violation(
        'workshop.outside_working_hours',
        {
          en: `In ${timeZone} the workshop runs ${shown('en')}; it must lie within ${range} on a weekday.`,
          zh: `在 ${timeZone} 时区，研讨会时间为 ${shown('zh')}；必须在工作日的 ${range} 之内。`,
          fr: `Dans le fuseau ${timeZone}, l'atelier a lieu ${shown('fr')} ; il doit se tenir entre ${range} un jour ouvré.`,
        },
        {
          timeZone,
          localDate: date,
          weekday,
          localStart,
          localEnd,
          localEndDate,
          workingHours: { start: clock(hours.start), end: clock(hours.end) },
        },
      ),
    );
  }
  return out;
}

/** A proposed workshop slot: UTC instants, and the slot as each campus reads it on its clock. */
export const WorkshopSlot = z
  .object({
    start: Instant,
    end: Instant,
    local: z
      .array(
        z.object({
          timeZone: TimeZone,
          date: CalendarDate,
          start: z.string().meta({ example: '15:00' }),
          end: z.string().meta({ example: '17:30' }),
        }),
      )
      .meta({ description: 'The slot on each campus clock, in the order the zones were given.' }),
  })
  .meta({ id: 'WorkshopSlot' });
export type WorkshopSlot = z.infer<typeof WorkshopSlot>;

function workingWindows(
  timeZone: string,
  from: CalendarDate,
  to: CalendarDate,
  minutes: { start: number; end: number },
): Interval[] {
  const windows: Interval[] = [];
  for (let date = from; date <= to; date = addDays(date, 1)) {
    if (isoWeekday(date) <= 5) windows.push(workingWindow(date, timeZone, minutes));
  }
  return windows;
}

/**
 * Every slot of `durationMinutes` that starts on a step boundary (UTC minutes that are a
 * multiple of `stepMinutes`) and lies within working hours on a weekday in both time zones,
 * for starts whose date in the first time zone is within `from`..`to`. Slots come in time
 * order. Throws a RangeError for nonsensical input.
 */
export function proposeWorkshopSlots(input: {
  timeZones: readonly [string, string];
  from: CalendarDate;
  to: CalendarDate;
  durationMinutes: number;
  stepMinutes?: number;
  workingHours?: WorkingHours;
}): WorkshopSlot[] {
  const { timeZones, from, to, durationMinutes } = input;
  const stepMinutes = input.stepMinutes ?? 30;
  if (!Number.isInteger(durationMinutes) || durationMinutes <= 0) {
    throw new RangeError('durationMinutes must be a positive whole number');
  }
  if (!Number.isInteger(stepMinutes) || stepMinutes <= 0) {
    throw new RangeError('stepMinutes must be a positive whole number');
  }
  if (!isValidDate(from) || !isValidDate(to)) throw new RangeError('from and to must be dates');
  if (from > to) throw new RangeError('from must not be after to');
  if (daysBetween(from, to) + 1 > 366) throw new RangeError('the range must not exceed 366 days');
  const [first, second] = timeZones;
  checkTimeZone(first);
  checkTimeZone(second);
  const hours = workingMinutes(input.workingHours ?? defaultWorkingHours);

  // Local dates differ from the first zone's by at most two days (UTC-12 against UTC+14).
  const a = workingWindows(first, from, to, hours);
  const b = workingWindows(second, addDays(from, -2), addDays(to, 2), hours);
  const duration = durationMinutes * MINUTE_MS;
  const step = stepMinutes * MINUTE_MS;
  const slots: WorkshopSlot[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    const x = a[i];
    const y = b[j];
    if (x === undefined || y === undefined) break;
    const low = Math.max(x.start, y.start);
    const high = Math.min(x.end, y.end);
    for (let start = Math.ceil(low / step) * step; start + duration <= high; start += step) {
      slots.push(slot(start, start + duration, timeZones));
    }
    if (x.end < y.end) i++;
    else j++;
  }
  return slots;
}

function slot(start: number, end: number, timeZones: readonly string[]): WorkshopSlot {
  const s = new Date(start);
  const e = new Date(end);
  return {
    start: s.toISOString(),
    end: e.toISOString(),
    local: timeZones.map((timeZone) => ({
      timeZone,
      date: dateInZone(s, timeZone),
      start: localClock(s, timeZone),
      end: localClock(e, timeZone),
    })),
  };
}

/**
 * Splits a workshop into sequential panels of `panelMinutes` minutes on one track, with equal
 * breaks of up to 5 minutes, as many panels as fit.
 */
export function suggestPanels(start: Date, durationMinutes: number, panelMinutes = 35): Panel[] {
  if (!Number.isInteger(durationMinutes) || durationMinutes <= 0) {
    throw new RangeError('durationMinutes must be a positive whole number');
  }
  if (
    !Number.isInteger(panelMinutes) ||
    panelMinutes < panelDurationLimits.min ||
    panelMinutes > panelDurationLimits.max
  ) {
    throw new RangeError('a panel lasts 30 to 40 whole minutes');
  }
  const count = Math.floor(durationMinutes / panelMinutes);
  const spare = durationMinutes - count * panelMinutes;
  const pause = count > 1 ? Math.min(5, Math.floor(spare / (count - 1))) : 0;
  const panels: Panel[] = [];
  for (let n = 0; n < count; n++) {
    const panelStart = start.getTime() + n * (panelMinutes + pause) * MINUTE_MS;
    panels.push({
      title: { en: `Panel ${n + 1}`, zh: `第${n + 1}场`, fr: `Panel ${n + 1}` },
      start: new Date(panelStart).toISOString(),
      end: new Date(panelStart + panelMinutes * MINUTE_MS).toISOString(),
      track: 1,
    });
  }
  return panels;
}
