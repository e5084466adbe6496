import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addDays, type CalendarDate } from '../shared';
import type { Panel } from './schemas';
import {
  proposeWorkshopSlots,
  suggestPanels,
  validateWorkshop,
  type WorkingHours,
  type WorkshopSlot,
} from './workshop';

const SHANGHAI = 'Asia/Shanghai';
const PARIS = 'Europe/Paris';

function panel(start: string, end: string, track = 1, title = 'Panel'): Panel {
  return { title: { en: title }, start, end, track };
}

const rules = (violations: { rule: string }[]) => violations.map((v) => v.rule);

/** Wall-clock reading with Intl, written here without the helpers under test. */
const formatters = new Map<string, Intl.DateTimeFormat>();
function wallClock(instant: number, timeZone: string) {
  let format = formatters.get(timeZone);
  if (format === undefined) {
    format = new Intl.DateTimeFormat('en-US', {
      timeZone,
      weekday: 'short',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    });
    formatters.set(timeZone, format);
  }
  const parts = new Map(format.formatToParts(new Date(instant)).map((p) => [p.type, p.value]));
  return {
    date: `${parts.get('year')}-${parts.get('month')}-${parts.get('day')}`,
    weekday: parts.get('weekday') ?? '',
    minutes: Number(parts.get('hour')) * 60 + Number(parts.get('minute')),
  };
}

function insideWorkingDay(start: number, end: number, timeZone: string, hours: WorkingHours) {
  const s = wallClock(start, timeZone);
  const e = wallClock(end, timeZone);
  return (
    s.weekday !== 'Sat' &&
    s.weekday !== 'Sun' &&
    s.date === e.date &&
    s.minutes >= hours.start * 60 &&
    e.minutes <= hours.end * 60
  );
}

/** Every step-aligned start, tried one by one. */
function bruteForce(input: {
  timeZones: readonly [string, string];
  from: CalendarDate;
  to: CalendarDate;
  durationMinutes: number;
  stepMinutes: number;
  workingHours: WorkingHours;
}): string[] {
  const step = input.stepMinutes * 60_000;
  const duration = input.durationMinutes * 60_000;
  const first = Math.ceil((Date.parse(`${input.from}T00:00:00Z`) - 86_400_000) / step) * step;
  const last = Date.parse(`${input.to}T00:00:00Z`) + 2 * 86_400_000;
  const found: string[] = [];
  for (let start = first; start <= last; start += step) {
    const date = wallClock(start, input.timeZones[0]).date;
    if (date < input.from || date > input.to) continue;
    const fits = input.timeZones.every((zone) =>
      insideWorkingDay(start, start + duration, zone, input.workingHours),
    );
    if (fits) found.push(new Date(start).toISOString());
  }
  return found;
}

const localView = (slots: WorkshopSlot[]) =>
  slots.map((s) => s.local.map((l) => `${l.date} ${l.start}-${l.end}`).join(' | '));

