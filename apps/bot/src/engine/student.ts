/**
 * A student's own record: profile, documents with their expiry dates and alerts, reminders.
 * Read with the student's rights (the self view: no document numbers, no staff notes).
 */
import {
  type DocumentAlert,
  type DocumentKind,
  daysBetween,
  documentAlerts,
  type Student,
  type StudentId,
  type StudentSelfView,
} from '@passerelle/core';
import { NotFoundError } from '@passerelle/sdk';
import type { DocumentKind as MentionedDocument } from '../nlu';
import { REMINDER_MESSAGES } from '../reminders/messages';
import { formatDate, formatDateRange, text } from './format';
import type { Answer, Handler, Turn } from './turn';
import type { ReplyField } from './types';

type StudentRecord = Student | StudentSelfView;

async function ownRecord(turn: Turn, studentId: StudentId): Promise<StudentRecord> {
  turn.op('students.get');
  return turn.asker.client.students.get(studentId);
}

/** The person's own student id; the engine calls these handlers only for students. */
function studentIdOf(turn: Turn): StudentId | undefined {
  return turn.asker.role === 'student' ? turn.asker.studentId : undefined;
}

const nameOf = (student: StudentRecord) => student.preferredName ?? student.fullName;

async function institutionName(turn: Turn, id: string | undefined): Promise<string | undefined> {
  if (id === undefined) return undefined;
  const known = turn.catalog.institutions.find((institution) => institution.id === id);
  return known === undefined ? undefined : text(known.name, turn.language);
}

async function advisorName(turn: Turn, student: StudentRecord): Promise<string | undefined> {
  if (student.advisorId === undefined) return undefined;
  turn.op('staff.get');
  try {
    const advisor = await turn.asker.client.staff.get(student.advisorId);
    return advisor.name;
  } catch (error) {
    if (error instanceof NotFoundError) return undefined;
    throw error;
  }
}

function lines(fields: ReplyField[]): string[] {
  return fields.map((field) => `• ${field.label}: ${field.value}`);
}

export const myProfile: Handler = async (turn) => {
  const { t, language } = turn;
  const id = studentIdOf(turn);
  if (id === undefined) return { text: t.studentsOnly() };
  const student = await ownRecord(turn, id);
  const [home, advisor] = await Promise.all([
    institutionName(turn, student.homeInstitutionId),
    advisorName(turn, student),
  ]);
  const programme = [t.labels.programmeKind[student.programmeKind]];
  if (student.level !== undefined) programme.push(t.labels.studyLevel[student.level]);
  const fields: ReplyField[] = [
    { label: t.fields.name, value: student.fullName },
    { label: t.fields.programme, value: programme.join(', ') },
  ];
  if (home !== undefined) fields.push({ label: t.fields.homeInstitution, value: home });
  fields.push(
    { label: t.fields.hostInstitute, value: student.hostInstitute },
    {
      label: t.fields.programmeDates,
      value: formatDateRange(student.programmeStart, student.programmeEnd, language),
    },
  );
  if (advisor !== undefined) fields.push({ label: t.fields.advisor, value: advisor });
  if (student.buddy !== undefined) fields.push({ label: t.fields.buddy, value: student.buddy });
  fields.push(
    { label: t.fields.status, value: t.labels.studentStatus[student.status] },
    { label: t.fields.reminders, value: t.reminders({ on: student.remindersEnabled }) },
  );
  return {
    text: [t.profileIntro({ name: nameOf(student) }), ...lines(fields)].join('\n'),
    fields,
    followUps: t.helpFollowUps({ role: 'student' }).slice(1),
  };
};

/** The documents a message names, as the record calls them (visa and permit are one). */
function documentsAsked(mentioned: readonly MentionedDocument[]): Set<DocumentKind> {
  const asked = new Set<DocumentKind>();
  for (const kind of mentioned) {
    asked.add(kind === 'visa' || kind === 'residence_permit' ? 'permit' : kind);
  }
  return asked;
}

export const myDocuments: Handler = async (turn): Promise<Answer> => {
  const { t, language, today } = turn;
  const id = studentIdOf(turn);
  if (id === undefined) return { text: t.studentsOnly() };
  const student = await ownRecord(turn, id);
  const asked = documentsAsked(turn.understanding.entities.documentKinds);
  const wanted = (kind: DocumentKind) => asked.size === 0 || asked.has(kind);
  const documents = student.documents;

  const held: { kind: DocumentKind; label: string; field: string; expiry: string }[] = [];
  if (documents.permit !== undefined && wanted('permit')) {
    held.push({
      kind: 'permit',
      label: t.labels.permitType[documents.permit.type],
      field: t.fields.permit,
      expiry: documents.permit.expiry,
    });
  }
  if (documents.insuranceExpiry !== undefined && wanted('insurance')) {
    held.push({
      kind: 'insurance',
      label: t.labels.documentKind.insurance,
      field: t.fields.insurance,
      expiry: documents.insuranceExpiry,
    });
  }
  if (documents.passportExpiry !== undefined && wanted('passport')) {
    held.push({
      kind: 'passport',
      label: t.labels.documentKind.passport,
      field: t.fields.passport,
      expiry: documents.passportExpiry,
    });
  }
  if (held.length === 0) {
    return { text: t.documentsNone(), followUps: [t.handoffFollowUp()] };
  }

  const docLines = held.map((document) =>
    t.documentLine({
      document: document.label,
      expiry: formatDate(document.expiry, language),
      days: daysBetween(today, document.expiry),
    }),
  );
  const alerts: DocumentAlert[] = documentAlerts(student, today).filter((alert) =>
    wanted(alert.document),
  );
  const labelOf = (kind: DocumentKind) =>
    held.find((document) => document.kind === kind)?.label ?? t.labels.documentKind[kind];
  const alertLines =
    alerts.length === 0
      ? [t.documentsAllClear()]
      : [
          t.documentsAttention(),
          ...alerts.map((alert) =>
            t.documentAlertLine({
              document: labelOf(alert.document),
              reason: t.labels.alertReason[alert.reason],
            }),
          ),
          t.documentsAdvice(),
        ];
  return {
    text: [t.documentsIntro({ name: nameOf(student) }), ...docLines, ...alertLines].join('\n'),
    fields: held.map((document) => ({
      label: document.field,
      value: formatDate(document.expiry, language),
    })),
    followUps: [t.handoffFollowUp(), t.eventsFollowUp()],
  };
};

function reminders(enabled: boolean): Handler {
  return async (turn) => {
    const { t } = turn;
    const id = studentIdOf(turn);
    if (id === undefined && turn.asker.role === 'staff' && turn.asker.staffId !== undefined) {
      // Staff get a daily digest on Slack: this is their own choice of it.
      turn.op('reminders.setPreference');
      await turn.asker.client.reminders.setPreference({ enabled });
      const said = REMINDER_MESSAGES[turn.language];
      return { text: enabled ? said.digestOn() : said.digestOff() };
    }
    if (id === undefined) return { text: t.remindersStaff() };
    turn.op('students.update');
    await turn.asker.client.students.update(id, { remindersEnabled: enabled });
    return { text: enabled ? t.remindersOn() : t.remindersOff() };
  };
}

export const remindersOff: Handler = reminders(false);
export const remindersOn: Handler = reminders(true);
