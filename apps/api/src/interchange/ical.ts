/**
 * An iCalendar (RFC 5545) writer for Passerelle's calendar feeds: VCALENDAR with VEVENTs and
 * one VTIMEZONE per time zone used.
 *
 * - Lines end with CRLF and are folded at 75 octets (UTF-8), never inside a character;
 *   continuation lines start with one space.
 * - TEXT values escape `\`, `;`, `,` and newlines (RFC 5545 §3.3.11); other control
 *   characters are dropped.
 * - Times are written as local times with `TZID=<IANA zone>`; each zone gets a VTIMEZONE whose
 *   observances are computed from the platform's time-zone data (Intl) over the years the
 *   calendar covers: one STANDARD or DAYLIGHT component per offset change, plus one for the
 *   offset in force at the start, so a client that knows nothing of IANA names still places
 *   every event right.
 * - `DTSTAMP` (required) is the instant the information was last revised in the store (the
 *   record's `updatedAt`), which RFC 5545 prescribes for objects without a METHOD of
 *   scheduling; `SEQUENCE` follows the record's version.
 */
import { type CalendarDate, zonedParts, zoneOffsetMinutes } from '@passerelle/core';

export type IcsStatus = 'CONFIRMED' | 'TENTATIVE' | 'CANCELLED';

interface IcsEventBase {
  /** Globally unique and stable across exports of the same item. */
  uid: string;
  summary: string;
  description?: string | undefined;
  location?: string | undefined;
  url?: string | undefined;
  status?: IcsStatus | undefined;
  categories?: readonly string[] | undefined;
  /** When the item was last revised in the store (ISO instant): DTSTAMP and LAST-MODIFIED. */
  revisedAt: string;
  createdAt?: string | undefined;
  /** The revision number (SEQUENCE), 0 for the first. */
  sequence?: number | undefined;
  /** TRANSP: false (opaque, the default) or true (does not block time). */
  transparent?: boolean | undefined;
}

/** An event at instants, written in the given IANA time zone. */
export interface IcsTimedEvent extends IcsEventBase {
  start: string;
  end: string;
  timeZone: string;
}

/** An event over whole days: `end` is the day after the last one (exclusive, as RFC 5545 wants). */
export interface IcsAllDayEvent extends IcsEventBase {
  startDate: CalendarDate;
  endDate: CalendarDate;
}

export type IcsEvent = IcsTimedEvent | IcsAllDayEvent;

export interface IcsCalendar {
  /** X-WR-CALNAME: what a calendar app shows as the calendar's name. */
  name: string;
  description?: string | undefined;
  /** X-WR-TIMEZONE: the calendar's default zone (the office's). */
  timeZone?: string | undefined;
  /** How often a subscriber should refresh, in minutes (REFRESH-INTERVAL, X-PUBLISHED-TTL). */
  refreshMinutes?: number | undefined;
  events: readonly IcsEvent[];
}

const PRODID = '-//Passerelle//Passerelle API//EN';
const MAX_OCTETS = 75;

export function isTimed(event: IcsEvent): event is IcsTimedEvent {
  return 'timeZone' in event;
}

/** The whole calendar as an iCalendar document (CRLF line ends, folded lines). */
export function renderCalendar(calendar: IcsCalendar): string {
  const lines: string[] = [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    `PRODID:${PRODID}`,
    'CALSCALE:GREGORIAN',
    'METHOD:PUBLISH',
    `X-WR-CALNAME:${escapeText(calendar.name)}`,
  ];
  if (calendar.description !== undefined) {
    lines.push(`X-WR-CALDESC:${escapeText(calendar.description)}`);
  }
  if (calendar.timeZone !== undefined) lines.push(`X-WR-TIMEZONE:${calendar.timeZone}`);
  if (calendar.refreshMinutes !== undefined) {
    lines.push(
      `REFRESH-INTERVAL;VALUE=DURATION:PT${calendar.refreshMinutes}M`,
      `X-PUBLISHED-TTL:PT${calendar.refreshMinutes}M`,
    );
  }
  for (const [zone, span] of zoneSpans(calendar.events)) {
    lines.push(...vtimezone(zone, span.from, span.to));
  }
  for (const event of calendar.events) lines.push(...vevent(event));
  lines.push('END:VCALENDAR');
  return `${lines.map(foldLine).join('\r\n')}\r\n`;
}