describe('validateWorkshop', () => {
  const summer = { start: '2025-06-03T07:00:00Z', end: '2025-06-03T09:30:00Z' };
  const zones = { campusTimeZone: SHANGHAI, partnerTimeZone: PARIS };

  it('accepts a 150-minute workshop inside both working days, with panels that fit', () => {
    const panels = suggestPanels(new Date(summer.start), 150);
    expect(validateWorkshop({ ...summer, ...zones, panels })).toEqual([]);
  });

  it('refuses a workshop shorter than 150 or longer than 180 minutes', () => {
    const short = validateWorkshop({
      ...zones,
      panels: [],
      ...summer,
      end: '2025-06-03T09:00:00Z',
    });
    expect(rules(short)).toEqual(['workshop.duration_out_of_range']);
    expect(short[0]?.data).toEqual({ minutes: 120, min: 150, max: 180 });
    expect(short[0]?.message.en).toContain('this one lasts 120');
    const long = validateWorkshop({
      ...zones,
      panels: [],
      start: new Date('2025-06-03T07:00:00Z'),
      end: new Date('2025-06-03T10:01:00Z'),
    });
    expect(long[0]?.data.minutes).toBe(181);
    const exact = validateWorkshop({
      ...zones,
      panels: [],
      ...summer,
      end: '2025-06-03T10:00:00Z',
    });
    expect(exact).toEqual([]);
  });

  it('refuses panels shorter than 30 or longer than 40 minutes', () => {
    const panels = [
      panel('2025-06-03T07:00:00Z', '2025-06-03T07:29:00Z', 1, 'Opening'),
      panel('2025-06-03T07:30:00Z', '2025-06-03T08:10:00Z'),
      panel('2025-06-03T08:10:00Z', '2025-06-03T08:51:00Z', 1, 'Long'),
    ];
    const violations = validateWorkshop({ ...summer, ...zones, panels });
    expect(rules(violations)).toEqual([
      'workshop.panel_duration_out_of_range',
      'workshop.panel_duration_out_of_range',
    ]);
    expect(violations.map((v) => v.data.panel)).toEqual([0, 2]);
    expect(violations[0]?.message.en).toBe(
      'Panel #1 "Opening" lasts 29 minutes; a panel lasts 30 to 40 minutes.',
    );
  });

  it('refuses a panel that runs outside the workshop', () => {
    const violations = validateWorkshop({
      ...summer,
      ...zones,
      panels: [
        panel('2025-06-03T06:50:00Z', '2025-06-03T07:25:00Z'),
        panel('2025-06-03T09:00:00Z', '2025-06-03T09:35:00Z'),
      ],
    });
    expect(rules(violations)).toEqual([
      'workshop.panel_outside_workshop',
      'workshop.panel_outside_workshop',
    ]);
  });

  it('refuses panels that overlap on one track, and allows concurrent tracks', () => {
    const a = panel('2025-06-03T07:00:00Z', '2025-06-03T07:35:00Z');
    const b = panel('2025-06-03T07:30:00Z', '2025-06-03T08:05:00Z');
    const overlap = validateWorkshop({ ...summer, ...zones, panels: [a, b] });
    expect(rules(overlap)).toEqual(['workshop.panels_overlap']);
    expect(overlap[0]?.data).toEqual({ panels: [0, 1], track: 1 });
    const concurrent = validateWorkshop({
      ...summer,
      ...zones,
      panels: [
        a,
        { ...b, track: 2 },
        { ...a, track: 2, start: '2025-06-03T08:05:00Z', end: '2025-06-03T08:40:00Z' },
      ],
    });
    expect(concurrent).toEqual([]);
  });

  it('refuses a time outside working hours in either zone, naming the zone and local times', () => {
    // In winter Paris is one hour closer: 07:30 UTC is 08:30 in Paris, 15:30 in Shanghai.
    const violations = validateWorkshop({
      ...zones,
      panels: [],
      start: '2025-12-02T07:30:00Z',
      end: '2025-12-02T10:00:00Z',
    });
    expect(rules(violations)).toEqual(['workshop.outside_working_hours']);
    expect(violations[0]?.data).toEqual({
      timeZone: PARIS,
      localDate: '2025-12-02',
      weekday: 2,
      localStart: '08:30',
      localEnd: '11:00',
      localEndDate: '2025-12-02',
      workingHours: { start: '09:00', end: '18:00' },
    });
    expect(violations[0]?.message.en).toBe(
      'In Europe/Paris the workshop runs 2025-12-02 (Tuesday) 08:30–11:00; it must lie within 09:00–18:00 on a weekday.',
    );
    expect(violations[0]?.message.zh).toContain('星期二');
    expect(violations[0]?.message.fr).toContain('mardi');
  });

  it('refuses a weekend in one zone even when the other is on a weekday', () => {
    // Friday 16:00 in Los Angeles is Saturday 09:00 in Sydney.
    const violations = validateWorkshop({
      campusTimeZone: 'Australia/Sydney',
      partnerTimeZone: 'America/Los_Angeles',
      panels: [],
      start: '2025-06-06T23:00:00Z',
      end: '2025-06-07T01:30:00Z',
      workingHours: { start: 9, end: 19 },
    });
    expect(violations.map((v) => [v.data.timeZone, v.data.weekday])).toEqual([
      ['Australia/Sydney', 6],
    ]);
  });

  it('refuses a workshop that crosses midnight, showing the end date', () => {
    const violations = validateWorkshop({
      campusTimeZone: PARIS,
      partnerTimeZone: PARIS,
      panels: [],
      start: '2025-06-03T21:00:00Z',
      end: '2025-06-03T23:30:00Z',
      workingHours: { start: 0, end: 24 },
    });
    expect(violations).toHaveLength(1);
    expect(violations[0]?.data).toMatchObject({ localEndDate: '2025-06-04', localEnd: '01:30' });
    expect(violations[0]?.message.en).toContain('23:00–2025-06-04 01:30');
  });

  it('returns every violation at once', () => {
    const violations = validateWorkshop({
      ...zones,
      start: '2025-06-07T07:00:00Z',
      end: '2025-06-07T08:00:00Z',
      panels: [panel('2025-06-07T07:00:00Z', '2025-06-07T08:10:00Z')],
    });
    expect(rules(violations)).toEqual([
      'workshop.duration_out_of_range',
      'workshop.panel_duration_out_of_range',
      'workshop.panel_outside_workshop',
      'workshop.outside_working_hours',
      'workshop.outside_working_hours',
    ]);
  });

  it('throws on input it cannot read', () => {
    const base = { ...summer, ...zones, panels: [] };
    expect(() => validateWorkshop({ ...base, start: 'soon' })).toThrow(RangeError);
    expect(() => validateWorkshop({ ...base, partnerTimeZone: 'Mars/Olympus' })).toThrow(
      RangeError,
    );
    expect(() => validateWorkshop({ ...base, workingHours: { start: 18, end: 9 } })).toThrow(
      RangeError,
    );
  });
});

