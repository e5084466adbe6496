/**
 * The event registrations sheet. Export: one row per registration, with the event's title and
 * the participant's name for the reader. Import, all rows or none:
 *
 * - a row without an id registers its participant through core `register` (rule 7): inside
 *   the registration window, for someone in the audience, not twice, and beyond capacity onto
 *   the waitlist, in the sheet's order;
 * - a row with an id changes that registration's status: `cancelled` (core
 *   `cancelRegistration`: the freed seat goes to the first of the waitlist), `attended` or
 *   `no_show` (core `markAttendance`); the same status changes nothing.
 */
import {
  type AudienceMember,
  applyRegistrationChanges,
  cancelRegistration,
  markAttendance,
  newId,
  Participant,
  ProgrammeKind,
  participantKey,
  type Registration,
  RegistrationId,
  register,
} from '@passerelle/core';
import { asc, inArray } from 'drizzle-orm';
import type { Actor } from '../../audit';
import { storedRecord, updateRecord } from '../../db/records';
import { events, registrations, staff, students } from '../../db/schema';
import type { Db, Tx } from '../../db/store';
import { newLocalId } from '../../ids';
import { eventRepository, registrationRepository } from '../../repositories/events';
import { type Column, type Draft, field, parseCell, readOnly } from './columns';
import type { SheetTable } from './format';
import {
  type AuditItem,
  ErrorList,
  emptyReport,
  finish,
  type ImportOptions,
  type ImportReport,
  inTransaction,
  lockRecords,
  type MappedRow,
  mapHeaders,
  mapRows,
  summaryEntry,
  writeAuditBatch,
} from './importer';

/** A registration as exported: the record, its event's title and the participant's name. */
export interface RegistrationRow {
  registration: Registration;
  eventTitle: string;
  participantName: string;
}

const participantField = (key: string) => (row: RegistrationRow) => {
  const participant = row.registration.participant as Record<string, unknown>;
  const value = participant[key];
  return typeof value === 'string' ? value : undefined;
};

export const registrationColumns: Column<RegistrationRow>[] = [
  readOnly<RegistrationRow>(
    'id',
    'text',
    (r) => r.registration.id,
    'The registration id. On import: blank registers the participant; an id changes that registration (status only).',
  ),
  field<RegistrationRow>(
    'event_id',
    'text',
    'eventId',
    (r) => r.registration.eventId,
    'Event id (evt_…)',
    { requiredOnCreate: true, aliases: ['event'] },
  ),
  readOnly<RegistrationRow>('event_title', 'text', (r) => r.eventTitle, 'Export only.'),
  field<RegistrationRow>(
    'participant_kind',
    'enum',
    'participant.kind',
    (r) => r.registration.participant.kind,
    'student, staff or guest (may be left blank when one of the id or guest columns says it)',
    { aliases: ['kind', 'participant'] },
  ),
  field<RegistrationRow>(
    'student_id',
    'text',
    'participant.studentId',
    participantField('studentId'),
    'Student id (stu_…), for a student',
  ),
  field<RegistrationRow>(
    'staff_id',
    'text',
    'participant.staffId',
    participantField('staffId'),
    'Staff id (stf_…), for a member of staff',
  ),
  field<RegistrationRow>(
    'guest_name',
    'text',
    'participant.name',
    participantField('name'),
    'Name, for a guest',
  ),
  field<RegistrationRow>(
    'guest_email',
    'text',
    'participant.email',
    participantField('email'),
    'Email, for a guest',
    { aliases: ['email'] },
  ),
  readOnly<RegistrationRow>('participant_name', 'text', (r) => r.participantName, 'Export only.'),
  field<RegistrationRow>(
    'status',
    'enum',
    'status',
    (r) => r.registration.status,
    'registered, waitlisted, cancelled, attended or no_show. New rows: blank (the capacity decides registered or waitlisted). Existing rows: cancelled, attended or no_show change it.',
  ),
  readOnly<RegistrationRow>(
    'sequence',
    'integer',
    (r) => r.registration.sequence,
    'Export only: order of arrival (the waitlist order).',
  ),
  readOnly<RegistrationRow>(
    'registered_at',
    'instant',
    (r) => r.registration.registeredAt,
    'Export only.',
  ),
  readOnly<RegistrationRow>(
    'version',
    'integer',
    (r) => r.registration.version,
    'The version exported; when given on import, the row is refused if the registration has changed since.',
  ),
  readOnly<RegistrationRow>(
    'updated_at',
    'instant',
    (r) => r.registration.updatedAt,
    'Export only.',
  ),
];

