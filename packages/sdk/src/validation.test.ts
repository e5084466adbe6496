import { documentAlerts, toStudentSelfView, yearEndReview } from '@passerelle/core';
import { demoData } from '@passerelle/core/demo';
import { describe, expect, it } from 'vitest';
import { APIPromise } from './api-promise';
import { checkShape, checkStructure, items, one, page, type SchemaName } from './validation';

const world = demoData(new Date('2025-11-20T09:00:00Z'));

function first<T>(list: readonly T[], what: string): T {
  const [item] = list;
  if (item === undefined) throw new Error(`the demo data has no ${what}`);
  return item;
}

const delegation = first(
  world.delegations.filter(
    (d) => d.itinerary.length > 0 && d.outcomes.some((o) => o.followUps.length > 0),
  ),
  'delegation with itinerary and follow-ups',
);
const outcome = first(
  delegation.outcomes.filter((o) => o.followUps.length > 0),
  'outcome with follow-ups',
);
const student = first(world.students, 'student');
const institution = first(world.institutions, 'institution');

const alert = first(
  world.students.flatMap((s) => documentAlerts(s, '2025-11-20', { withinDays: 3650 })),
  'document alert',
);
const reminder = {
  id: 'rem_01KAHV8W1ZQ3M4T5R6S7V8W9XY',
  recipient: { kind: 'student', id: alert.studentId },
  kind: 'document_expiring',
  channel: 'wechat',
  subject: alert.document,
  period: `${alert.expiry}:${alert.reason}`,
  content: { kind: 'document_expiring', alert },
  status: 'pending',
  attempts: 0,
  claimedUntil: null,
  deliveredAt: null,
  lastError: null,
  createdAt: '2025-11-20T00:00:00.000Z',
};

/** A record of every kind, as the API answers it. */
const samples: Record<SchemaName, unknown> = {
  Agreement: first(world.agreements, 'agreement'),
  Article: first(world.articles, 'article'),
  Award: first(world.awards, 'award'),
  Delegation: delegation,
  DocumentAlert: first(
    world.students.flatMap((s) => documentAlerts(s, '2025-11-20', { withinDays: 3650 })),
    'document alert',
  ),
  Event: first(world.events, 'event'),
  FollowUp: first(outcome.followUps, 'follow-up'),
  Institution: institution,
  InstitutionPublicView: {
    id: institution.id,
    name: institution.name,
    aliases: institution.aliases,
    country: institution.country,
    city: institution.city,
    kind: institution.kind,
  },
  ItineraryItem: first(delegation.itinerary, 'itinerary item'),
  Outcome: outcome,
  Publication: first(world.publications, 'publication'),
  Registration: first(world.registrations, 'registration'),
  Staff: first(world.staff, 'staff member'),
  StaffPublicView: {
    id: first(world.staff, 'staff member').id,
    name: first(world.staff, 'staff member').name,
    email: first(world.staff, 'staff member').email,
    unit: first(world.staff, 'staff member').unit,
    languages: [],
  },
  Student: student,
  StudentSelfView: toStudentSelfView(student),
  YearEndReview: yearEndReview(world, 2025),
  Reminder: reminder,
  ClaimedReminder: { ...reminder, channelUserId: 'wx-student', language: 'zh' },
  ReminderRun: { date: '2025-11-20', ran: true, created: 3, existing: 1 },
  ReminderPreference: { enabled: false },
};

describe('checkShape against the core schemas', () => {
  it.each(Object.entries(samples) as [SchemaName, unknown][])(
    'accepts a %s and refuses one with a broken field',
    async (name, sample) => {
      expect(await checkShape(one(name), sample)).toEqual([]);
      const broken = await checkShape(one(name), {
        ...(sample as object),
        id: 42,
        year: 'x',
        daysLeft: 'soon',
        ran: 'maybe',
        enabled: 'yes',
      });
      expect(broken.length).toBeGreaterThan(0);
      expect(broken[0]?.message).toContain(`(${name})`);
    },
  );

  it('accepts a record matching any of several schemas, and reports the first one otherwise', async () => {
    const view = samples.StudentSelfView;
    expect(await checkShape(one('Student', 'StudentSelfView'), view)).toEqual([]);
    const issues = await checkShape(one('Institution', 'Student'), { id: 'x' });
    expect(issues.every((issue) => issue.message.endsWith('(Institution)'))).toBe(true);
  });

  it('checks each record of a page or a list, with its index in the path', async () => {
    expect(await checkShape(page('Staff'), { data: world.staff, next_cursor: null })).toEqual([]);
    const issues = await checkShape(items('Award'), {
      data: [samples.Award, { ...(samples.Award as object), year: 'next' }],
    });
    expect(issues.map((issue) => issue.path)).toEqual(['data.1.year']);
    expect(await checkShape(one(), 'anything')).toEqual([]);
  });
});

describe('checkStructure', () => {
  it('requires { data: [] } for lists and a string or null next_cursor for pages', () => {
    expect(checkStructure(one('Student'), null)).toEqual([]);
    expect(checkStructure(items(), { data: [] })).toEqual([]);
    expect(checkStructure(page(), { data: [], next_cursor: 'abc' })).toEqual([]);
    expect(checkStructure(page(), [])).toEqual([
      { path: '', message: 'expected an object with `data`' },
    ]);
    expect(checkStructure(items(), { data: {} })).toEqual([
      { path: 'data', message: 'expected an array' },
    ]);
    expect(checkStructure(page(), { data: [] })).toEqual([
      { path: 'next_cursor', message: 'expected a string or null' },
    ]);
  });
});

describe('APIPromise', () => {
  it('is awaitable, catchable and finally-able, and shows its kind', async () => {
    const response = new Response('{}');
    const ok = new APIPromise(Promise.resolve({ data: 7, response, requestId: 'r' }));
    expect(await ok).toBe(7);
    let done = false;
    expect(
      await ok.finally(() => {
        done = true;
      }),
    ).toBe(7);
    expect(done).toBe(true);
    const failed = new APIPromise<number>(Promise.reject(new Error('boom')));
    expect(await failed.catch((error: unknown) => (error as Error).message)).toBe('boom');
    expect(Object.prototype.toString.call(ok)).toBe('[object APIPromise]');
  });
});