describe('proposeWorkshopSlots', () => {
  it('finds Shanghai 15:00 and 15:30 in summer, when Paris is UTC+2', () => {
    const slots = proposeWorkshopSlots({
      timeZones: [SHANGHAI, PARIS],
      from: '2025-06-02',
      to: '2025-06-08',
      durationMinutes: 150,
    });
    expect(slots).toHaveLength(10);
    expect(slots.slice(0, 2)).toEqual([
      {
        start: '2025-06-02T07:00:00.000Z',
        end: '2025-06-02T09:30:00.000Z',
        local: [
          { timeZone: SHANGHAI, date: '2025-06-02', start: '15:00', end: '17:30' },
          { timeZone: PARIS, date: '2025-06-02', start: '09:00', end: '11:30' },
        ],
      },
      {
        start: '2025-06-02T07:30:00.000Z',
        end: '2025-06-02T10:00:00.000Z',
        local: [
          { timeZone: SHANGHAI, date: '2025-06-02', start: '15:30', end: '18:00' },
          { timeZone: PARIS, date: '2025-06-02', start: '09:30', end: '12:00' },
        ],
      },
    ]);
    expect(slots.at(-1)?.local[0]?.date).toBe('2025-06-06');
  });

  it('finds no 150-minute slot in winter, when the overlap is Shanghai 16:00-18:00', () => {
    const winter = { timeZones: [SHANGHAI, PARIS] as const, from: '2025-12-01', to: '2025-12-05' };
    expect(proposeWorkshopSlots({ ...winter, durationMinutes: 150 })).toEqual([]);
    expect(localView(proposeWorkshopSlots({ ...winter, durationMinutes: 120 }))[0]).toBe(
      '2025-12-01 16:00-18:00 | 2025-12-01 09:00-11:00',
    );
  });

  it('follows the Paris clock change on the last Sunday of March and of October', () => {
    const march = proposeWorkshopSlots({
      timeZones: [SHANGHAI, PARIS],
      from: '2025-03-24',
      to: '2025-04-04',
      durationMinutes: 150,
    });
    expect([...new Set(march.map((s) => s.local[0]?.date))]).toEqual([
      '2025-03-31',
      '2025-04-01',
      '2025-04-02',
      '2025-04-03',
      '2025-04-04',
    ]);
    const october = proposeWorkshopSlots({
      timeZones: [SHANGHAI, PARIS],
      from: '2025-10-20',
      to: '2025-10-31',
      durationMinutes: 150,
    });
    expect([...new Set(october.map((s) => s.local[0]?.date))]).toEqual([
      '2025-10-20',
      '2025-10-21',
      '2025-10-22',
      '2025-10-23',
      '2025-10-24',
    ]);
  });

  it('widens the New York-Paris overlap in the weeks when only America has changed clocks', () => {
    const perDay = (from: CalendarDate) =>
      proposeWorkshopSlots({
        timeZones: ['America/New_York', PARIS],
        from,
        to: from,
        durationMinutes: 150,
      }).length;
    expect(perDay('2025-03-05')).toBe(2); // both on winter time: 3 hours
    expect(perDay('2025-03-12')).toBe(4); // New York on summer time: 4 hours
    expect(perDay('2025-04-02')).toBe(2); // both on summer time: 3 hours
    expect(perDay('2025-10-29')).toBe(4); // Paris back on winter time, New York not yet
    expect(perDay('2025-11-05')).toBe(2);
  });

  it('reads the date range in the first time zone', () => {
    // Tuesday 09:00 in Sydney is Monday 16:00 in Los Angeles.
    const input = { from: '2025-06-03', to: '2025-06-03', durationMinutes: 120 };
    const sydneyFirst = proposeWorkshopSlots({
      ...input,
      timeZones: ['Australia/Sydney', 'America/Los_Angeles'],
    });
    expect(localView(sydneyFirst)).toEqual(['2025-06-03 09:00-11:00 | 2025-06-02 16:00-18:00']);
    const losAngelesFirst = proposeWorkshopSlots({
      ...input,
      timeZones: ['America/Los_Angeles', 'Australia/Sydney'],
    });
    expect(localView(losAngelesFirst)).toEqual(['2025-06-03 16:00-18:00 | 2025-06-04 09:00-11:00']);
  });

  it('skips days that are a weekend in either zone', () => {
    const week = proposeWorkshopSlots({
      timeZones: ['Australia/Sydney', 'America/Los_Angeles'],
      from: '2025-06-02',
      to: '2025-06-08',
      durationMinutes: 120,
    });
    // Monday in Sydney is Sunday in Los Angeles.
    expect(week.map((s) => s.local[0]?.date)).toEqual([
      '2025-06-03',
      '2025-06-04',
      '2025-06-05',
      '2025-06-06',
    ]);
  });

  it('honours the step and the working hours', () => {
    const slots = proposeWorkshopSlots({
      timeZones: [SHANGHAI, PARIS],
      from: '2025-06-02',
      to: '2025-06-02',
      durationMinutes: 150,
      stepMinutes: 15,
      workingHours: { start: 8.5, end: 18 },
    });
    expect(slots.map((s) => s.local[1]?.start)).toEqual([
      '08:30',
      '08:45',
      '09:00',
      '09:15',
      '09:30',
    ]);
  });

  it('covers a whole leap year quickly', () => {
    const slots = proposeWorkshopSlots({
      timeZones: [SHANGHAI, PARIS],
      from: '2024-01-01',
      to: '2024-12-31',
      durationMinutes: 150,
    });
    // Only the summer-time weekdays (31 March to 26 October 2024) have room.
    expect(slots).toHaveLength(150 * 2);
    expect(slots[0]?.local[0]?.date).toBe('2024-04-01');
    expect(slots.at(-1)?.local[0]?.date).toBe('2024-10-25');
  });

  it('refuses nonsensical input', () => {
    const base = {
      timeZones: [SHANGHAI, PARIS] as const,
      from: '2025-06-02',
      to: '2025-06-06',
      durationMinutes: 150,
    };
    expect(() => proposeWorkshopSlots({ ...base, durationMinutes: 0 })).toThrow(RangeError);
    expect(() => proposeWorkshopSlots({ ...base, durationMinutes: -30 })).toThrow(RangeError);
    expect(() => proposeWorkshopSlots({ ...base, stepMinutes: 0 })).toThrow(RangeError);
    expect(() => proposeWorkshopSlots({ ...base, from: '2025-06-07' })).toThrow(RangeError);
    expect(() => proposeWorkshopSlots({ ...base, from: '2025-02-30' })).toThrow(RangeError);
    expect(() => proposeWorkshopSlots({ ...base, from: '2025-01-01', to: '2026-01-02' })).toThrow(
      'the range must not exceed 366 days',
    );
    expect(() => proposeWorkshopSlots({ ...base, timeZones: [SHANGHAI, 'Paris'] })).toThrow(
      RangeError,
    );
    expect(() => proposeWorkshopSlots({ ...base, workingHours: { start: 9, end: 25 } })).toThrow(
      RangeError,
    );
  });
});

