/**
 * What changes an event's registrations shares, for the registration routes and for an event
 * whose capacity changes. Every function here runs inside a transaction that holds the event's
 * row lock, so registrations of one event change one after another.
 */
import { type Event, promoteWaitlisted, type Registration } from '@passerelle/core';
import { and, asc, eq, max, or, sql } from 'drizzle-orm';
import { type Actor, writeAudit } from '../audit';
import { storedRecord, updateRecord } from '../db/records';
import { registrations } from '../db/schema';
import { anyOf } from '../db/sql';
import { reusable } from '../db/statements';
import type { Queryable, Tx } from '../db/store';
import { ApiError } from '../http/problem';
import { registrationRepository as repository } from '../repositories/events';
import { activeStatuses } from './events';

/**
 * The registrations of an event that its rules look at, in arrival order (the event's row must
 * be locked): the active ones (registered, waitlisted, attended: seats, the waitlist, a second
 * registration), the last to arrive whatever its status (the next one's sequence follows it),
 * and `also` when given (the one a request names, to cancel it). Cancelled and no-show
 * registrations change no rule's answer; reading them all made every registration, cancellation
 * and promotion linear in the event's history.
 */
export async function registrationsOf(
  tx: Queryable,
  eventId: string,
  also?: string,
): Promise<Registration[]> {
  const run = also === undefined ? activeAndLast : activeLastAndOne;
  const rows = await run(tx, { eventId, also });
  return rows.map((row) => storedRecord(repository, row.data));
}

/** `registrationsOf`'s statement, with the clause for `also` or without. */
function registrationsStatement(withAlso: boolean) {
  return (db: Queryable) => {
    const eventId = sql.placeholder('eventId');
    const lastSequence = db
      .select({ sequence: max(registrations.sequence) })
      .from(registrations)
      .where(eq(registrations.eventId, eventId));
    return db
      .select({ data: registrations.data })
      .from(registrations)
      .where(
        and(
          eq(registrations.eventId, eventId),
          or(
            anyOf(registrations.status, activeStatuses),
            eq(registrations.sequence, sql`(${lastSequence})`),
            withAlso ? eq(registrations.id, sql.placeholder('also')) : undefined,
          ),
        ),
      )
      .orderBy(asc(registrations.sequence));
  };
}

const activeAndLast = reusable('passerelle_event_registrations', registrationsStatement(false));
const activeLastAndOne = reusable(
  'passerelle_event_registrations_also',
  registrationsStatement(true),
);

/** Writes a changed registration (its version checked) with its audit entry. */
export async function writeRegistration(
  tx: Tx,
  actor: Actor,
  before: Registration,
  after: Registration,
  action: string,
  details: Record<string, unknown>,
): Promise<void> {
  const written = await updateRecord(tx, repository, after, before.version);
  // The event's row is locked, so this fails only if a driver ignored the lock.
  if (!written) {
    throw new ApiError('precondition_failed', { data: { currentVersion: before.version } });
  }
  await writeAudit(tx, actor, {
    action,
    entity: 'registration',
    entityId: after.id,
    versionBefore: before.version,
    versionAfter: after.version,
    details,
  });
}

/**
 * Gives the seats an event gained (a raised or removed capacity) to its waitlist, first come
 * first served, in the transaction that changes the event. Answers the promoted registrations.
 */
export async function fillFreedSeats(
  tx: Tx,
  actor: Actor,
  event: Pick<Event, 'id' | 'capacity'>,
): Promise<Registration[]> {
  const current = await registrationsOf(tx, event.id);
  const promoted = promoteWaitlisted({ event, registrations: current, now: actor.now });
  const byId = new Map(current.map((registration) => [registration.id, registration]));
  for (const after of promoted) {
    const before = byId.get(after.id) ?? after;
    await writeRegistration(tx, actor, before, after, 'registration.promote', {
      reason: 'capacity',
      eventId: event.id,
      capacity: event.capacity ?? null,
    });
  }
  return promoted;
}