/** The event titles and participant names a page of registrations needs, read in two queries. */
export async function registrationRows(
  db: Db,
  list: readonly Registration[],
  language: 'en' | 'zh' | 'fr' = 'en',
): Promise<RegistrationRow[]> {
  const eventIds = [...new Set(list.map((r) => r.eventId))];
  const studentIds = [
    ...new Set(
      list.flatMap((r) => (r.participant.kind === 'student' ? [r.participant.studentId] : [])),
    ),
  ];
  const staffIds = [
    ...new Set(
      list.flatMap((r) => (r.participant.kind === 'staff' ? [r.participant.staffId] : [])),
    ),
  ];
  const titles = new Map<string, string>();
  if (eventIds.length > 0) {
    const rows = await db
      .select({ id: events.id, data: events.data })
      .from(events)
      .where(inArray(events.id, eventIds));
    for (const row of rows) {
      const event = storedRecord(eventRepository, row.data);
      titles.set(
        row.id,
        event.title[language] ?? event.title.en ?? event.title.fr ?? event.title.zh ?? '',
      );
    }
  }
  const names = new Map<string, string>();
  if (studentIds.length > 0) {
    const rows = await db
      .select({ id: students.id, name: students.data })
      .from(students)
      .where(inArray(students.id, studentIds));
    for (const row of rows) names.set(row.id, nameIn(row.name, 'fullName'));
  }
  if (staffIds.length > 0) {
    const rows = await db
      .select({ id: staff.id, name: staff.data })
      .from(staff)
      .where(inArray(staff.id, staffIds));
    for (const row of rows) names.set(row.id, nameIn(row.name, 'name'));
  }
  return list.map((registration) => {
    const participant = registration.participant;
    const participantName =
      participant.kind === 'guest'
        ? participant.name
        : (names.get(
            participant.kind === 'student' ? participant.studentId : participant.staffId,
          ) ?? '');
    return { registration, eventTitle: titles.get(registration.eventId) ?? '', participantName };
  });
}

function nameIn(data: unknown, key: string): string {
  if (typeof data !== 'object' || data === null || !(key in data)) return '';
  const value = (data as Record<string, unknown>)[key];
  return typeof value === 'string' ? value : '';
}

interface PlannedRow {
  row: number;
  id: string | undefined;
  eventId: string;
  participant: Participant | undefined;
  status: string | undefined;
  version: number | undefined;
}

/** Which column a refusal by rule 7 is about. */
const ruleColumns: Record<string, string> = {
  'event.already_registered': 'participant_kind',
  'event.not_in_audience': 'participant_kind',
  'event.registration_not_open': 'event_id',
  'event.registration_closed': 'event_id',
  'event.cancelled': 'event_id',
};