function vevent(event: IcsEvent): string[] {
  const lines = ['BEGIN:VEVENT', `UID:${escapeText(event.uid)}`];
  lines.push(`DTSTAMP:${utcStamp(event.revisedAt)}`);
  if (isTimed(event)) {
    lines.push(
      `DTSTART;TZID=${event.timeZone}:${localStamp(event.start, event.timeZone)}`,
      `DTEND;TZID=${event.timeZone}:${localStamp(event.end, event.timeZone)}`,
    );
  } else {
    lines.push(
      `DTSTART;VALUE=DATE:${event.startDate.replaceAll('-', '')}`,
      `DTEND;VALUE=DATE:${event.endDate.replaceAll('-', '')}`,
    );
  }
  lines.push(`SUMMARY:${escapeText(event.summary)}`);
  if (event.description !== undefined && event.description !== '') {
    lines.push(`DESCRIPTION:${escapeText(event.description)}`);
  }
  if (event.location !== undefined && event.location !== '') {
    lines.push(`LOCATION:${escapeText(event.location)}`);
  }
  if (event.url !== undefined) lines.push(`URL:${stripControls(event.url)}`);
  if (event.categories !== undefined && event.categories.length > 0) {
    lines.push(`CATEGORIES:${event.categories.map(escapeText).join(',')}`);
  }
  if (event.status !== undefined) lines.push(`STATUS:${event.status}`);
  if (event.transparent === true) lines.push('TRANSP:TRANSPARENT');
  if (event.sequence !== undefined) lines.push(`SEQUENCE:${event.sequence}`);
  if (event.createdAt !== undefined) lines.push(`CREATED:${utcStamp(event.createdAt)}`);
  lines.push(`LAST-MODIFIED:${utcStamp(event.revisedAt)}`, 'END:VEVENT');
  return lines;
}

/** RFC 5545 TEXT escaping: backslash, semicolon, comma and line breaks. */
export function escapeText(text: string): string {
  return stripControls(text.replace(/\r\n|\r|\n/g, '\n'))
    .replace(/[\\;,]/g, (match) => `\\${match}`)
    .replace(/\n/g, '\\n');
}

/** Control characters other than tab and line feed have no place in a content line. */
function stripControls(text: string): string {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: removing them is the point
  return text.replace(/[\u0000-\u0008\u000b-\u001f\u007f]/g, '');
}

const encoder = new TextEncoder();

/**
 * Folds a content line at 75 octets (RFC 5545 §3.1): the first line holds at most 75 octets,
 * each continuation a space and at most 74 more. A UTF-8 character is never split.
 */
export function foldLine(line: string): string {
  if (encoder.encode(line).length <= MAX_OCTETS) return line;
  const parts: string[] = [];
  let current = '';
  let octets = 0;
  let limit = MAX_OCTETS;
  for (const char of line) {
    const size = encoder.encode(char).length;
    if (octets + size > limit) {
      parts.push(current);
      current = '';
      octets = 0;
      limit = MAX_OCTETS - 1;
    }
    current += char;
    octets += size;
  }
  parts.push(current);
  return parts.join('\r\n ');
}

const pad = (value: number, width = 2) => String(value).padStart(width, '0');

/** `20251209T083000Z` */
export function utcStamp(instant: string | Date): string {
  const date = new Date(instant);
  return `${date.getUTCFullYear()}${pad(date.getUTCMonth() + 1)}${pad(date.getUTCDate())}T${pad(
    date.getUTCHours(),
  )}${pad(date.getUTCMinutes())}${pad(date.getUTCSeconds())}Z`;
}

/** The wall-clock time of an instant in a zone, `20251209T093000`. */
export function localStamp(instant: string | Date, timeZone: string): string {
  const p = zonedParts(new Date(instant), timeZone);
  return `${pad(p.year, 4)}${pad(p.month)}${pad(p.day)}T${pad(p.hour)}${pad(p.minute)}${pad(p.second)}`;
}

