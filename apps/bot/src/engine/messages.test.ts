import { describe, expect, it } from 'vitest';
import { type Intent, type Role, understand } from '../nlu';
import { MESSAGES, type MessageSet, messagesFor } from './messages';

/** One value for every parameter any message takes. */
const params = {
  seconds: 5,
  minutes: 3,
  role: 'student',
  name: 'Camille',
  titles: ['Bank account', 'SIM card'],
  document: 'DOC',
  expiry: 'DATE',
  days: 3,
  reason: 'REASON',
  range: 'RANGE',
  count: 2,
  from: 'FROM',
  to: 'TO',
  same: false,
  n: 1,
  title: 'TITLE',
  when: 'WHEN',
  place: 'PLACE',
  seats: 'SEATS',
  position: 4,
  status: 'STATUS',
  criteria: 'CRITERIA',
  kind: 'KIND',
  country: 'COUNTRY',
  home: 'HOME',
  partners: 'PARTNERS',
  dates: 'DATES',
  strategic: true,
  note: 'NOTE',
  names: 'NAMES',
  direction: 'DIRECTION',
  organisation: 'ORG',
  agenda: 'AGENDA',
  where: 'WHERE',
  institution: 'INST',
  summary: 'SUMMARY',
  action: 'ACTION',
  owner: 'OWNER',
  due: 'DUE',
  date: 'DATE',
  documents: 1,
  agreements: 2,
  end: 'END',
  year: 2025,
  previous: 2024,
  label: 'LABEL',
  value: 'VALUE',
  change: 'CHANGE',
  question: 'QUESTION',
  last: 'LAST',
  on: true,
  aspect: 'itinerary',
};

/** Messages that take a bare number or a bare string instead of an object. */
const numberArg = new Set([
  'daysLeft',
  'seatsLeft',
  'seatsFull',
  'moreEvents',
  'more',
  'criterionStarted',
  'criterionExpiringWithin',
]);
const stringArg = new Set([
  'youAre',
  'criterionCountry',
  'criterionHome',
  'criterionAcademicYear',
  'criterionPartner',
]);

type Message = (arg: unknown) => unknown;

function messages(set: MessageSet): [string, Message][] {
  return Object.entries(set)
    .filter(([key]) => key !== 'labels' && key !== 'fields')
    .map(([key, value]) => [key, value as Message]);
}

function call(key: string, message: Message): unknown {
  if (numberArg.has(key)) return message(7);
  if (stringArg.has(key)) return message('NAME');
  return message(params);
}

/** Every string a message gives (text, or the label and text of a follow-up). */
function strings(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  if (Array.isArray(value)) return value.flatMap(strings);
  if (typeof value === 'object' && value !== null) return Object.values(value).flatMap(strings);
  return [];
}

const HAN = /\p{Script=Han}/u;
const WORDLESS = [
  'documentAlertLine',
  'eventLine',
  'registrationLine',
  'studentLine',
  'agreementLine',
  'stageLine',
  'partnerLine',
  'delegationIntro',
  'memberLine',
  'itineraryLine',
  'outcomeLine',
  'alertDocumentLine',
  'yearEndLine',
];

