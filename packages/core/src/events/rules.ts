import { fail, ok, pickText, type RegistrationId, type RuleResult } from '../shared';
import type { ProgrammeKind } from '../students/schemas';
import {
  type Event,
  type Participant,
  participantKey,
  type Registration,
  type RegistrationStatus,
} from './schemas';

/** Who wants to come: a student of some programme kind, a member of staff, or a guest. */
export type AudienceMember =
  | { kind: 'student'; programmeKind: ProgrammeKind }
  | { kind: 'staff' }
  | { kind: 'guest' };

/** True when the event's audience includes this person ('public' includes everyone). */
export function isOpenTo(event: Pick<Event, 'audience'>, who: AudienceMember): boolean {
  const audience = event.audience;
  if (audience.includes('public')) return true;
  switch (who.kind) {
    case 'student':
      return audience.includes('all_students') || audience.includes(who.programmeKind);
    case 'staff':
      return audience.includes('staff');
    case 'guest':
      return false;
  }
}

type WindowEvent = Pick<
  Event,
  'title' | 'cancelled' | 'registrationOpensAt' | 'registrationClosesAt' | 'sessions'
>;

function firstSessionStart(event: Pick<Event, 'sessions'>): string | undefined {
  let first: string | undefined;
  for (const session of event.sessions) {
    if (first === undefined || Date.parse(session.start) < Date.parse(first)) first = session.start;
  }
  return first;
}

/**
 * Registration is open from `registrationOpensAt` (or always) until `registrationClosesAt`,
 * or, when no close time is given, until the first session starts.
 */
export function registrationWindow(event: WindowEvent, now: Date): RuleResult<true> {
  const title = (language: 'en' | 'zh' | 'fr') => pickText(event.title, language);
  const at = now.toISOString();
  if (event.cancelled) {
    return fail(
      'event.cancelled',
      {
        en: `"${title('en')}" has been cancelled.`,
        zh: `“${title('zh')}”已取消。`,
        fr: `« ${title('fr')} » a été annulé.`,
      },
      { now: at },
    );
  }
  const opensAt = event.registrationOpensAt;
  if (opensAt !== undefined && now.getTime() < Date.parse(opensAt)) {
    return fail(
      'event.registration_not_open',
      {
        en: `Registration for "${title('en')}" opens at ${opensAt}.`,
        zh: `“${title('zh')}”的报名将于 ${opensAt} 开始。`,
        fr: `Les inscriptions à « ${title('fr')} » ouvrent le ${opensAt}.`,
      },
      { opensAt, now: at },
    );
  }
  const closesAt = event.registrationClosesAt ?? firstSessionStart(event);
  if (closesAt !== undefined && now.getTime() >= Date.parse(closesAt)) {
    return fail(
      'event.registration_closed',
      {
        en: `Registration for "${title('en')}" closed at ${closesAt}.`,
        zh: `“${title('zh')}”的报名已于 ${closesAt} 截止。`,
        fr: `Les inscriptions à « ${title('fr')} » sont closes depuis le ${closesAt}.`,
      },
      {
        closesAt,
        closedBy: event.registrationClosesAt !== undefined ? 'close_time' : 'first_session',
        now: at,
      },
    );
  }
  return ok(true);
}

const holdsSeat = (status: RegistrationStatus) => status === 'registered' || status === 'attended';
const isActive = (status: RegistrationStatus) =>
  status === 'registered' || status === 'waitlisted' || status === 'attended';

export type RegistrationEvent = WindowEvent & Pick<Event, 'id' | 'audience' | 'capacity'>;

function audienceOf(participant: Participant): AudienceMember | undefined {
  switch (participant.kind) {
    case 'staff':
      return { kind: 'staff' };
    case 'guest':
      return { kind: 'guest' };
    case 'student':
      // The programme kind is not in the participant; the caller passes it when it knows it.
      return undefined;
  }
}

function admitsSomeStudent(event: Pick<Event, 'audience'>): boolean {
  return event.audience.some((group) => group !== 'staff');
}

/**
 * Rule 7: a registration inside the window, for someone in the audience, not twice; beyond
 * capacity it goes to the first-come waitlist.
 */
export function register(input: {
  event: RegistrationEvent;
  registrations: readonly Registration[];
  participant: Participant;
  /** Who the participant is; for a student, their programme kind. */
  audience?: AudienceMember;
  now: Date;
  id: RegistrationId;
}): RuleResult<{ registration: Registration }> {
  const { event, participant, now } = input;
  const registrations = input.registrations.filter((r) => r.eventId === event.id);
  const key = participantKey(participant);
  const title = (language: 'en' | 'zh' | 'fr') => pickText(event.title, language);

  const existing = registrations.find(
    (r) => participantKey(r.participant) === key && isActive(r.status),
  );
  if (existing !== undefined) {
    return fail(
      'event.already_registered',
      {
        en: `Already registered for "${title('en')}" (status: ${existing.status}).`,
        zh: `已报名“${title('zh')}”（状态：${existing.status}）。`,
        fr: `Déjà inscrit à « ${title('fr')} » (statut : ${existing.status}).`,
      },
      { registrationId: existing.id, status: existing.status, participantKey: key },
    );
  }

  const who = input.audience ?? audienceOf(participant);
  const open = who !== undefined ? isOpenTo(event, who) : admitsSomeStudent(event);
  if (!open) {
    const groups = event.audience.join(', ');
    return fail(
      'event.not_in_audience',
      {
        en: `"${title('en')}" is open to: ${groups}.`,
        zh: `“${title('zh')}”仅面向：${groups}。`,
        fr: `« ${title('fr')} » est réservé à : ${groups}.`,
      },
      { audience: event.audience, who: who ?? { kind: participant.kind } },
    );
  }

  const window = registrationWindow(event, now);
  if (!window.ok) return window;

  const seatsTaken = registrations.filter((r) => holdsSeat(r.status)).length;
  const seatFree = event.capacity === undefined || seatsTaken < event.capacity;
  const sequence = registrations.reduce((max, r) => Math.max(max, r.sequence), 0) + 1;
  const at = now.toISOString();
  return ok({
    registration: {
      id: input.id,
      eventId: event.id,
      participant,
      status: seatFree ? 'registered' : 'waitlisted',
      sequence,
      registeredAt: at,
      updatedAt: at,
      version: 1,
    },
  });
}