describe('suggestPanels', () => {
  it('fills a 150-minute workshop with four 35-minute panels and short breaks', () => {
    const panels = suggestPanels(new Date('2025-06-03T07:00:00Z'), 150);
    expect(panels.map((p) => [p.start.slice(11, 16), p.end.slice(11, 16)])).toEqual([
      ['07:00', '07:35'],
      ['07:38', '08:13'],
      ['08:16', '08:51'],
      ['08:54', '09:29'],
    ]);
    expect(panels[3]?.title).toEqual({ en: 'Panel 4', zh: '第4场', fr: 'Panel 4' });
  });

  it('uses no break when the panels fill the workshop exactly', () => {
    const panels = suggestPanels(new Date('2025-06-03T07:00:00Z'), 180, 30);
    expect(panels).toHaveLength(6);
    expect(panels.at(-1)?.end).toBe('2025-06-03T10:00:00.000Z');
  });

  it('returns one panel, or none, for workshops too short for more', () => {
    expect(suggestPanels(new Date('2025-06-03T07:00:00Z'), 50, 40)).toHaveLength(1);
    expect(suggestPanels(new Date('2025-06-03T07:00:00Z'), 20)).toEqual([]);
  });

  it('refuses panel lengths that rule 8 forbids', () => {
    const start = new Date('2025-06-03T07:00:00Z');
    expect(() => suggestPanels(start, 150, 45)).toThrow(RangeError);
    expect(() => suggestPanels(start, 150, 29)).toThrow(RangeError);
    expect(() => suggestPanels(start, 0)).toThrow(RangeError);
  });
});