/** Each zone used by a timed event, with the span of instants it must describe. */
function zoneSpans(events: readonly IcsEvent[]): Map<string, { from: number; to: number }> {
  const spans = new Map<string, { from: number; to: number }>();
  for (const event of events) {
    if (!isTimed(event)) continue;
    const start = Date.parse(event.start);
    const end = Date.parse(event.end);
    const span = spans.get(event.timeZone);
    if (span === undefined) spans.set(event.timeZone, { from: start, to: end });
    else {
      span.from = Math.min(span.from, start);
      span.to = Math.max(span.to, end);
    }
  }
  return spans;
}

export interface OffsetChange {
  /** The instant of the change (ms). */
  at: number;
  from: number;
  to: number;
}

const DAY_MS = 86_400_000;
const MINUTE_MS = 60_000;

/**
 * Every change of a zone's UTC offset between two instants, to the minute: the offset is read
 * once a day and each change is pinned down by bisection (zones change at most once a day).
 */
export function offsetChanges(timeZone: string, from: number, to: number): OffsetChange[] {
  const changes: OffsetChange[] = [];
  let before = from;
  let offset = zoneOffsetMinutes(new Date(before), timeZone);
  for (let at = from + DAY_MS; before < to; at += DAY_MS) {
    const probe = Math.min(at, to);
    const next = zoneOffsetMinutes(new Date(probe), timeZone);
    if (next !== offset) {
      let low = before;
      let high = probe;
      while (high - low > MINUTE_MS) {
        const middle = low + Math.max(1, Math.floor((high - low) / 2 / MINUTE_MS)) * MINUTE_MS;
        if (zoneOffsetMinutes(new Date(middle), timeZone) === offset) low = middle;
        else high = middle;
      }
      changes.push({ at: high, from: offset, to: next });
      offset = next;
    }
    before = probe;
  }
  return changes;
}

/**
 * The VTIMEZONE of a zone over the years that hold `from`..`to`: the offset in force on 1
 * January of the first year, then every change until 31 December of the last.
 */
export function vtimezone(timeZone: string, from: number, to: number): string[] {
  const start = Date.UTC(new Date(from).getUTCFullYear(), 0, 1);
  const end = Date.UTC(new Date(to).getUTCFullYear() + 1, 0, 1);
  const initial = zoneOffsetMinutes(new Date(start), timeZone);
  const changes = offsetChanges(timeZone, start, end);
  const standard = Math.min(initial, ...changes.map((change) => change.to));
  const observance = (at: number, fromOffset: number, toOffset: number) => {
    const kind = toOffset > standard ? 'DAYLIGHT' : 'STANDARD';
    return [
      `BEGIN:${kind}`,
      // The onset in the local time that was in force before it (RFC 5545 §3.6.5).
      `DTSTART:${utcStamp(new Date(at + fromOffset * MINUTE_MS)).slice(0, -1)}`,
      `TZOFFSETFROM:${formatOffset(fromOffset)}`,
      `TZOFFSETTO:${formatOffset(toOffset)}`,
      `TZNAME:${escapeText(zoneName(timeZone, at, toOffset))}`,
      `END:${kind}`,
    ];
  };
  return [
    'BEGIN:VTIMEZONE',
    `TZID:${timeZone}`,
    `X-LIC-LOCATION:${timeZone}`,
    ...observance(start, initial, initial),
    ...changes.flatMap((change) => observance(change.at, change.from, change.to)),
    'END:VTIMEZONE',
  ];
}

/** `+0100`, `-0430`, `+0545`. */
export function formatOffset(minutes: number): string {
  const sign = minutes < 0 ? '-' : '+';
  const abs = Math.abs(minutes);
  return `${sign}${pad(Math.floor(abs / 60))}${pad(abs % 60)}`;
}

/** The zone's short name at an instant (CET, EDT) or, when it has none, its offset. */
function zoneName(timeZone: string, at: number, offset: number): string {
  for (const locale of ['en-GB', 'en-US']) {
    const name = new Intl.DateTimeFormat(locale, { timeZone, timeZoneName: 'short' })
      .formatToParts(new Date(at))
      .find((part) => part.type === 'timeZoneName')?.value;
    if (name !== undefined && !name.startsWith('GMT') && !name.startsWith('UTC')) return name;
  }
  return offset === 0 ? 'UTC' : formatOffset(offset);
}
