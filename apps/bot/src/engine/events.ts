/**
 * Events: what is on (in a date range, with seats left, in the asker's time zone), registering
 * and cancelling (by title or by position in the last list shown), and one's registrations.
 */
import {
  addDays,
  type CalendarDate,
  dateInZone,
  type Event,
  EventId,
  type RegistrationStatus,
  RegistrationSummary,
  type Session,
} from '@passerelle/core';
import { NotFoundError, RuleViolationError } from '@passerelle/sdk';
import { OPEN_END, OPEN_START } from '../nlu';
import type { ShownEvent } from '../state';
import { formatDate, formatSpan, text } from './format';
import { ordinalIn } from './ordinal';
import type { Answer, Handler, Turn } from './turn';
import type { FollowUp } from './types';

/** How many events one answer lists. */
export const MAX_EVENTS_SHOWN = 8;
/** "Upcoming" without a date: the next 30 days. */
export const DEFAULT_HORIZON_DAYS = 30;

/**
 * The registration summary the API adds to every event it answers (`EventView.registration`):
 * seats and the asker's own registration. Read defensively: an API without it gives none.
 */
export function summaryOf(event: Event): RegistrationSummary | undefined {
  if (!('registration' in event)) return undefined;
  const parsed = RegistrationSummary.safeParse(event.registration);
  return parsed.success ? parsed.data : undefined;
}

/** Holds a place: registered, on the waitlist, or already attended. */
const holdsPlace = (status: RegistrationStatus) =>
  status === 'registered' || status === 'waitlisted';

/** The asker's registration in this event, when it holds a place. */
function placeHeld(event: Event): NonNullable<RegistrationSummary['mine']> | undefined {
  const mine = summaryOf(event)?.mine;
  return mine !== undefined && mine !== null && holdsPlace(mine.status) ? mine : undefined;
}

/**
 * Writes the asker's own registration change into their catalog (its upcoming events, kept a
 * minute), so the next turn within that minute does not act on the state before it. Only
 * `mine` changes: seat counts are read afresh wherever they are shown.
 */
function noteOwnRegistration(turn: Turn, id: EventId, mine: RegistrationSummary['mine']): void {
  const { events } = turn.catalog;
  const index = events.findIndex((event) => event.id === id);
  const event = events[index];
  const summary = event === undefined ? undefined : summaryOf(event);
  if (event === undefined || summary === undefined) return;
  const patched = { ...event, registration: { ...summary, mine } };
  events[index] = patched;
}

/** The session to show: the first one inside the range, else the first one. */
function sessionIn(event: Event, from: CalendarDate, to: CalendarDate, timeZone: string) {
  const sorted = [...event.sessions].sort((a, b) => a.start.localeCompare(b.start));
  return (
    sorted.find((session) => {
      const day = dateInZone(session.start, timeZone);
      return day >= from && day <= to;
    }) ?? sorted[0]
  );
}

function when(turn: Turn, session: Session | undefined): string {
  if (session === undefined) return '';
  return formatSpan(session.start, session.end, turn.deps.timeZone, turn.language);
}

function seats(turn: Turn, summary: RegistrationSummary | undefined): string {
  const { t } = turn;
  if (summary === undefined) return t.seatsOpen();
  if (summary.mine !== null && holdsPlace(summary.mine.status)) {
    return t.youAre(t.labels.registrationStatus[summary.mine.status]);
  }
  if (summary.seatsLeft === null) return t.seatsOpen();
  if (summary.seatsLeft > 0) return t.seatsLeft(summary.seatsLeft);
  return t.seatsFull(summary.waitlisted);
}

/** The days a question asks about; "before …" starts today and "after …" looks 90 days on. */
function rangeOf(turn: Turn): { from: CalendarDate; to: CalendarDate } {
  const range = turn.understanding.entities.dateRange;
  if (range === undefined) {
    return { from: turn.today, to: addDays(turn.today, DEFAULT_HORIZON_DAYS) };
  }
  const from = range.from === OPEN_START ? turn.today : range.from;
  const to = range.to === OPEN_END ? addDays(from, 90) : range.to;
  return { from, to };
}

async function listEvents(turn: Turn, from: CalendarDate, to: CalendarDate): Promise<Event[]> {
  const kinds = turn.understanding.entities.eventKinds;
  turn.op('events.list');
  const events = await turn.asker.client.events
    .list({ from, to, limit: 100, ...(kinds.length === 1 ? { kind: kinds[0] } : {}) })
    .toArray(200);
  const tz = turn.deps.timeZone;
  return events
    .filter((event) => !event.cancelled && (kinds.length <= 1 || kinds.includes(event.kind)))
    .map((event) => ({ event, session: sessionIn(event, from, to, tz) }))
    .sort((a, b) => (a.session?.start ?? '').localeCompare(b.session?.start ?? ''))
    .map(({ event }) => event);
}