export async function importRegistrations(
  db: Db,
  actor: Actor,
  table: SheetTable,
  options: ImportOptions,
): Promise<ImportReport> {
  const report = emptyReport('registrations', options);
  const { byIndex, ignored, duplicate, headerOf } = mapHeaders(registrationColumns, table);
  report.ignoredColumns = ignored;
  const errors = new ErrorList((name) => headerOf.get(name));
  for (const problem of duplicate) errors.add(problem.row, problem.column, problem.message);
  const rows = mapRows(table, byIndex);
  report.rows = rows.length;
  if (!headerOf.has('event_id') && !headerOf.has('id')) {
    errors.add(1, 'event_id', 'no column "event_id": each registration names its event');
  }
  if (errors.count > 0) return finish(report, errors);

  const planned = rows.flatMap((row) => planRow(row, errors));
  if (errors.count > 0) return finish(report, errors);

  return inTransaction(db, async (tx) => {
    const existing = await readExisting(tx, planned);
    const eventIds = new Set(planned.map((plan) => plan.eventId));
    for (const registration of existing.values()) eventIds.add(registration.eventId);
    const eventList = await lockRecords(tx, eventRepository, [...eventIds]);
    const lists = await registrationsOf(tx, [...eventList.keys()]);
    const audiences = await audiencesOf(tx, planned);

    const importId = newLocalId('imp', actor.now.getTime());
    const inserts: Registration[] = [];
    const updates = new Map<
      string,
      { before: Registration; after: Registration; row: number; action: string }
    >();
    const audit: AuditItem[] = [];
    const original = new Map<string, Registration>(
      [...lists.values()].flat().map((r) => [r.id, r]),
    );

    for (const plan of planned) {
      const event = eventList.get(plan.eventId);
      if (plan.id !== undefined) {
        // As read after the events were locked (every change to a registration locks its event first).
        const current = original.get(plan.id);
        if (current === undefined) {
          errors.add(
            plan.row,
            'id',
            `there is no registration ${plan.id}; leave the id blank to register`,
          );
          continue;
        }
        if (current.eventId !== plan.eventId) {
          errors.add(plan.row, 'event_id', `${plan.id} is a registration for ${current.eventId}`);
          continue;
        }
        if (
          plan.participant !== undefined &&
          participantKey(plan.participant) !== participantKey(current.participant)
        ) {
          errors.add(
            plan.row,
            'participant_kind',
            'the participant of a registration does not change; cancel it and register the other person',
          );
          continue;
        }
        const stored = original.get(current.id) ?? current;
        if (plan.version !== undefined && plan.version !== stored.version) {
          errors.add(
            plan.row,
            'version',
            `${plan.id} has changed since this sheet was exported (version ${plan.version}, now ${stored.version}); export again`,
          );
          continue;
        }
        const list = lists.get(current.eventId) ?? [];
        const latest = list.find((r) => r.id === current.id) ?? current;
        // The sheet's status is compared with the one exported: a row that leaves it asks for
        // nothing, even if an earlier row moved it (a promotion from the waitlist).
        if (plan.status === undefined || plan.status === current.status) {
          if (!updates.has(current.id)) report.unchanged++;
          continue;
        }
        let changed: Registration[];
        let action: string;
        if (plan.status === 'cancelled' && event !== undefined) {
          const outcome = cancelRegistration({
            event,
            registrations: list,
            registrationId: latest.id,
            now: actor.now,
          });
          if (!outcome.ok) {
            errors.add(plan.row, 'status', outcome.violation.message.en);
            continue;
          }
          changed =
            outcome.value.promoted === null
              ? [outcome.value.cancelled]
              : [outcome.value.cancelled, outcome.value.promoted];
          action = 'registration.cancel';
        } else if (plan.status === 'attended' || plan.status === 'no_show') {
          const outcome = markAttendance(latest, plan.status, actor.now);
          if (!outcome.ok) {
            errors.add(plan.row, 'status', outcome.violation.message.en);
            continue;
          }
          changed = [outcome.value];
          action = 'registration.attendance';
        } else {
          errors.add(
            plan.row,
            'status',
            `an import changes a registration only to cancelled, attended or no_show (it is ${latest.status})`,
          );
          continue;
        }
        lists.set(current.eventId, applyRegistrationChanges(list, changed));
        for (const after of changed) {
          const before = original.get(after.id) ?? after;
          const previous = updates.get(after.id);
          updates.set(after.id, {
            before,
            after,
            row: plan.row,
            action:
              previous === undefined
                ? after.id === latest.id
                  ? action
                  : 'registration.promote'
                : previous.action,
          });
        }
        continue;
      }

      // A new registration: rule 7 against the event as the rows before it left it.
      if (event === undefined) {
        errors.add(plan.row, 'event_id', `there is no event ${plan.eventId}`);
        continue;
      }
      const participant = plan.participant;
      if (participant === undefined) continue;
      const audience = audiences.get(participantKey(participant));
      if (audience === null) {
        const column = participant.kind === 'student' ? 'student_id' : 'staff_id';
        errors.add(
          plan.row,
          column,
          `there is no ${participant.kind === 'student' ? 'student' : 'member of staff'} ${participant.kind === 'student' ? participant.studentId : participant.kind === 'staff' ? participant.staffId : ''}`,
        );
        continue;
      }
      if (
        plan.status !== undefined &&
        plan.status !== 'registered' &&
        plan.status !== 'waitlisted'
      ) {
        errors.add(
          plan.row,
          'status',
          'a new registration is registered or waitlisted (the capacity decides); record attendance or cancel it once imported',
        );
        continue;
      }
      const list = lists.get(event.id) ?? [];
      const outcome = register({
        event,
        registrations: list,
        participant,
        ...(audience === undefined ? {} : { audience }),
        now: actor.now,
        id: newId('reg', actor.now.getTime()),
      });
      if (!outcome.ok) {
        errors.add(
          plan.row,
          ruleColumns[outcome.violation.rule] ?? null,
          outcome.violation.message.en,
        );
        continue;
      }
      const created = registrationRepository.schema.parse(outcome.value.registration);
      lists.set(event.id, [...list, created]);
      inserts.push(created);
      audit.push({
        action: 'registration.create',
        entity: 'registration',
        entityId: created.id,
        versionAfter: created.version,
        details: {
          importId,
          row: plan.row,
          eventId: event.id,
          status: created.status,
          sequence: created.sequence,
        },
      });
    }
    if (errors.count > 0) return finish(report, errors);

    for (let start = 0; start < inserts.length; start += 500) {
      await tx
        .insert(registrations)
        .values(inserts.slice(start, start + 500).map((r) => registrationRepository.toRow(r)));
    }
    for (const { before, after, row, action } of updates.values()) {
      await updateRecord(tx, registrationRepository, after, before.version);
      audit.push({
        action,
        entity: 'registration',
        entityId: after.id,
        versionBefore: before.version,
        versionAfter: after.version,
        details: { importId, row, eventId: after.eventId, status: after.status },
      });
    }
    report.created = inserts.length;
    report.updated = updates.size;
    if (report.created + report.updated > 0) {
      report.importId = importId;
      audit.push(summaryEntry(importId, report));
      await writeAuditBatch(tx, actor, audit);
    }
    return report;
  });
}