describe('messages', () => {
  it('has every message in every language, each giving text', () => {
    for (const language of ['en', 'zh', 'fr'] as const) {
      const set = messagesFor(language);
      expect(messages(set).map(([key]) => key)).toEqual(messages(MESSAGES.en).map(([key]) => key));
      for (const [key, message] of messages(set)) {
        const texts = strings(call(key, message));
        expect(texts.length, `${language}.${key}`).toBeGreaterThan(0);
        for (const text of texts) expect(text.trim(), `${language}.${key}`).not.toBe('');
      }
    }
  });

  it('writes Chinese in Chinese, and English and French without Chinese', () => {
    const han = (language: 'en' | 'zh' | 'fr') =>
      messages(MESSAGES[language]).filter(([key, message]) =>
        strings(call(key, message)).some((text) => HAN.test(text)),
      ).length;
    expect(han('en')).toBe(0);
    expect(han('fr')).toBe(0);
    // Lines made only of the values they are given (a numbered event, a bullet) have no words.
    const wordless = messages(MESSAGES.zh)
      .filter(([key, message]) => !strings(call(key, message)).some((text) => HAN.test(text)))
      .map(([key]) => key);
    expect(wordless).toEqual(WORDLESS);
  });

  it('labels every enum value in every language', () => {
    for (const language of ['en', 'zh', 'fr'] as const) {
      const { labels } = MESSAGES[language];
      for (const [group, values] of Object.entries(labels)) {
        expect(Object.keys(values), `${language}.${group}`).toEqual(
          Object.keys(MESSAGES.en.labels[group as keyof typeof labels]),
        );
        for (const label of Object.values(values)) expect(label).not.toBe('');
      }
      expect(Object.keys(MESSAGES[language].fields)).toEqual(Object.keys(MESSAGES.en.fields));
    }
  });

  it('counts days and seats in the singular and the plural', () => {
    const { en, zh, fr } = MESSAGES;
    expect([
      en.daysLeft(-1),
      en.daysLeft(-3),
      en.daysLeft(0),
      en.daysLeft(1),
      en.daysLeft(5),
    ]).toEqual([
      'expired 1 day ago',
      'expired 3 days ago',
      'expires today',
      '1 day left',
      '5 days left',
    ]);
    expect([zh.daysLeft(-2), zh.daysLeft(0), zh.daysLeft(9)]).toEqual([
      '已过期 2 天',
      '今天到期',
      '还有 9 天',
    ]);
    expect([fr.daysLeft(-1), fr.daysLeft(0), fr.daysLeft(2)]).toEqual([
      'expiré depuis 1 jour',
      "expire aujourd'hui",
      'encore 2 jours',
    ]);
    expect([en.seatsLeft(1), en.seatsFull(0), en.seatsFull(3)]).toEqual([
      '1 seat left',
      'full, waitlist open',
      'full, 3 on the waitlist',
    ]);
    expect(fr.seatsLeft(1)).toBe('1 place restante');
    expect(en.studentsCount({ count: 1, criteria: '' })).toBe('1 student.');
    expect(en.agreementDates({})).toBe('');
    expect(en.agreementDates({ to: 'X' })).toBe('until X');
    expect(fr.agreementDates({ from: 'X' })).toBe('depuis le X');
    expect(en.waitlisted({ title: 'T' })).not.toContain('position');
    expect(en.greeting({ name: 'Camille' })).toMatch(/^Hello Camille!/);
  });

  it('tells each role what it can ask, with suggestions', () => {
    for (const language of ['en', 'zh', 'fr'] as const) {
      const t = MESSAGES[language];
      const staff = t.help({ role: 'staff' });
      const guest = t.help({ role: 'guest' });
      expect(staff).not.toBe(guest);
      expect(guest).toMatch(/CODE|绑定码/);
      for (const role of ['student', 'staff', 'guest'] as const) {
        expect(t.helpFollowUps({ role })).toHaveLength(3);
      }
    }
  });
});

describe('suggested follow-ups', () => {
  const now = new Date('2025-11-20T02:00:00.000Z');
  const intentOf = (text: string, role: Role) => understand(text, { now, role }).intent;

  it('are understood as what they offer, in every language', () => {
    for (const language of ['en', 'zh', 'fr'] as const) {
      const t = MESSAGES[language];
      const expected: [string, Role, Intent][] = [
        ...t
          .helpFollowUps({ role: 'staff' })
          .map((f, i): [string, Role, Intent] => [
            f.text,
            'staff',
            (['students_count', 'agreements_query', 'year_end_review'] as const)[i] ?? 'help',
          ]),
        ...t
          .helpFollowUps({ role: 'student' })
          .map((f, i): [string, Role, Intent] => [
            f.text,
            'student',
            (['events_upcoming', 'my_documents', 'kb_question'] as const)[i] ?? 'help',
          ]),
        ...t
          .helpFollowUps({ role: 'guest' })
          .map((f, i): [string, Role, Intent] => [
            f.text,
            'guest',
            (['events_upcoming', 'kb_question', 'bind'] as const)[i] ?? 'help',
          ]),
        [t.eventsFollowUp().text, 'student', 'events_upcoming'],
        [t.nextMonthFollowUp().text, 'student', 'events_upcoming'],
        [t.myRegistrationsFollowUp().text, 'student', 'my_registrations'],
        [t.registerFollowUp({ title: 'Tea salon' }).text, 'student', 'event_register'],
        [t.cancelFollowUp({ title: 'Tea salon' }).text, 'student', 'event_cancel'],
        [t.handoffFollowUp().text, 'student', 'handoff'],
        [t.expiringFollowUp().text, 'staff', 'agreements_query'],
        [t.yearEndFollowUp({ year: 2024 }).text, 'staff', 'year_end_review'],
        [t.gapsFollowUp().text, 'staff', 'gaps'],
        ...(['members', 'itinerary', 'outcomes', 'follow_ups'] as const).map(
          (aspect): [string, Role, Intent] => [
            t.delegationFollowUp({ aspect }).text,
            'staff',
            'delegation_info',
          ],
        ),
      ];
      for (const [text, role, intent] of expected) {
        expect(`${language}: ${text} → ${intentOf(text, role)}`).toBe(
          `${language}: ${text} → ${intent}`,
        );
      }
    }
  });
});