function eventLines(
  turn: Turn,
  events: readonly Event[],
  from: CalendarDate,
  to: CalendarDate,
): { lines: string[]; shown: ShownEvent[] } {
  const shown = events.slice(0, MAX_EVENTS_SHOWN);
  const lines = shown.map((event, index) => {
    const session = sessionIn(event, from, to, turn.deps.timeZone);
    return turn.t.eventLine({
      n: index + 1,
      title: text(event.title, turn.language),
      when: when(turn, session),
      place: session?.place ?? (session?.onlineUrl === undefined ? undefined : 'online'),
      seats: seats(turn, summaryOf(event)),
    });
  });
  if (events.length > shown.length) lines.push(turn.t.moreEvents(events.length - shown.length));
  return {
    lines,
    shown: shown.map((event) => ({ id: event.id, title: text(event.title, turn.language) })),
  };
}

function rangePhrase(turn: Turn, from: CalendarDate, to: CalendarDate): string {
  return turn.t.rangePhrase({
    from: formatDate(from, turn.language),
    to: formatDate(to, turn.language),
    same: from === to,
  });
}

/** What is on in a range, numbered so "the second one" can be picked next. */
async function upcomingAnswer(turn: Turn, lead?: string): Promise<Answer> {
  const { t } = turn;
  const { from, to } = rangeOf(turn);
  const events = await listEvents(turn, from, to);
  const range = rangePhrase(turn, from, to);
  const followUps: FollowUp[] = [];
  if (events.length === 0) {
    followUps.push(t.nextMonthFollowUp());
    return {
      text: [lead, t.eventsNone({ range })].filter((line) => line !== undefined).join('\n'),
      followUps,
      context: { lastEvents: [] },
    };
  }
  const { lines, shown } = eventLines(turn, events, from, to);
  const open = events.find((event) => placeHeld(event) === undefined);
  if (turn.asker.role === 'guest') {
    followUps.push(...t.helpFollowUps({ role: 'guest' }).slice(2));
  } else if (open !== undefined) {
    followUps.push(t.registerFollowUp({ title: text(open.title, turn.language) }));
  }
  followUps.push(t.nextMonthFollowUp());
  return {
    text: [lead, t.eventsIntro({ range, count: events.length }), ...lines]
      .filter((line) => line !== undefined)
      .join('\n'),
    followUps,
    context: { lastEvents: shown },
  };
}

export const eventsUpcoming: Handler = (turn) => upcomingAnswer(turn);

/** The event a message points at: by title, by position in the last list, or the only one. */
export function pickEvent(turn: Turn): EventId | undefined {
  const byTitle = turn.understanding.entities.events[0];
  if (byTitle !== undefined) return eventIdOf(byTitle.id);
  const list = turn.context.lastEvents ?? [];
  const position = ordinalIn(turn.message.text);
  if (position !== undefined) {
    return eventIdOf((position === -1 ? list[list.length - 1] : list[position])?.id);
  }
  return list.length === 1 ? eventIdOf(list[0]?.id) : undefined;
}

function eventIdOf(id: string | undefined): EventId | undefined {
  const parsed = EventId.safeParse(id);
  return parsed.success ? parsed.data : undefined;
}

async function getEvent(turn: Turn, id: EventId): Promise<Event | undefined> {
  turn.op('events.get');
  try {
    return await turn.asker.client.events.get(id);
  } catch (error) {
    if (error instanceof NotFoundError) return undefined;
    throw error;
  }
}

function refusalReason(turn: Turn, error: RuleViolationError): string {
  const { t } = turn;
  switch (error.rule) {
    case 'event.registration_not_open':
      return t.registrationNotOpen();
    case 'event.registration_closed':
      return t.registrationClosed();
    case 'event.not_in_audience':
      return t.notInAudience();
    case 'event.cancelled':
      return t.eventCancelled();
    default:
      return error.messages?.[turn.language] ?? t.failed();
  }
}