const zoneList = [
  'Asia/Shanghai',
  'Europe/Paris',
  'America/New_York',
  'Australia/Sydney',
  'Europe/London',
  'Asia/Tokyo',
] as const;
const zonePair = fc.tuple(fc.constantFrom(...zoneList), fc.constantFrom(...zoneList));
/** Start dates across two years, with extra weight on the weeks when clocks change. */
const clockChangeWeeks = [
  '2025-03-06', // America springs forward on 9 March
  '2025-03-27', // Europe on 30 March
  '2025-04-03', // Sydney falls back on 6 April
  '2025-10-02', // Sydney springs forward on 5 October
  '2025-10-23', // Europe falls back on 26 October
  '2025-10-30', // America on 2 November
  '2026-03-26',
  '2026-10-22',
];
const startDate = fc.oneof(
  fc.constantFrom(...clockChangeWeeks),
  fc.integer({ min: 0, max: 729 }).map((n) => addDays('2025-01-01', n)),
);
const range = fc
  .tuple(startDate, fc.integer({ min: -3, max: 3 }), fc.integer({ min: 0, max: 10 }))
  .map(([date, shift, length]) => {
    const from = addDays(date, shift);
    return { from, to: addDays(from, length) };
  });

describe('slot finder properties', () => {
  it('proposes exactly the step-aligned slots inside both working days (default hours)', () => {
    fc.assert(
      fc.property(
        zonePair,
        range,
        fc.integer({ min: 150, max: 180 }),
        (timeZones, dates, duration) => {
          const input = {
            timeZones,
            ...dates,
            durationMinutes: duration,
            stepMinutes: 30,
            workingHours: { start: 9, end: 18 },
          };
          const slots = proposeWorkshopSlots({ ...dates, timeZones, durationMinutes: duration });
          for (const slot of slots) {
            for (const zone of timeZones) {
              expect(
                insideWorkingDay(
                  Date.parse(slot.start),
                  Date.parse(slot.end),
                  zone,
                  input.workingHours,
                ),
              ).toBe(true);
            }
          }
          expect(slots.map((s) => s.start)).toEqual(bruteForce(input));
        },
      ),
      { numRuns: 150 },
    );
  });

  it('proposes exactly the right slots for any hours, step and duration', () => {
    fc.assert(
      fc.property(
        zonePair,
        range,
        fc.integer({ min: 15, max: 360 }),
        fc.constantFrom(5, 15, 20, 30, 45, 60),
        fc.integer({ min: 5, max: 11 }),
        fc.integer({ min: 14, max: 22 }),
        (timeZones, dates, duration, step, start, end) => {
          const input = {
            timeZones,
            ...dates,
            durationMinutes: duration,
            stepMinutes: step,
            workingHours: { start, end },
          };
          expect(proposeWorkshopSlots(input).map((s) => s.start)).toEqual(bruteForce(input));
        },
      ),
      { numRuns: 60 },
    );
  });

  it('labels each slot with the local dates and clocks of both zones', () => {
    fc.assert(
      fc.property(zonePair, range, (timeZones, dates) => {
        for (const slot of proposeWorkshopSlots({ timeZones, ...dates, durationMinutes: 60 })) {
          slot.local.forEach((local, index) => {
            expect(local.timeZone).toBe(timeZones[index]);
            const start = wallClock(Date.parse(slot.start), local.timeZone);
            const end = wallClock(Date.parse(slot.end), local.timeZone);
            expect(local.date).toBe(start.date);
            expect(local.start).toBe(
              `${String(Math.floor(start.minutes / 60)).padStart(2, '0')}:${String(start.minutes % 60).padStart(2, '0')}`,
            );
            expect(local.end).toBe(
              `${String(Math.floor(end.minutes / 60)).padStart(2, '0')}:${String(end.minutes % 60).padStart(2, '0')}`,
            );
          });
        }
      }),
      { numRuns: 40 },
    );
  });

  it('every proposed slot, split with suggestPanels, passes validateWorkshop', () => {
    fc.assert(
      fc.property(
        zonePair,
        range,
        fc.integer({ min: 150, max: 180 }),
        fc.integer({ min: 30, max: 40 }),
        (timeZones, dates, duration, panelLength) => {
          for (const slot of proposeWorkshopSlots({
            timeZones,
            ...dates,
            durationMinutes: duration,
          })) {
            const violations = validateWorkshop({
              start: slot.start,
              end: slot.end,
              panels: suggestPanels(new Date(slot.start), duration, panelLength),
              campusTimeZone: timeZones[0],
              partnerTimeZone: timeZones[1],
            });
            expect(violations).toEqual([]);
          }
        },
      ),
      { numRuns: 60 },
    );
  });

  it('suggests sequential panels with breaks of at most 5 minutes, as many as fit', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 150, max: 180 }),
        fc.integer({ min: 30, max: 40 }),
        fc
          .integer({ min: 0, max: 2_000_000 })
          .map((n) => new Date(Date.UTC(2025, 0, 1) + n * 60_000)),
        (duration, panelLength, start) => {
          const panels = suggestPanels(start, duration, panelLength);
          expect(panels).toHaveLength(Math.floor(duration / panelLength));
          panels.forEach((p, index) => {
            expect(Date.parse(p.end) - Date.parse(p.start)).toBe(panelLength * 60_000);
            const previous = panels[index - 1];
            if (previous === undefined) {
              expect(p.start).toBe(start.toISOString());
              return;
            }
            const gap = (Date.parse(p.start) - Date.parse(previous.end)) / 60_000;
            expect(gap).toBeGreaterThanOrEqual(0);
            expect(gap).toBeLessThanOrEqual(5);
          });
          const end = new Date(start.getTime() + duration * 60_000);
          const panelIssues = validateWorkshop({
            start,
            end,
            panels,
            campusTimeZone: 'UTC',
            partnerTimeZone: 'UTC',
          }).filter((v) => v.rule !== 'workshop.outside_working_hours');
          expect(panelIssues).toEqual([]);
        },
      ),
    );
  });
});