/** A row as a plan: its id, event, participant, wanted status and version; errors otherwise. */
function planRow(row: MappedRow<RegistrationRow>, errors: ErrorList): PlannedRow[] {
  const values = new Map<string, string | number | undefined>();
  let failed = false;
  const draft: Draft = {};
  for (const [column, cell] of row.cells) {
    const parsed = parseCell(column.kind, cell.value);
    if (!parsed.ok) {
      errors.add(row.row, column.name, parsed.message);
      failed = true;
      continue;
    }
    const value = parsed.value;
    values.set(
      column.name,
      typeof value === 'string' || typeof value === 'number' ? value : undefined,
    );
    if (column.set !== undefined && column.name !== 'event_id' && column.name !== 'status')
      column.set(draft, value);
  }
  if (failed) return [];
  const text = (name: string) => {
    const value = values.get(name);
    return typeof value === 'string' && value !== '' ? value : undefined;
  };
  const id = text('id');
  if (id !== undefined && !RegistrationId.safeParse(id).success) {
    errors.add(row.row, 'id', `"${id}" is not a reg_… id; leave it blank to register`);
    return [];
  }
  const eventId = text('event_id');
  if (eventId === undefined) {
    errors.add(row.row, 'event_id', 'is required');
    return [];
  }
  const versionValue = values.get('version');
  const version = typeof versionValue === 'number' ? versionValue : undefined;
  const status = text('status');
  let participant: Participant | undefined;
  const given = draft.participant as Draft | undefined;
  if (given !== undefined) {
    if (given.kind === undefined) {
      given.kind =
        given.studentId !== undefined ? 'student' : given.staffId !== undefined ? 'staff' : 'guest';
    }
    // Only the fields of the participant's kind count (an export fills no others).
    const keys: Record<string, string[]> = {
      student: ['studentId'],
      staff: ['staffId'],
      guest: ['name', 'email'],
    };
    const kept: Draft = { kind: given.kind };
    for (const key of keys[String(given.kind)] ?? [])
      if (given[key] !== undefined) kept[key] = given[key];
    const checked = Participant.safeParse(kept);
    if (!checked.success) {
      for (const issue of checked.error.issues) {
        const key = String(issue.path[0] ?? 'kind');
        const column =
          {
            kind: 'participant_kind',
            studentId: 'student_id',
            staffId: 'staff_id',
            name: 'guest_name',
            email: 'guest_email',
          }[key] ?? 'participant_kind';
        const blank = kept[key] === undefined;
        errors.add(row.row, column, blank ? 'is required' : issue.message);
      }
      return [];
    }
    participant = checked.data;
  } else if (id === undefined) {
    errors.add(
      row.row,
      'student_id',
      'name the participant: student_id, staff_id, or guest_name and guest_email',
    );
    return [];
  }
  if (
    status !== undefined &&
    !['registered', 'waitlisted', 'cancelled', 'attended', 'no_show'].includes(status)
  ) {
    errors.add(
      row.row,
      'status',
      'must be one of registered, waitlisted, cancelled, attended, no_show',
    );
    return [];
  }
  return [{ row: row.row, id, eventId, participant, status, version }];
}

