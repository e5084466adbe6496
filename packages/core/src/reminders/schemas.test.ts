import { describe, expect, it } from 'vitest';
import { demoData } from '../demo';
import { documentAlerts } from '../students/rules';
import { ClaimedReminder, NamedDocumentAlert, Reminder, ReminderContent } from './schemas';

const data = demoData(new Date('2025-11-20T09:00:00Z'));
const named = data.students.flatMap((student) =>
  documentAlerts(student, '2025-11-20', { withinDays: 365 }).map((alert) => ({
    ...alert,
    studentName: student.fullName,
  })),
);

const paths = (result: { success: boolean; error?: { issues: { path: PropertyKey[] }[] } }) =>
  result.error?.issues.map((issue) => issue.path.join('.')) ?? [];

describe('NamedDocumentAlert (GET /v1/alerts)', () => {
  it("is core's document alert with the student's name", () => {
    expect(named.length).toBeGreaterThan(0);
    for (const alert of named) expect(NamedDocumentAlert.parse(alert)).toEqual(alert);
  });

  it('refuses an alert without the name', () => {
    const [first] = named;
    if (first === undefined) throw new Error('no alert in the demo data');
    const { studentName: _, ...unnamed } = first;
    expect(paths(NamedDocumentAlert.safeParse(unnamed))).toEqual(['studentName']);
  });
});

describe('reminders', () => {
  const [alert] = named;
  if (alert === undefined) throw new Error('no alert in the demo data');
  const { studentName: _, ...documentAlert } = alert;
  const reminder: Reminder = {
    id: 'rem_01KAHV8W1ZQ3M4T5R6S7V8W9XY',
    recipient: { kind: 'student', id: alert.studentId },
    kind: 'document_expiring',
    channel: 'wechat',
    subject: alert.document,
    period: `${alert.expiry}/${alert.reason}`,
    content: { kind: 'document_expiring', alert: documentAlert },
    status: 'pending',
    attempts: 0,
    claimedUntil: null,
    deliveredAt: null,
    lastError: null,
    createdAt: '2025-11-20T01:00:00.000Z',
  };

  it('holds what a document reminder says, and a staff digest with named documents', () => {
    expect(Reminder.parse(reminder)).toEqual(reminder);
    const digest = {
      kind: 'staff_digest',
      date: '2025-11-20',
      documentCount: named.length,
      documents: named.slice(0, 3),
      agreements: [],
      events: [],
    };
    expect(ReminderContent.parse(digest)).toEqual(digest);
    expect(paths(ReminderContent.safeParse({ ...digest, documents: [documentAlert] }))).toEqual([
      'documents.0.studentName',
    ]);
  });

  it('refuses an unknown kind of content, a foreign id, and a claim without its address', () => {
    expect(ReminderContent.safeParse({ kind: 'birthday' }).success).toBe(false);
    expect(
      paths(Reminder.safeParse({ ...reminder, id: 'evt_01KAHV8W1ZQ3M4T5R6S7V8W9XY' })),
    ).toEqual(['id']);
    expect(paths(ClaimedReminder.safeParse(reminder)).sort()).toEqual([
      'channelUserId',
      'language',
    ]);
    expect(
      ClaimedReminder.parse({ ...reminder, channelUserId: 'wx-camille', language: 'fr' }).language,
    ).toBe('fr');
  });
});