/**
 * Cancels a registered or waitlisted registration. A freed seat goes to the waitlisted
 * registration that came first.
 */
export function cancelRegistration(input: {
  event: Pick<Event, 'id' | 'capacity'>;
  registrations: readonly Registration[];
  registrationId: RegistrationId;
  now: Date;
}): RuleResult<{ cancelled: Registration; promoted: Registration | null }> {
  const { event, registrationId } = input;
  const registrations = input.registrations.filter((r) => r.eventId === event.id);
  const target = registrations.find((r) => r.id === registrationId);
  if (target === undefined) {
    return fail(
      'registration.not_found',
      {
        en: `No registration ${registrationId} for this event.`,
        zh: `该活动没有报名记录 ${registrationId}。`,
        fr: `Aucune inscription ${registrationId} pour cet événement.`,
      },
      { registrationId, eventId: event.id },
    );
  }
  if (target.status !== 'registered' && target.status !== 'waitlisted') {
    return fail(
      'registration.not_cancellable',
      {
        en: `A registration with status "${target.status}" cannot be cancelled.`,
        zh: `状态为“${target.status}”的报名无法取消。`,
        fr: `Une inscription au statut « ${target.status} » ne peut pas être annulée.`,
      },
      { registrationId, status: target.status, cancellable: ['registered', 'waitlisted'] },
    );
  }

  const at = input.now.toISOString();
  const cancelled: Registration = {
    ...target,
    status: 'cancelled',
    updatedAt: at,
    version: target.version + 1,
  };
  let promoted: Registration | null = null;
  if (target.status === 'registered') {
    const seatsTaken = registrations.filter(
      (r) => r.id !== target.id && holdsSeat(r.status),
    ).length;
    if (event.capacity === undefined || seatsTaken < event.capacity) {
      const first = registrations
        .filter((r) => r.status === 'waitlisted')
        .sort((a, b) => a.sequence - b.sequence || a.id.localeCompare(b.id))[0];
      if (first !== undefined) {
        promoted = { ...first, status: 'registered', updatedAt: at, version: first.version + 1 };
      }
    }
  }
  return ok({ cancelled, promoted });
}

/**
 * After an event's capacity was raised (or removed), the waitlisted registrations that now have a
 * seat, first come first served. A lowered capacity takes no seat back: everyone registered
 * stays registered, and the waitlist moves again only once seats are free.
 */
export function promoteWaitlisted(input: {
  event: Pick<Event, 'id' | 'capacity'>;
  registrations: readonly Registration[];
  now: Date;
}): Registration[] {
  const registrations = input.registrations.filter((r) => r.eventId === input.event.id);
  const waiting = registrations
    .filter((r) => r.status === 'waitlisted')
    .sort((a, b) => a.sequence - b.sequence || a.id.localeCompare(b.id));
  const capacity = input.event.capacity;
  const free =
    capacity === undefined
      ? waiting.length
      : Math.max(0, capacity - registrations.filter((r) => holdsSeat(r.status)).length);
  const at = input.now.toISOString();
  return waiting
    .slice(0, free)
    .map((r) => ({ ...r, status: 'registered', updatedAt: at, version: r.version + 1 }));
}

/** The list with changed registrations replaced (by id) and new ones appended. */
export function applyRegistrationChanges(
  registrations: readonly Registration[],
  changed: readonly Registration[],
): Registration[] {
  const byId = new Map(changed.map((r) => [r.id, r]));
  const next = registrations.map((r) => {
    const replacement = byId.get(r.id);
    if (replacement === undefined) return r;
    byId.delete(r.id);
    return replacement;
  });
  return [...next, ...byId.values()];
}

/**
 * Records whether a registered person came. Staff may correct a mark (attended ↔ no_show);
 * marking the same status again changes nothing.
 */
export function markAttendance(
  registration: Registration,
  status: 'attended' | 'no_show',
  now: Date,
): RuleResult<Registration> {
  if (registration.status === status) return ok(registration);
  const from = registration.status;
  if (from !== 'registered' && from !== 'attended' && from !== 'no_show') {
    return fail(
      'registration.not_attendable',
      {
        en: `Attendance can only be recorded for a registered person, not one whose registration is "${from}".`,
        zh: `只能为已报名者登记出席情况，该报名的状态为“${from}”。`,
        fr: `La présence ne peut être notée que pour une personne inscrite, pas pour une inscription « ${from} ».`,
      },
      { registrationId: registration.id, status: from, wanted: status },
    );
  }
  return ok({
    ...registration,
    status,
    updatedAt: now.toISOString(),
    version: registration.version + 1,
  });
}

export interface RegistrationCounts {
  registered: number;
  waitlisted: number;
  cancelled: number;
  attended: number;
  noShow: number;
}

export function registrationCounts(
  registrations: readonly Pick<Registration, 'status'>[],
): RegistrationCounts {
  const counts: RegistrationCounts = {
    registered: 0,
    waitlisted: 0,
    cancelled: 0,
    attended: 0,
    noShow: 0,
  };
  for (const { status } of registrations) {
    if (status === 'no_show') counts.noShow++;
    else counts[status]++;
  }
  return counts;
}