/** The registrations the rows name, read only to learn their events (which are then locked). */
async function readExisting(
  tx: Tx,
  planned: readonly PlannedRow[],
): Promise<Map<string, Registration>> {
  const ids = [...new Set(planned.flatMap((plan) => (plan.id === undefined ? [] : [plan.id])))];
  const found = new Map<string, Registration>();
  for (let start = 0; start < ids.length; start += 1000) {
    const rows = await tx
      .select({ data: registrations.data })
      .from(registrations)
      .where(inArray(registrations.id, ids.slice(start, start + 1000)));
    for (const row of rows) {
      const registration = storedRecord(registrationRepository, row.data);
      found.set(registration.id, registration);
    }
  }
  return found;
}

/** Every registration of these events, in arrival order. */
async function registrationsOf(
  tx: Tx,
  eventIds: readonly string[],
): Promise<Map<string, Registration[]>> {
  const lists = new Map<string, Registration[]>(eventIds.map((id) => [id, []]));
  for (let start = 0; start < eventIds.length; start += 500) {
    const rows = await tx
      .select({ data: registrations.data })
      .from(registrations)
      .where(inArray(registrations.eventId, eventIds.slice(start, start + 500)))
      .orderBy(asc(registrations.sequence));
    for (const row of rows) {
      const registration = storedRecord(registrationRepository, row.data);
      lists.get(registration.eventId)?.push(registration);
    }
  }
  return lists;
}

/**
 * Who each participant is for the audience rule: a student's programme kind, staff as staff;
 * null for a student or member of staff who does not exist.
 */
async function audiencesOf(
  tx: Tx,
  planned: readonly PlannedRow[],
): Promise<Map<string, AudienceMember | undefined | null>> {
  const studentIds = new Set<string>();
  const staffIds = new Set<string>();
  for (const plan of planned) {
    if (plan.participant?.kind === 'student') studentIds.add(plan.participant.studentId);
    if (plan.participant?.kind === 'staff') staffIds.add(plan.participant.staffId);
  }
  const result = new Map<string, AudienceMember | undefined | null>();
  for (const id of studentIds) result.set(`student:${id}`, null);
  for (const id of staffIds) result.set(`staff:${id}`, null);
  const studentList = [...studentIds];
  for (let start = 0; start < studentList.length; start += 1000) {
    const rows = await tx
      .select({ id: students.id, programmeKind: students.programmeKind })
      .from(students)
      .where(inArray(students.id, studentList.slice(start, start + 1000)));
    for (const row of rows) {
      const kind = ProgrammeKind.safeParse(row.programmeKind);
      if (kind.success)
        result.set(`student:${row.id}`, { kind: 'student', programmeKind: kind.data });
    }
  }
  const staffList = [...staffIds];
  for (let start = 0; start < staffList.length; start += 1000) {
    const rows = await tx
      .select({ id: staff.id })
      .from(staff)
      .where(inArray(staff.id, staffList.slice(start, start + 1000)));
    for (const row of rows) result.set(`staff:${row.id}`, undefined);
  }
  return result;
}