export const eventRegister: Handler = async (turn) => {
  const { t } = turn;
  const id = pickEvent(turn);
  if (id === undefined) return upcomingAnswer(turn, t.whichEvent());
  // The catalog's event (read at most a minute ago, with the asker's own registration) when it
  // shows no place held; read now when the catalog does not have it, or shows a place held,
  // which may have been given up since.
  const known = turn.catalog.events.find((event) => event.id === id);
  const event =
    known !== undefined && summaryOf(known) !== undefined && placeHeld(known) === undefined
      ? known
      : await getEvent(turn, id);
  if (event === undefined) return upcomingAnswer(turn, t.eventNotFound());
  const title = text(event.title, turn.language);
  const session = sessionIn(event, turn.today, addDays(turn.today, 366), turn.deps.timeZone);
  const mine = placeHeld(event);
  if (mine !== undefined) {
    return {
      text: t.alreadyRegistered({ title, status: t.labels.registrationStatus[mine.status] }),
      followUps: [t.cancelFollowUp({ title }), t.myRegistrationsFollowUp()],
    };
  }

  turn.op('events.register');
  try {
    // No read before the write when the catalog knows the event: the API refuses a second
    // registration (`event.already_registered`, below) whatever the catalog says.
    const registration = await turn.asker.client.events.register(event.id);
    noteOwnRegistration(turn, event.id, {
      id: registration.id,
      status: registration.status,
      sequence: registration.sequence,
    });
    if (registration.status === 'waitlisted') {
      const after = await getEvent(turn, event.id);
      const waitlist = after === undefined ? undefined : summaryOf(after)?.waitlisted;
      return {
        text: t.waitlisted({ title, position: waitlist }),
        followUps: [t.myRegistrationsFollowUp(), t.cancelFollowUp({ title })],
      };
    }
    return {
      text: t.registered({ title, when: when(turn, session) }),
      followUps: [t.myRegistrationsFollowUp(), t.cancelFollowUp({ title })],
    };
  } catch (error) {
    // Gone since the catalog was read.
    if (error instanceof NotFoundError) return upcomingAnswer(turn, t.eventNotFound());
    if (error instanceof RuleViolationError) {
      if (error.rule === 'event.already_registered') {
        return {
          text: t.alreadyRegistered({ title, status: t.labels.registrationStatus.registered }),
        };
      }
      return {
        text: t.registrationRefused({ title, reason: refusalReason(turn, error) }),
        followUps: [t.eventsFollowUp()],
      };
    }
    throw error;
  }
};

/** Upcoming events the asker holds a place in, soonest first. */
async function myEvents(turn: Turn): Promise<Event[]> {
  const to = addDays(turn.today, 366);
  const events = await listEvents(turn, turn.today, to);
  return events.filter((event) => placeHeld(event) !== undefined);
}

async function registrationsAnswer(turn: Turn, lead?: string): Promise<Answer> {
  const { t } = turn;
  const events = await myEvents(turn);
  if (events.length === 0) {
    return {
      text: [lead, t.myRegistrationsNone()].filter((line) => line !== undefined).join('\n'),
      followUps: [t.eventsFollowUp()],
    };
  }
  const to = addDays(turn.today, 366);
  const lines = events.map((event) => {
    const mine = summaryOf(event)?.mine;
    return t.registrationLine({
      title: text(event.title, turn.language),
      when: when(turn, sessionIn(event, turn.today, to, turn.deps.timeZone)),
      status: mine === undefined || mine === null ? '' : t.labels.registrationStatus[mine.status],
    });
  });
  const shown = events.map((event) => ({ id: event.id, title: text(event.title, turn.language) }));
  const first = shown[0];
  return {
    text: [lead, t.myRegistrationsIntro({ count: events.length }), ...lines]
      .filter((line) => line !== undefined)
      .join('\n'),
    followUps: [
      ...(first === undefined ? [] : [t.cancelFollowUp({ title: first.title })]),
      t.eventsFollowUp(),
    ],
    context: { lastEvents: shown },
  };
}

export const myRegistrations: Handler = (turn) => registrationsAnswer(turn);

export const eventCancel: Handler = async (turn) => {
  const { t } = turn;
  const id = pickEvent(turn);
  if (id === undefined) return registrationsAnswer(turn, t.whichEvent());
  const known = turn.catalog.events.find((event) => event.id === id);
  const place = known === undefined ? undefined : placeHeld(known);
  let refused: string | undefined;
  if (known !== undefined && place !== undefined) {
    // The catalog names the place: cancel it without reading the event first. A place given up
    // since (409) or gone (404) sends the turn on to the event as it is now, below.
    turn.op('events.cancelRegistration');
    try {
      await turn.asker.client.events.cancelRegistration(known.id, place.id);
      noteOwnRegistration(turn, known.id, null);
      return cancelledAnswer(turn, text(known.title, turn.language));
    } catch (error) {
      if (error instanceof RuleViolationError) refused = place.id;
      else if (!(error instanceof NotFoundError)) throw error;
    }
  }
  // Read now: a place the catalog does not know of may have been taken within its minute.
  const event = await getEvent(turn, id);
  if (event === undefined) return registrationsAnswer(turn, t.whichEvent());
  const title = text(event.title, turn.language);
  const mine = placeHeld(event);
  if (mine === undefined) {
    noteOwnRegistration(turn, event.id, null);
    return { text: t.notRegistered({ title }), followUps: [t.myRegistrationsFollowUp()] };
  }
  // Still held, and just refused: the API's answer stands (asking again would change nothing).
  if (mine.id === refused) return { text: t.cancelRefused({ title }) };
  turn.op('events.cancelRegistration');
  try {
    await turn.asker.client.events.cancelRegistration(event.id, mine.id);
  } catch (error) {
    if (error instanceof RuleViolationError) {
      return { text: t.cancelRefused({ title }) };
    }
    throw error;
  }
  noteOwnRegistration(turn, event.id, null);
  return cancelledAnswer(turn, title);
};

function cancelledAnswer(turn: Turn, title: string): Answer {
  const { t } = turn;
  return {
    text: t.cancelled({ title }),
    followUps: [t.eventsFollowUp(), t.myRegistrationsFollowUp()],
  };
}
