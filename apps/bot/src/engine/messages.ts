/**
 * Every text the embedded engine can answer, in English, Chinese and French. The English set
 * defines the shape; the other two are typed with it, so a missing translation (or a missing
 * label of an enum) fails the type check.
 */
import type {
  AgreementKind,
  DelegationDirection,
  DelegationStatus,
  DocumentAlertReason,
  DocumentKind,
  EffectiveAgreementStatus,
  EventKind,
  FollowUpStatus,
  ItineraryKind,
  Language,
  OutcomeKind,
  PermitType,
  ProgrammeKind,
  RegistrationStatus,
  RelationshipStage,
  StudentStatus,
  StudyLevel,
} from '@passerelle/core';
import type { Role } from '../nlu';
import type { FollowUp } from './types';

/** The labels of every enum the engine shows. */
export interface Labels {
  role: Record<Role, string>;
  programmeKind: Record<ProgrammeKind, string>;
  studentStatus: Record<StudentStatus, string>;
  studyLevel: Record<StudyLevel, string>;
  permitType: Record<PermitType, string>;
  documentKind: Record<DocumentKind, string>;
  alertReason: Record<DocumentAlertReason, string>;
  eventKind: Record<EventKind, string>;
  registrationStatus: Record<RegistrationStatus, string>;
  agreementKind: Record<AgreementKind, string>;
  agreementStatus: Record<EffectiveAgreementStatus, string>;
  stage: Record<RelationshipStage, string>;
  delegationStatus: Record<DelegationStatus, string>;
  direction: Record<DelegationDirection, string>;
  itineraryKind: Record<ItineraryKind, string>;
  outcomeKind: Record<OutcomeKind, string>;
  followUpStatus: Record<FollowUpStatus, string>;
}

/** Labels of the figures and fields a reply may carry. */
export interface FieldLabels {
  name: string;
  programme: string;
  level: string;
  homeInstitution: string;
  hostInstitute: string;
  programmeDates: string;
  advisor: string;
  buddy: string;
  status: string;
  reminders: string;
  passport: string;
  permit: string;
  insurance: string;
  students: string;
  agreements: string;
  stage: string;
  country: string;
  dates: string;
  leader: string;
  members: string;
  newStudents: string;
  shortTermVisitors: string;
  summerSchoolSessions: string;
  summerSchoolParticipants: string;
  visitingScholars: string;
  inboundDelegations: string;
  outboundDelegations: string;
  agreementsSigned: string;
  agreementsExpiring: string;
  culturalEvents: string;
  events: string;
  publications: string;
  awards: string;
  documentAlerts: string;
  agreementAlerts: string;
  unanswered: string;
}

const enLabels = {
  role: { student: 'student', staff: 'member of staff', guest: 'guest' },
  programmeKind: {
    degree: 'degree',
    exchange: 'exchange',
    dual_degree: 'dual degree',
    intern: 'intern',
    short_term: 'short-term',
    summer_school: 'summer school',
  },
  studentStatus: {
    applied: 'applied',
    admitted: 'admitted',
    enrolled: 'enrolled',
    arrived: 'arrived',
    active: 'active',
    completed: 'completed',
    withdrawn: 'withdrawn',
  },
  studyLevel: { bachelor: 'bachelor', master: 'master', phd: 'PhD' },
  permitType: {
    residence_permit: 'residence permit',
    student_visa_x1: 'X1 student visa',
    student_visa_x2: 'X2 student visa',
    visitor_visa: 'visitor visa',
    other: 'visa or permit',
  },
  documentKind: {
    permit: 'visa / residence permit',
    insurance: 'health insurance',
    passport: 'passport',
  },
  alertReason: {
    expired: 'expired',
    expires_soon: 'expires soon',
    expires_before_programme_end: 'expires before the programme ends',
    passport_expires_near_programme_end: 'expires less than 6 months after the programme ends',
  },
  eventKind: {
    cultural: 'cultural event',
    academic_seminar: 'academic seminar',
    performance: 'performance',
    themed_salon: 'themed salon',
    sports: 'sports',
    summer_school: 'summer school',
    welcome_orientation: 'welcome orientation',
    online_workshop: 'online workshop',
    year_end_review: 'year-end review',
    info_session: 'information session',
  },
  registrationStatus: {
    registered: 'registered',
    waitlisted: 'on the waitlist',
    cancelled: 'cancelled',
    attended: 'attended',
    no_show: 'did not attend',
  },
  agreementKind: {
    mou: 'MoU',
    student_exchange: 'student exchange',
    dual_degree: 'dual degree',
    summer_school: 'summer school',
    faculty_exchange: 'faculty exchange',
    research: 'research',
    internship: 'internship',
    teacher_training: 'teacher training',
  },
  agreementStatus: {
    draft: 'draft',
    negotiating: 'negotiating',
    signed: 'signed',
    active: 'active',
    expiring: 'expiring',
    expired: 'expired',
    terminated: 'terminated',
  },
  stage: {
    prospect: 'prospect',
    contacted: 'contacted',
    negotiating: 'negotiating',
    partner: 'partner',
    dormant: 'dormant',
  },
  delegationStatus: {
    planned: 'planned',
    approved: 'approved',
    underway: 'underway',
    completed: 'completed',
    cancelled: 'cancelled',
  },
  direction: { inbound: 'inbound visit', outbound: 'outbound visit' },
  itineraryKind: {
    meeting: 'meeting',
    site_visit: 'site visit',
    lab_tour: 'lab tour',
    signing: 'signing',
    ceremony: 'ceremony',
    travel: 'travel',
  },
  outcomeKind: {
    consensus: 'consensus',
    agreement_signed: 'agreement signed',
    new_contact: 'new contact',
    programme_launched: 'programme launched',
    partnership_renewed: 'partnership renewed',
    visit_planned: 'visit planned',
    other: 'other',
  },
  followUpStatus: {
    open: 'open',
    in_progress: 'in progress',
    done: 'done',
    cancelled: 'cancelled',
  },
} satisfies Labels;

const enDaysLeft = (days: number): string =>
  days < 0
    ? `expired ${-days} day${days === -1 ? '' : 's'} ago`
    : days === 0
      ? 'expires today'
      : `${days} day${days === 1 ? '' : 's'} left`;

const en = {
  labels: enLabels,

  fields: {
    name: 'Name',
    programme: 'Programme',
    level: 'Level',
    homeInstitution: 'Home institution',
    hostInstitute: 'Host institute',
    programmeDates: 'Programme dates',
    advisor: 'Advisor',
    buddy: 'Buddy',
    status: 'Status',
    reminders: 'Reminders',
    passport: 'Passport',
    permit: 'Visa / residence permit',
    insurance: 'Health insurance',
    students: 'Students',
    agreements: 'Agreements',
    stage: 'Stage',
    country: 'Country',
    dates: 'Dates',
    leader: 'Leader',
    members: 'Members',
    newStudents: 'New international students',
    shortTermVisitors: 'Short-term visitors',
    summerSchoolSessions: 'Summer-school sessions',
    summerSchoolParticipants: 'Summer-school participants',
    visitingScholars: 'Visiting scholars and staff',
    inboundDelegations: 'Inbound delegations',
    outboundDelegations: 'Outbound delegations',
    agreementsSigned: 'Agreements signed',
    agreementsExpiring: 'Agreements expiring',
    culturalEvents: 'Cultural exchange events',
    events: 'Events',
    publications: 'Published articles',
    awards: 'Awards',
    documentAlerts: 'Document alerts',
    agreementAlerts: 'Agreement alerts',
    unanswered: 'Unanswered questions',
  } satisfies FieldLabels,

  // Turn-level answers
  rateLimited: (p: { seconds: number }) =>
    `You're sending messages faster than I can answer. Please wait ${p.seconds} seconds and try again.`,
  apiRateLimited: (p: { seconds: number }) =>
    `The office system is busy right now. Please try again in ${p.seconds} seconds.`,
  unavailable: () =>
    "Sorry, I can't reach the office system right now. Please try again in a few minutes.",
  failed: () =>
    'Sorry, something went wrong while I was looking that up. Please try again, or ask to talk to a person.',
  notFound: () => "I couldn't find that.",
  staffOnly: () =>
    "Sorry, that's not something I can help you with here. I can help with your documents, events and the Survival Guide — or pass you to a person.",
  studentsOnly: () =>
    'That question is about a student’s own record, and you are not signed in as a student.',
  needBinding: () =>
    "I don't know who you are yet, so I can't look at your records. Ask the international office for a binding code, then send “bind CODE” here.",
  injectionNote: () => "I can't change my rules or who you are, but here is what I can do:",
  duplicate: () => 'I have already received this message and am answering it.',

  // help, greeting
  help: (p: { role: Role }) => {
    const common = [
      '• questions about life on campus, from the International Student Survival Guide (visa, bank, housing, health…)',
      '• upcoming events (“What events are on this week?”)',
    ];
    const byRole: Record<Role, string[]> = {
      guest: [
        '• talk to a person at the office',
        'To see your own documents and register for events, link your account: ask the office for a binding code and send “bind CODE”.',
      ],
      student: [
        '• your documents and their expiry dates (“When does my residence permit expire?”)',
        '• your profile and advisor',
        '• registering for an event, or cancelling (“Register me for the second one”)',
        '• your registrations, and turning reminders on or off',
        '• talk to a person at the office',
      ],
      staff: [
        '• students: counts and lists by programme, nationality, status, home institution and year',
        '• agreements by partner, country, kind and status, and those expiring soon',
        '• a partner’s stage and history; a delegation’s dates, members, itinerary, outcomes and follow-ups',
        '• alerts, the year-end review, and the questions I could not answer (“gaps”)',
      ],
    };
    return [
      "I'm Passerelle, the international office's assistant. I can help with:",
      ...common,
      ...byRole[p.role],
    ].join('\n');
  },
  greeting: (p: { name?: string | undefined }) =>
    `Hello${p.name === undefined ? '' : ` ${p.name}`}! I'm Passerelle, the international office's assistant. Ask me about events, your documents or life on campus.`,
  helpFollowUps: (p: { role: Role }): FollowUp[] => {
    const events = { label: 'Events this week', text: 'What events are on this week?' };
    const bank = { label: 'Opening a bank account', text: 'How do I open a bank account?' };
    if (p.role === 'staff') {
      return [
        {
          label: 'Exchange students from France',
          text: 'How many exchange students from France in 2025?',
        },
        {
          label: 'Agreements expiring',
          text: 'Which agreements expire in the next 6 months?',
        },
        { label: 'Year-end review', text: 'Year-end summary for 2025' },
      ];
    }
    if (p.role === 'student') {
      return [events, { label: 'My documents', text: 'When do my documents expire?' }, bank];
    }
    return [events, bank, { label: 'Link my account', text: 'How do I bind my account?' }];
  },

  // binding
  bindHowTo: () =>
    'To link your account, ask the international office for a binding code (it looks like ABCD-1234), then send “bind ABCD-1234” here. A code works once and for 15 minutes.',
  bindNotHere: () =>
    'Accounts are linked on WeChat or Slack. Here, in the console, choose who you are with --as.',
  bindAlready: (p: { role: Role }) =>
    `Your account is already linked: I know you as a ${enLabels.role[p.role]}.`,
  bindDone: (p: { role: Role }) =>
    `Done: your account is linked. I now know you as a ${enLabels.role[p.role]}, and I answer with your records.`,
  bindInvalid: () => 'This binding code is not valid. Check it, or ask the office for a new one.',
  bindExpired: () => 'This binding code has expired. Please ask the office for a new one.',
  bindUsed: () => 'This binding code has already been used. Please ask the office for a new one.',
  bindLocked: () =>
    'This binding code is locked after too many wrong tries. Please ask the office for a new one.',
  bindTooMany: (p: { minutes: number }) =>
    `Too many binding attempts. Please wait ${p.minutes} minutes before trying again.`,

  // hand-off
  handoffRequested: () =>
    "I've passed your message to the international office. A person from the office will reply here.",
  handoffFollowUp: (): FollowUp => ({
    label: 'Talk to a person',
    text: 'I want to talk to a person',
  }),

  // knowledge base
  kbIntro: () => 'From the International Student Survival Guide:',
  kbSources: (p: { titles: string[] }) => `Source: ${p.titles.join('; ')}`,
  kbNothing: () =>
    "I couldn't find a reliable answer to that in the Survival Guide, and I'd rather not guess. I've passed your question to the office: a person will reply here.",
  kbNothingStaff: () =>
    "I couldn't find a reliable answer to that in the knowledge base, and I'd rather not guess. I've added it to the unanswered questions (“gaps”).",

  // profile and documents
  profileIntro: (p: { name: string }) => `Here is your record, ${p.name}:`,
  reminders: (p: { on: boolean }): string => (p.on ? 'on' : 'off'),
  documentsIntro: (p: { name: string }) =>
    `Your documents, ${p.name} (I never show document numbers):`,
  documentLine: (p: { document: string; expiry: string; days: number }) =>
    `• ${p.document}: valid until ${p.expiry} (${enDaysLeft(p.days)})`,
  daysLeft: enDaysLeft,
  documentsNone: () => 'The office has no document dates on your record yet.',
  documentsAllClear: () => 'Everything is in order: no document needs attention now.',
  documentsAttention: () => 'Needs attention:',
  documentAlertLine: (p: { document: string; reason: string }) => `⚠ ${p.document}: ${p.reason}`,
  documentsAdvice: () =>
    'For renewals, see the Survival Guide or ask to talk to a person at the office.',
  remindersOff: () =>
    "Done: I won't send you reminders any more. Send “turn on reminders” to get them again.",
  remindersOn: () => 'Done: reminders are on. I will remind you of document expiry and events.',
  remindersStaff: () =>
    'Reminders are for students; there is nothing to change on a staff account. Noted all the same.',

  // events
  eventsIntro: (p: { range: string; count: number }) =>
    `${p.count} event${p.count === 1 ? '' : 's'} ${p.range}:`,
  eventsNone: (p: { range: string }) => `No events ${p.range}.`,
  rangePhrase: (p: { from: string; to: string; same: boolean }) =>
    p.same ? `on ${p.from}` : `from ${p.from} to ${p.to}`,
  eventLine: (p: {
    n: number;
    title: string;
    when: string;
    place?: string | undefined;
    seats: string;
  }) => `${p.n}. ${p.title} — ${p.when}${p.place === undefined ? '' : `, ${p.place}`} (${p.seats})`,
  seatsLeft: (n: number) => `${n} seat${n === 1 ? '' : 's'} left`,
  seatsFull: (waitlist: number) =>
    waitlist > 0 ? `full, ${waitlist} on the waitlist` : 'full, waitlist open',
  seatsOpen: () => 'open to all',
  youAre: (status: string) => `you are ${status}`,
  moreEvents: (n: number) => `…and ${n} more.`,
  registerFollowUp: (p: { title: string }): FollowUp => ({
    label: `Register: ${p.title}`,
    text: `Register me for ${p.title}`,
  }),
  eventsFollowUp: (): FollowUp => ({
    label: 'Events this week',
    text: 'What events are on this week?',
  }),
  nextMonthFollowUp: (): FollowUp => ({
    label: 'Events next month',
    text: 'What events are on next month?',
  }),
  myRegistrationsFollowUp: (): FollowUp => ({
    label: 'My registrations',
    text: 'What am I registered for?',
  }),
  cancelFollowUp: (p: { title: string }): FollowUp => ({
    label: `Cancel: ${p.title}`,
    text: `Cancel my registration for ${p.title}`,
  }),
  whichEvent: () =>
    'Which event do you mean? Give me its name, or its number in the list I showed you.',
  eventNotFound: () =>
    "I couldn't find that event among the upcoming ones. Here is what is coming up:",
  registered: (p: { title: string; when: string }) =>
    `Done: you are registered for “${p.title}” (${p.when}).`,
  waitlisted: (p: { title: string; position?: number | undefined }) =>
    `“${p.title}” is full, so you are on the waitlist${p.position === undefined ? '' : ` (position ${p.position})`}. If a seat frees up, it is yours in waitlist order.`,
  alreadyRegistered: (p: { title: string; status: string }) =>
    `You are already ${p.status} for “${p.title}”.`,
  registrationRefused: (p: { title: string; reason: string }) =>
    `I couldn't register you for “${p.title}”: ${p.reason}`,
  registrationNotOpen: () => 'registration is not open yet.',
  registrationClosed: () => 'registration has closed.',
  notInAudience: () => 'this event is not open to your programme.',
  eventCancelled: () => 'the event has been cancelled.',
  cancelled: (p: { title: string }) => `Done: your registration for “${p.title}” is cancelled.`,
  notRegistered: (p: { title: string }) => `You are not registered for “${p.title}”.`,
  cancelRefused: (p: { title: string }) =>
    `Your registration for “${p.title}” can no longer be cancelled.`,
  myRegistrationsNone: () => 'You are not registered for any upcoming event.',
  myRegistrationsIntro: (p: { count: number }) =>
    `You are registered for ${p.count} upcoming event${p.count === 1 ? '' : 's'}:`,
  registrationLine: (p: { title: string; when: string; status: string }) =>
    `• ${p.title} — ${p.when} (${p.status})`,

  // staff: students
  studentsCount: (p: { count: number; criteria: string }) =>
    `${p.count} student${p.count === 1 ? '' : 's'}${p.criteria === '' ? '' : ` (${p.criteria})`}.`,
  studentsListIntro: (p: { count: number; criteria: string }) =>
    `${p.count} student${p.count === 1 ? '' : 's'}${p.criteria === '' ? '' : ` (${p.criteria})`}:`,
  studentLine: (p: {
    name: string;
    kind: string;
    country: string;
    status: string;
    home?: string | undefined;
  }) =>
    `• ${p.name} — ${p.kind}, ${p.country}${p.home === undefined ? '' : `, ${p.home}`} (${p.status})`,
  more: (n: number) => `…and ${n} more.`,
  criterionCountry: (name: string) => `from ${name}`,
  criterionHome: (name: string) => `from ${name}`,
  criterionStarted: (year: number) => `started in ${year}`,
  criterionAcademicYear: (year: string) => `academic year ${year}`,
  criterionExpiringWithin: (days: number) => `ending within ${days} days`,
  criterionPartner: (name: string) => `with ${name}`,

  // staff: agreements and partners
  agreementsIntro: (p: { count: number; criteria: string }) =>
    `${p.count} agreement${p.count === 1 ? '' : 's'}${p.criteria === '' ? '' : ` (${p.criteria})`}:`,
  agreementsNone: (p: { criteria: string }) =>
    `No agreements${p.criteria === '' ? '' : ` (${p.criteria})`}.`,
  agreementLine: (p: {
    title: string;
    partners: string;
    kind: string;
    status: string;
    dates: string;
  }) =>
    `• ${p.title} — ${p.kind}, ${p.partners}; ${p.status}${p.dates === '' ? '' : `, ${p.dates}`}`,
  agreementDates: (p: { from?: string | undefined; to?: string | undefined }) =>
    p.from !== undefined && p.to !== undefined
      ? `${p.from} – ${p.to}`
      : p.to !== undefined
        ? `until ${p.to}`
        : p.from !== undefined
          ? `from ${p.from}`
          : '',
  expiringFollowUp: (): FollowUp => ({
    label: 'Expiring in 6 months',
    text: 'Which agreements expire in the next 6 months?',
  }),
  partnerWhich: () =>
    'Which partner do you mean? Name the institution (e.g. “École Polytechnique” or “X”).',
  partnerIntro: (p: { name: string; place: string; stage: string; strategic: boolean }) =>
    `${p.name} (${p.place}) — stage: ${p.stage}${p.strategic ? ', strategic partner' : ''}.`,
  stageHistoryIntro: () => 'History:',
  stageLine: (p: { date: string; stage: string; note?: string | undefined }) =>
    `• ${p.date}: ${p.stage}${p.note === undefined ? '' : ` — ${p.note}`}`,
  partnerAgreementsIntro: (p: { count: number }) =>
    p.count === 0 ? 'No agreements yet.' : `Agreements (${p.count}):`,
  lastDelegation: (p: { title: string; dates: string }) =>
    `Last delegation: ${p.title}, ${p.dates}.`,
  noDelegation: () => 'No delegation recorded with this partner.',
  contactsLine: (p: { names: string }) => `Contacts: ${p.names}.`,
  partnersIntro: (p: { count: number; criteria: string }) =>
    `${p.count} institution${p.count === 1 ? '' : 's'}${p.criteria === '' ? '' : ` (${p.criteria})`}:`,
  partnerLine: (p: { name: string; place: string; stage: string }) =>
    `• ${p.name} (${p.place}) — ${p.stage}`,
  partnerFollowUp: (p: { name: string }): FollowUp => ({
    label: `Agreements with ${p.name}`,
    text: `Agreements with ${p.name}`,
  }),

  // staff: delegations
  delegationWhich: () =>
    "I couldn't find that delegation. Tell me where it went or came from, and when (e.g. “the France delegation in December 2025”).",
  delegationIntro: (p: { title: string; direction: string; dates: string; status: string }) =>
    `${p.title} — ${p.direction}, ${p.dates} (${p.status}).`,
  delegationLeader: (p: { name: string; role?: string | undefined }) =>
    `Led by ${p.name}${p.role === undefined ? '' : `, ${p.role}`}.`,
  membersIntro: (p: { count: number }) => `Members (${p.count}):`,
  memberLine: (p: { name: string; role?: string | undefined; organisation?: string | undefined }) =>
    `• ${p.name}${[p.role, p.organisation]
      .filter((x) => x !== undefined)
      .map((x) => `, ${x}`)
      .join('')}`,
  itineraryIntro: (p: { count: number }) => `Itinerary (${p.count} items, local times):`,
  itineraryLine: (p: { when: string; kind: string; where: string; agenda?: string | undefined }) =>
    `• ${p.when} — ${p.kind}${p.where === '' ? '' : `, ${p.where}`}${p.agenda === undefined ? '' : `: ${p.agenda}`}`,
  outcomesIntro: (p: { count: number }) => `Outcomes (${p.count}):`,
  outcomeLine: (p: { kind: string; institution?: string | undefined; summary: string }) =>
    `• ${p.kind}${p.institution === undefined ? '' : ` (${p.institution})`}: ${p.summary}`,
  followUpsIntro: (p: { count: number }) => `Open follow-ups (${p.count}):`,
  followUpLine: (p: { action: string; owner: string; due: string; status: string }) =>
    `• ${p.action} — ${p.owner}, due ${p.due} (${p.status})`,
  noneYet: () => 'none yet.',
  delegationFollowUp: (p: {
    aspect: 'itinerary' | 'outcomes' | 'follow_ups' | 'members';
  }): FollowUp =>
    ({
      itinerary: { label: 'Itinerary', text: 'Itinerary of that delegation' },
      outcomes: { label: 'Outcomes', text: 'Outcomes of that delegation' },
      follow_ups: { label: 'Follow-ups', text: 'Follow-ups of that delegation' },
      members: { label: 'Members', text: 'Members of that delegation' },
    })[p.aspect],

  // staff: alerts, year-end, gaps
  alertsIntro: (p: { date: string; documents: number; agreements: number }) =>
    `Alerts on ${p.date}: ${p.documents} document alert${p.documents === 1 ? '' : 's'}, ${p.agreements} agreement alert${p.agreements === 1 ? '' : 's'}.`,
  alertsNone: (p: { date: string }) => `Nothing needs attention on ${p.date}.`,
  alertDocumentLine: (p: { name: string; document: string; expiry: string; reason: string }) =>
    `• ${p.name}: ${p.document}, ${p.expiry} — ${p.reason}`,
  alertAgreementLine: (p: { title: string; end: string; days: number }) =>
    `• ${p.title}: ends ${p.end} (${enDaysLeft(p.days)})`,
  yearEndIntro: (p: { year: number; previous: number }) =>
    `Year-end review ${p.year} (change against ${p.previous}):`,
  yearEndLine: (p: { label: string; value: string; change: string }) =>
    `• ${p.label}: ${p.value} (${p.change})`,
  yearEndAwards: (p: { names: string }) => `Awards: ${p.names}.`,
  yearEndFollowUp: (p: { year: number }): FollowUp => ({
    label: `Year-end review ${p.year}`,
    text: `Year-end summary for ${p.year}`,
  }),
  gapsNone: () => 'No unanswered questions recorded. 🎉',
  gapsFollowUp: (): FollowUp => ({
    label: 'Unanswered questions',
    text: 'Show me the unanswered questions',
  }),
  gapsIntro: (p: { count: number }) =>
    `${p.count} question${p.count === 1 ? '' : 's'} I could not answer, most asked first:`,
  gapLine: (p: { question: string; count: number; last: string }) =>
    `• “${p.question}” — asked ${p.count} time${p.count === 1 ? '' : 's'}, last on ${p.last}`,
};

export type MessageSet = typeof en;

const zh: MessageSet = {
  labels: {
    role: { student: '学生', staff: '工作人员', guest: '访客' },
    programmeKind: {
      degree: '学位生',
      exchange: '交换生',
      dual_degree: '双学位',
      intern: '实习生',
      short_term: '短期项目',
      summer_school: '暑期学校',
    },
    studentStatus: {
      applied: '已申请',
      admitted: '已录取',
      enrolled: '已注册',
      arrived: '已抵校',
      active: '在读',
      completed: '已结业',
      withdrawn: '已退出',
    },
    studyLevel: { bachelor: '本科', master: '硕士', phd: '博士' },
    permitType: {
      residence_permit: '居留许可',
      student_visa_x1: 'X1 学习签证',
      student_visa_x2: 'X2 学习签证',
      visitor_visa: '访问签证',
      other: '签证或居留许可',
    },
    documentKind: { permit: '签证/居留许可', insurance: '医疗保险', passport: '护照' },
    alertReason: {
      expired: '已过期',
      expires_soon: '即将到期',
      expires_before_programme_end: '在项目结束前到期',
      passport_expires_near_programme_end: '有效期不足项目结束后 6 个月',
    },
    eventKind: {
      cultural: '文化活动',
      academic_seminar: '学术研讨会',
      performance: '演出',
      themed_salon: '主题沙龙',
      sports: '体育活动',
      summer_school: '暑期学校',
      welcome_orientation: '迎新会',
      online_workshop: '线上工作坊',
      year_end_review: '年终总结会',
      info_session: '宣讲会',
    },
    registrationStatus: {
      registered: '已报名',
      waitlisted: '候补中',
      cancelled: '已取消',
      attended: '已出席',
      no_show: '未出席',
    },
    agreementKind: {
      mou: '合作备忘录',
      student_exchange: '学生交换',
      dual_degree: '双学位',
      summer_school: '暑期学校',
      faculty_exchange: '教师交流',
      research: '科研合作',
      internship: '实习',
      teacher_training: '教师培训',
    },
    agreementStatus: {
      draft: '草案',
      negotiating: '谈判中',
      signed: '已签署',
      active: '有效',
      expiring: '即将到期',
      expired: '已过期',
      terminated: '已终止',
    },
    stage: {
      prospect: '潜在伙伴',
      contacted: '已接触',
      negotiating: '洽谈中',
      partner: '合作伙伴',
      dormant: '休眠',
    },
    delegationStatus: {
      planned: '计划中',
      approved: '已批准',
      underway: '进行中',
      completed: '已完成',
      cancelled: '已取消',
    },
    direction: { inbound: '来访', outbound: '出访' },
    itineraryKind: {
      meeting: '会谈',
      site_visit: '参观',
      lab_tour: '实验室参观',
      signing: '签约',
      ceremony: '仪式',
      travel: '行程',
    },
    outcomeKind: {
      consensus: '达成共识',
      agreement_signed: '签署协议',
      new_contact: '新建联系',
      programme_launched: '启动项目',
      partnership_renewed: '续约合作',
      visit_planned: '计划互访',
      other: '其他',
    },
    followUpStatus: { open: '待办', in_progress: '进行中', done: '已完成', cancelled: '已取消' },
  },

  fields: {
    name: '姓名',
    programme: '项目',
    level: '层次',
    homeInstitution: '原学校',
    hostInstitute: '接收学院',
    programmeDates: '项目日期',
    advisor: '导师',
    buddy: '学伴',
    status: '状态',
    reminders: '提醒',
    passport: '护照',
    permit: '签证/居留许可',
    insurance: '医疗保险',
    students: '学生',
    agreements: '协议',
    stage: '阶段',
    country: '国家',
    dates: '日期',
    leader: '团长',
    members: '成员',
    newStudents: '新增国际学生',
    shortTermVisitors: '短期访问学生',
    summerSchoolSessions: '暑期学校期数',
    summerSchoolParticipants: '暑期学校学员',
    visitingScholars: '来访学者与教职人员',
    inboundDelegations: '来访代表团',
    outboundDelegations: '出访代表团',
    agreementsSigned: '签署协议',
    agreementsExpiring: '到期协议',
    culturalEvents: '中外文化交流活动',
    events: '活动',
    publications: '宣传报道',
    awards: '表彰',
    documentAlerts: '证件预警',
    agreementAlerts: '协议预警',
    unanswered: '未回答的问题',
  },

  rateLimited: (p) => `您发消息太快了，我来不及回答。请等 ${p.seconds} 秒后再试。`,
  apiRateLimited: (p) => `办公室系统现在有点忙，请 ${p.seconds} 秒后再试。`,
  unavailable: () => '抱歉，暂时连不上办公室系统，请过几分钟再试。',
  failed: () => '抱歉，查询时出了点问题。请再试一次，或者发送“转人工”找工作人员。',
  notFound: () => '没有找到相关信息。',
  staffOnly: () =>
    '抱歉，这个问题我在这里无法帮您。我可以帮您查证件、活动和《国际学生生存指南》，也可以为您转接工作人员。',
  studentsOnly: () => '这个问题是关于学生本人档案的，而您不是以学生身份登录的。',
  needBinding: () =>
    '我还不知道您是谁，所以无法查看您的信息。请向国际处索取绑定码，然后在这里发送“绑定 绑定码”。',
  injectionNote: () => '我不能改变我的规则或您的身份，不过我可以这样帮您：',
  duplicate: () => '这条消息我已经收到，正在回答。',

  help: (p) => {
    const common = [
      '• 校园生活问题，答案来自《国际学生生存指南》（签证、银行、住宿、医疗……）',
      '• 近期活动（“本周有什么活动？”）',
    ];
    const byRole: Record<Role, string[]> = {
      guest: [
        '• 转接国际处工作人员',
        '如需查看本人证件、报名活动，请先绑定账号：向国际处索取绑定码，然后发送“绑定 绑定码”。',
      ],
      student: [
        '• 您的证件及到期日期（“我的居留许可什么时候到期？”）',
        '• 您的个人信息和导师',
        '• 报名或取消活动（“帮我报名第二个”）',
        '• 查看已报名的活动，开启或关闭提醒',
        '• 转接国际处工作人员',
      ],
      staff: [
        '• 学生：按项目类型、国籍、状态、原学校和年份统计和列出',
        '• 协议：按合作院校、国家、类型和状态查询，以及即将到期的协议',
        '• 合作院校的合作阶段与历史；代表团的日期、成员、行程、成果与后续事项',
        '• 预警、年度总结，以及我没能回答的问题（“未回答”）',
      ],
    };
    return ['我是 Passerelle，国际处的智能助手。我可以帮您：', ...common, ...byRole[p.role]].join(
      '\n',
    );
  },
  greeting: (p) =>
    `${p.name === undefined ? '' : `${p.name}，`}您好！我是国际处的助手 Passerelle。可以问我活动、证件或校园生活方面的问题。`,
  helpFollowUps: (p) => {
    const events = { label: '本周活动', text: '本周有什么活动？' };
    const bank = { label: '开银行账户', text: '怎么开银行账户？' };
    if (p.role === 'staff') {
      return [
        { label: '法国交换生人数', text: '2025年有多少来自法国的交换生？' },
        { label: '即将到期的协议', text: '未来6个月哪些协议到期？' },
        { label: '年度总结', text: '2025年度总结' },
      ];
    }
    if (p.role === 'student') {
      return [events, { label: '我的证件', text: '我的证件什么时候到期？' }, bank];
    }
    return [events, bank, { label: '绑定账号', text: '怎么绑定账号？' }];
  },

  bindHowTo: () =>
    '绑定账号：请向国际处索取绑定码（形如 ABCD-1234），然后在这里发送“绑定 ABCD-1234”。绑定码只能使用一次，15 分钟内有效。',
  bindNotHere: () => '账号绑定在微信或 Slack 上进行。在控制台中，请用 --as 选择身份。',
  bindAlready: (p) => `您的账号已经绑定，身份是${zh.labels.role[p.role]}。`,
  bindDone: (p) => `绑定成功！您的身份是${zh.labels.role[p.role]}，之后我会根据您的信息回答。`,
  bindInvalid: () => '该绑定码无效。请核对，或向国际处索取新的绑定码。',
  bindExpired: () => '该绑定码已过期，请向国际处索取新的绑定码。',
  bindUsed: () => '该绑定码已被使用，请向国际处索取新的绑定码。',
  bindLocked: () => '该绑定码因多次输错已被锁定，请向国际处索取新的绑定码。',
  bindTooMany: (p) => `绑定尝试次数过多，请 ${p.minutes} 分钟后再试。`,

  handoffRequested: () => '已将您的消息转给国际处，工作人员会在这里回复您。',
  handoffFollowUp: () => ({ label: '转人工', text: '我想找工作人员' }),

  kbIntro: () => '《国际学生生存指南》中说：',
  kbSources: (p) => `来源：${p.titles.join('；')}`,
  kbNothing: () =>
    '抱歉，我在《国际学生生存指南》中没有找到可靠的答案，不想乱猜。已将您的问题转给国际处，工作人员会在这里回复您。',
  kbNothingStaff: () =>
    '抱歉，我在知识库中没有找到可靠的答案，不想乱猜。已将这个问题记入“未回答的问题”。',

  profileIntro: (p) => `${p.name}，这是您的信息：`,
  reminders: (p) => (p.on ? '开启' : '关闭'),
  documentsIntro: (p) => `${p.name}，您的证件情况如下（证件号码一律不显示）：`,
  documentLine: (p) => `• ${p.document}：有效期至 ${p.expiry}（${zh.daysLeft(p.days)}）`,
  daysLeft: (days) =>
    days < 0 ? `已过期 ${-days} 天` : days === 0 ? '今天到期' : `还有 ${days} 天`,
  documentsNone: () => '您的档案里还没有证件日期。',
  documentsAllClear: () => '一切正常，目前没有需要处理的证件。',
  documentsAttention: () => '需要注意：',
  documentAlertLine: (p) => `⚠ ${p.document}：${p.reason}`,
  documentsAdvice: () => '如需续签，请查看《国际学生生存指南》，或发送“转人工”联系工作人员。',
  remindersOff: () => '好的，我不会再给您发送提醒。发送“开启提醒”可重新开启。',
  remindersOn: () => '好的，提醒已开启。我会提醒您证件到期和活动信息。',
  remindersStaff: () => '提醒功能面向学生，工作人员账号无需设置。已记下。',

  eventsIntro: (p) => `${p.range}共有 ${p.count} 场活动：`,
  eventsNone: (p) => `${p.range}没有活动。`,
  rangePhrase: (p) => (p.same ? `${p.from}` : `${p.from}至${p.to}`),
  eventLine: (p) =>
    `${p.n}. ${p.title}——${p.when}${p.place === undefined ? '' : `，${p.place}`}（${p.seats}）`,
  seatsLeft: (n) => `剩余 ${n} 个名额`,
  seatsFull: (waitlist) => (waitlist > 0 ? `已满，${waitlist} 人候补` : '已满，可候补'),
  seatsOpen: () => '不限名额',
  youAre: (status) => `您${status}`,
  moreEvents: (n) => `……还有 ${n} 场。`,
  registerFollowUp: (p) => ({ label: `报名：${p.title}`, text: `帮我报名${p.title}` }),
  eventsFollowUp: () => ({ label: '本周活动', text: '本周有什么活动？' }),
  nextMonthFollowUp: () => ({ label: '下个月的活动', text: '下个月有什么活动？' }),
  myRegistrationsFollowUp: () => ({ label: '我的报名', text: '我报名了哪些活动？' }),
  cancelFollowUp: (p) => ({ label: `取消：${p.title}`, text: `取消报名${p.title}` }),
  whichEvent: () => '请问是哪个活动？请告诉我活动名称，或者它在列表中的序号。',
  eventNotFound: () => '在近期活动中没有找到这个活动。近期活动如下：',
  registered: (p) => `报名成功：“${p.title}”（${p.when}）。`,
  waitlisted: (p) =>
    `“${p.title}”名额已满，您已进入候补名单${p.position === undefined ? '' : `（第 ${p.position} 位）`}。有名额空出时将按候补顺序递补。`,
  alreadyRegistered: (p) => `您已经${p.status}“${p.title}”。`,
  registrationRefused: (p) => `无法为您报名“${p.title}”：${p.reason}`,
  registrationNotOpen: () => '报名尚未开始。',
  registrationClosed: () => '报名已截止。',
  notInAudience: () => '该活动不面向您所在的项目。',
  eventCancelled: () => '该活动已取消。',
  cancelled: (p) => `已取消您对“${p.title}”的报名。`,
  notRegistered: (p) => `您没有报名“${p.title}”。`,
  cancelRefused: (p) => `您对“${p.title}”的报名已无法取消。`,
  myRegistrationsNone: () => '您目前没有报名近期的活动。',
  myRegistrationsIntro: (p) => `您已报名 ${p.count} 场近期活动：`,
  registrationLine: (p) => `• ${p.title}——${p.when}（${p.status}）`,

  studentsCount: (p) => `${p.criteria === '' ? '' : `${p.criteria}的`}学生共 ${p.count} 名。`,
  studentsListIntro: (p) => `${p.criteria === '' ? '' : `${p.criteria}的`}学生共 ${p.count} 名：`,
  studentLine: (p) =>
    `• ${p.name}——${p.kind}，${p.country}${p.home === undefined ? '' : `，${p.home}`}（${p.status}）`,
  more: (n) => `……还有 ${n} 项。`,
  criterionCountry: (name) => `来自${name}`,
  criterionHome: (name) => `来自${name}`,
  criterionStarted: (year) => `${year}年入学`,
  criterionAcademicYear: (year) => `${year}学年`,
  criterionExpiringWithin: (days) => `${days}天内到期`,
  criterionPartner: (name) => `与${name}`,

  agreementsIntro: (p) => `${p.criteria === '' ? '' : `${p.criteria}的`}协议共 ${p.count} 项：`,
  agreementsNone: (p) => `没有${p.criteria === '' ? '' : `${p.criteria}的`}协议。`,
  agreementLine: (p) =>
    `• ${p.title}——${p.kind}，${p.partners}；${p.status}${p.dates === '' ? '' : `，${p.dates}`}`,
  agreementDates: (p) =>
    p.from !== undefined && p.to !== undefined
      ? `${p.from}至${p.to}`
      : p.to !== undefined
        ? `至${p.to}`
        : p.from !== undefined
          ? `自${p.from}起`
          : '',
  expiringFollowUp: () => ({ label: '6个月内到期', text: '未来6个月哪些协议到期？' }),
  partnerWhich: () => '请问是哪所合作院校？请说出院校名称（例如“巴黎综合理工”或“X”）。',
  partnerIntro: (p) =>
    `${p.name}（${p.place}）——合作阶段：${p.stage}${p.strategic ? '，战略合作伙伴' : ''}。`,
  stageHistoryIntro: () => '历史：',
  stageLine: (p) => `• ${p.date}：${p.stage}${p.note === undefined ? '' : `——${p.note}`}`,
  partnerAgreementsIntro: (p) => (p.count === 0 ? '暂无协议。' : `协议（${p.count} 项）：`),
  lastDelegation: (p) => `最近的代表团：${p.title}，${p.dates}。`,
  noDelegation: () => '暂无与该院校相关的代表团记录。',
  contactsLine: (p) => `联系人：${p.names}。`,
  partnersIntro: (p) => `${p.criteria === '' ? '' : `${p.criteria}的`}院校共 ${p.count} 所：`,
  partnerLine: (p) => `• ${p.name}（${p.place}）——${p.stage}`,
  partnerFollowUp: (p) => ({ label: `与${p.name}的协议`, text: `与${p.name}的协议` }),

  delegationWhich: () =>
    '没有找到这个代表团。请告诉我出访或来访的国家和时间（例如“2025年12月访法代表团”）。',
  delegationIntro: (p) => `${p.title}——${p.direction}，${p.dates}（${p.status}）。`,
  delegationLeader: (p) => `团长：${p.name}${p.role === undefined ? '' : `，${p.role}`}。`,
  membersIntro: (p) => `成员（${p.count} 人）：`,
  memberLine: (p) =>
    `• ${p.name}${[p.role, p.organisation]
      .filter((x) => x !== undefined)
      .map((x) => `，${x}`)
      .join('')}`,
  itineraryIntro: (p) => `行程（${p.count} 项，当地时间）：`,
  itineraryLine: (p) =>
    `• ${p.when}——${p.kind}${p.where === '' ? '' : `，${p.where}`}${p.agenda === undefined ? '' : `：${p.agenda}`}`,
  outcomesIntro: (p) => `成果（${p.count} 项）：`,
  outcomeLine: (p) =>
    `• ${p.kind}${p.institution === undefined ? '' : `（${p.institution}）`}：${p.summary}`,
  followUpsIntro: (p) => `待办后续事项（${p.count} 项）：`,
  followUpLine: (p) => `• ${p.action}——${p.owner}，截止 ${p.due}（${p.status}）`,
  noneYet: () => '暂无。',
  delegationFollowUp: (p) =>
    ({
      itinerary: { label: '行程', text: '该代表团的行程' },
      outcomes: { label: '成果', text: '该代表团的成果' },
      follow_ups: { label: '后续事项', text: '该代表团的后续事项' },
      members: { label: '成员', text: '该代表团的成员' },
    })[p.aspect],

  alertsIntro: (p) => `${p.date}的预警：证件预警 ${p.documents} 条，协议预警 ${p.agreements} 条。`,
  alertsNone: (p) => `${p.date}没有需要处理的事项。`,
  alertDocumentLine: (p) => `• ${p.name}：${p.document}，${p.expiry}——${p.reason}`,
  alertAgreementLine: (p) => `• ${p.title}：${p.end} 到期（${zh.daysLeft(p.days)}）`,
  yearEndIntro: (p) => `${p.year}年度总结（与${p.previous}年相比）：`,
  yearEndLine: (p) => `• ${p.label}：${p.value}（${p.change}）`,
  yearEndAwards: (p) => `表彰：${p.names}。`,
  yearEndFollowUp: (p) => ({ label: `${p.year}年度总结`, text: `${p.year}年度总结` }),
  gapsNone: () => '目前没有未回答的问题。🎉',
  gapsFollowUp: () => ({ label: '未回答的问题', text: '列出未回答的问题' }),
  gapsIntro: (p) => `我没能回答的问题共 ${p.count} 个（按提问次数排序）：`,
  gapLine: (p) => `• “${p.question}”——被问 ${p.count} 次，最近一次 ${p.last}`,
};

const fr: MessageSet = {
  labels: {
    role: { student: 'étudiant(e)', staff: 'membre du personnel', guest: 'invité(e)' },
    programmeKind: {
      degree: 'diplômant',
      exchange: 'échange',
      dual_degree: 'double diplôme',
      intern: 'stagiaire',
      short_term: 'court séjour',
      summer_school: "école d'été",
    },
    studentStatus: {
      applied: 'candidat',
      admitted: 'admis',
      enrolled: 'inscrit',
      arrived: 'arrivé',
      active: 'actif',
      completed: 'terminé',
      withdrawn: 'désisté',
    },
    studyLevel: { bachelor: 'licence', master: 'master', phd: 'doctorat' },
    permitType: {
      residence_permit: 'titre de séjour',
      student_visa_x1: 'visa étudiant X1',
      student_visa_x2: 'visa étudiant X2',
      visitor_visa: 'visa visiteur',
      other: 'visa ou titre de séjour',
    },
    documentKind: {
      permit: 'visa / titre de séjour',
      insurance: 'assurance santé',
      passport: 'passeport',
    },
    alertReason: {
      expired: 'expiré',
      expires_soon: 'expire bientôt',
      expires_before_programme_end: 'expire avant la fin du programme',
      passport_expires_near_programme_end: 'expire moins de 6 mois après la fin du programme',
    },
    eventKind: {
      cultural: 'événement culturel',
      academic_seminar: 'séminaire',
      performance: 'spectacle',
      themed_salon: 'salon thématique',
      sports: 'sport',
      summer_school: "école d'été",
      welcome_orientation: "journée d'accueil",
      online_workshop: 'atelier en ligne',
      year_end_review: "bilan de fin d'année",
      info_session: "réunion d'information",
    },
    registrationStatus: {
      registered: 'inscrit(e)',
      waitlisted: "sur liste d'attente",
      cancelled: 'annulé',
      attended: 'présent(e)',
      no_show: 'absent(e)',
    },
    agreementKind: {
      mou: "protocole d'accord",
      student_exchange: "échange d'étudiants",
      dual_degree: 'double diplôme',
      summer_school: "école d'été",
      faculty_exchange: "échange d'enseignants",
      research: 'recherche',
      internship: 'stages',
      teacher_training: 'formation des enseignants',
    },
    agreementStatus: {
      draft: 'brouillon',
      negotiating: 'en négociation',
      signed: 'signé',
      active: 'en vigueur',
      expiring: 'arrive à échéance',
      expired: 'expiré',
      terminated: 'résilié',
    },
    stage: {
      prospect: 'prospect',
      contacted: 'contacté',
      negotiating: 'en négociation',
      partner: 'partenaire',
      dormant: 'en sommeil',
    },
    delegationStatus: {
      planned: 'prévue',
      approved: 'approuvée',
      underway: 'en cours',
      completed: 'terminée',
      cancelled: 'annulée',
    },
    direction: { inbound: 'visite reçue', outbound: 'mission sortante' },
    itineraryKind: {
      meeting: 'réunion',
      site_visit: 'visite',
      lab_tour: 'visite de laboratoire',
      signing: 'signature',
      ceremony: 'cérémonie',
      travel: 'trajet',
    },
    outcomeKind: {
      consensus: 'consensus',
      agreement_signed: 'accord signé',
      new_contact: 'nouveau contact',
      programme_launched: 'programme lancé',
      partnership_renewed: 'partenariat renouvelé',
      visit_planned: 'visite prévue',
      other: 'autre',
    },
    followUpStatus: {
      open: 'à faire',
      in_progress: 'en cours',
      done: 'fait',
      cancelled: 'annulé',
    },
  },

  fields: {
    name: 'Nom',
    programme: 'Programme',
    level: 'Niveau',
    homeInstitution: "Établissement d'origine",
    hostInstitute: "Institut d'accueil",
    programmeDates: 'Dates du programme',
    advisor: 'Conseiller',
    buddy: 'Binôme',
    status: 'Statut',
    reminders: 'Rappels',
    passport: 'Passeport',
    permit: 'Visa / titre de séjour',
    insurance: 'Assurance santé',
    students: 'Étudiants',
    agreements: 'Accords',
    stage: 'Stade',
    country: 'Pays',
    dates: 'Dates',
    leader: 'Chef de délégation',
    members: 'Membres',
    newStudents: 'Nouveaux étudiants internationaux',
    shortTermVisitors: 'Étudiants en court séjour',
    summerSchoolSessions: "Sessions d'école d'été",
    summerSchoolParticipants: "Participants aux écoles d'été",
    visitingScholars: 'Enseignants et personnels invités',
    inboundDelegations: 'Délégations reçues',
    outboundDelegations: 'Missions à l’étranger',
    agreementsSigned: 'Accords signés',
    agreementsExpiring: 'Accords arrivant à échéance',
    culturalEvents: "Événements d'échange culturel",
    events: 'Événements',
    publications: 'Articles publiés',
    awards: 'Distinctions',
    documentAlerts: 'Alertes documents',
    agreementAlerts: 'Alertes accords',
    unanswered: 'Questions sans réponse',
  },

  rateLimited: (p) =>
    `Vous envoyez des messages plus vite que je ne peux répondre. Merci de patienter ${p.seconds} secondes avant de réessayer.`,
  apiRateLimited: (p) =>
    `Le système du bureau est très sollicité. Merci de réessayer dans ${p.seconds} secondes.`,
  unavailable: () =>
    "Désolé, je n'arrive pas à joindre le système du bureau. Merci de réessayer dans quelques minutes.",
  failed: () =>
    "Désolé, un problème est survenu pendant ma recherche. Réessayez, ou demandez à parler à quelqu'un.",
  notFound: () => "Je n'ai pas trouvé cela.",
  staffOnly: () =>
    "Désolé, je ne peux pas vous aider pour cela ici. Je peux vous aider pour vos documents, les événements et le guide de survie — ou vous mettre en relation avec quelqu'un.",
  studentsOnly: () =>
    "Cette question porte sur le dossier d'un étudiant, et vous n'êtes pas connecté(e) en tant qu'étudiant(e).",
  needBinding: () =>
    'Je ne sais pas encore qui vous êtes, je ne peux donc pas consulter votre dossier. Demandez un code de liaison au bureau international, puis envoyez « lier CODE » ici.',
  injectionNote: () =>
    'Je ne peux changer ni mes règles ni votre rôle, mais voici ce que je peux faire :',
  duplicate: () => "J'ai déjà reçu ce message et j'y réponds.",

  help: (p) => {
    const common = [
      "• les questions sur la vie sur le campus, d'après le guide de survie de l'étudiant international (visa, banque, logement, santé…)",
      '• les événements à venir (« Quels événements cette semaine ? »)',
    ];
    const byRole: Record<Role, string[]> = {
      guest: [
        "• vous mettre en relation avec quelqu'un du bureau",
        'Pour voir vos documents et vous inscrire aux événements, liez votre compte : demandez un code de liaison au bureau et envoyez « lier CODE ».',
      ],
      student: [
        "• vos documents et leurs dates d'expiration (« Quand expire mon titre de séjour ? »)",
        '• votre dossier et votre conseiller',
        '• vous inscrire à un événement, ou annuler (« Inscris-moi au deuxième »)',
        '• vos inscriptions, et activer ou couper les rappels',
        "• vous mettre en relation avec quelqu'un du bureau",
      ],
      staff: [
        "• les étudiants : effectifs et listes par programme, nationalité, statut, établissement d'origine et année",
        '• les accords par partenaire, pays, type et statut, et ceux qui arrivent à échéance',
        "• le stade et l'historique d'un partenaire ; les dates, membres, programme, résultats et suites d'une délégation",
        "• les alertes, le bilan de fin d'année et les questions restées sans réponse (« lacunes »)",
      ],
    };
    return [
      "Je suis Passerelle, l'assistant du bureau international. Je peux vous aider pour :",
      ...common,
      ...byRole[p.role],
    ].join('\n');
  },
  greeting: (p) =>
    `Bonjour${p.name === undefined ? '' : ` ${p.name}`} ! Je suis Passerelle, l'assistant du bureau international. Posez-moi vos questions sur les événements, vos documents ou la vie sur le campus.`,
  helpFollowUps: (p) => {
    const events = { label: 'Événements cette semaine', text: 'Quels événements cette semaine ?' };
    const bank = {
      label: 'Ouvrir un compte bancaire',
      text: 'Comment ouvrir un compte bancaire ?',
    };
    if (p.role === 'staff') {
      return [
        {
          label: "Étudiants d'échange français",
          text: "Combien d'étudiants en échange venant de France en 2025 ?",
        },
        {
          label: 'Accords arrivant à échéance',
          text: 'Quels accords expirent dans les 6 prochains mois ?',
        },
        { label: "Bilan de l'année", text: 'Bilan 2025' },
      ];
    }
    if (p.role === 'student') {
      return [events, { label: 'Mes documents', text: 'Quand expirent mes documents ?' }, bank];
    }
    return [events, bank, { label: 'Lier mon compte', text: 'Comment lier mon compte ?' }];
  },

  bindHowTo: () =>
    'Pour lier votre compte, demandez un code de liaison au bureau international (il ressemble à ABCD-1234), puis envoyez « lier ABCD-1234 » ici. Un code ne sert qu’une fois, pendant 15 minutes.',
  bindNotHere: () =>
    'Les comptes se lient sur WeChat ou Slack. Ici, dans la console, choisissez qui vous êtes avec --as.',
  bindAlready: (p) => `Votre compte est déjà lié : vous êtes ${fr.labels.role[p.role]}.`,
  bindDone: (p) =>
    `C'est fait : votre compte est lié. Vous êtes ${fr.labels.role[p.role]}, et je réponds désormais avec votre dossier.`,
  bindInvalid: () =>
    "Ce code de liaison n'est pas valide. Vérifiez-le ou demandez-en un nouveau au bureau.",
  bindExpired: () => 'Ce code de liaison a expiré. Demandez-en un nouveau au bureau.',
  bindUsed: () => 'Ce code de liaison a déjà été utilisé. Demandez-en un nouveau au bureau.',
  bindLocked: () =>
    'Ce code de liaison est bloqué après trop d’erreurs. Demandez-en un nouveau au bureau.',
  bindTooMany: (p) =>
    `Trop de tentatives de liaison. Merci de patienter ${p.minutes} minutes avant de réessayer.`,

  handoffRequested: () =>
    "J'ai transmis votre message au bureau international. Quelqu'un du bureau vous répondra ici.",
  handoffFollowUp: () => ({
    label: "Parler à quelqu'un",
    text: "Je voudrais parler à quelqu'un",
  }),

  kbIntro: () => "D'après le guide de survie de l'étudiant international :",
  kbSources: (p) => `Source : ${p.titles.join(' ; ')}`,
  kbNothing: () =>
    "Je n'ai pas trouvé de réponse fiable dans le guide de survie, et je préfère ne pas deviner. J'ai transmis votre question au bureau : quelqu'un vous répondra ici.",
  kbNothingStaff: () =>
    "Je n'ai pas trouvé de réponse fiable dans la base de connaissances, et je préfère ne pas deviner. J'ai ajouté la question aux questions sans réponse (« lacunes »).",

  profileIntro: (p) => `Voici votre dossier, ${p.name} :`,
  reminders: (p) => (p.on ? 'activés' : 'désactivés'),
  documentsIntro: (p) =>
    `Vos documents, ${p.name} (je n'affiche jamais les numéros de documents) :`,
  documentLine: (p) => `• ${p.document} : valable jusqu'au ${p.expiry} (${fr.daysLeft(p.days)})`,
  daysLeft: (days) =>
    days < 0
      ? `expiré depuis ${-days} jour${days === -1 ? '' : 's'}`
      : days === 0
        ? "expire aujourd'hui"
        : `encore ${days} jour${days === 1 ? '' : 's'}`,
  documentsNone: () => "Le bureau n'a pas encore de dates de documents dans votre dossier.",
  documentsAllClear: () => 'Tout est en ordre : aucun document ne demande votre attention.',
  documentsAttention: () => 'À surveiller :',
  documentAlertLine: (p) => `⚠ ${p.document} : ${p.reason}`,
  documentsAdvice: () =>
    "Pour un renouvellement, consultez le guide de survie ou demandez à parler à quelqu'un du bureau.",
  remindersOff: () =>
    "C'est fait : je ne vous enverrai plus de rappels. Envoyez « active les rappels » pour les retrouver.",
  remindersOn: () =>
    "C'est fait : les rappels sont activés. Je vous rappellerai l'expiration de vos documents et les événements.",
  remindersStaff: () =>
    "Les rappels concernent les étudiants ; rien à changer sur un compte du personnel. C'est noté.",

  eventsIntro: (p) => `${p.count} événement${p.count === 1 ? '' : 's'} ${p.range} :`,
  eventsNone: (p) => `Aucun événement ${p.range}.`,
  rangePhrase: (p) => (p.same ? `le ${p.from}` : `du ${p.from} au ${p.to}`),
  eventLine: (p) =>
    `${p.n}. ${p.title} — ${p.when}${p.place === undefined ? '' : `, ${p.place}`} (${p.seats})`,
  seatsLeft: (n) => `${n} place${n === 1 ? '' : 's'} restante${n === 1 ? '' : 's'}`,
  seatsFull: (waitlist) =>
    waitlist > 0 ? `complet, ${waitlist} en liste d'attente` : "complet, liste d'attente ouverte",
  seatsOpen: () => 'places illimitées',
  youAre: (status) => `vous êtes ${status}`,
  moreEvents: (n) => `… et ${n} autre${n === 1 ? '' : 's'}.`,
  registerFollowUp: (p) => ({ label: `S'inscrire : ${p.title}`, text: `Inscris-moi à ${p.title}` }),
  eventsFollowUp: () => ({
    label: 'Événements cette semaine',
    text: 'Quels événements cette semaine ?',
  }),
  nextMonthFollowUp: () => ({
    label: 'Événements le mois prochain',
    text: 'Quels événements le mois prochain ?',
  }),
  myRegistrationsFollowUp: () => ({ label: 'Mes inscriptions', text: 'Mes inscriptions' }),
  cancelFollowUp: (p) => ({
    label: `Annuler : ${p.title}`,
    text: `Annule mon inscription à ${p.title}`,
  }),
  whichEvent: () =>
    'De quel événement parlez-vous ? Donnez-moi son nom, ou son numéro dans la liste que je vous ai montrée.',
  eventNotFound: () =>
    "Je n'ai pas trouvé cet événement parmi ceux à venir. Voici ce qui est prévu :",
  registered: (p) => `C'est fait : vous êtes inscrit(e) à « ${p.title} » (${p.when}).`,
  waitlisted: (p) =>
    `« ${p.title} » est complet : vous êtes sur liste d'attente${p.position === undefined ? '' : ` (position ${p.position})`}. Si une place se libère, elle vous revient dans l'ordre de la liste.`,
  alreadyRegistered: (p) => `Vous êtes déjà ${p.status} pour « ${p.title} ».`,
  registrationRefused: (p) => `Je n'ai pas pu vous inscrire à « ${p.title} » : ${p.reason}`,
  registrationNotOpen: () => 'les inscriptions ne sont pas encore ouvertes.',
  registrationClosed: () => 'les inscriptions sont closes.',
  notInAudience: () => "cet événement n'est pas ouvert à votre programme.",
  eventCancelled: () => "l'événement a été annulé.",
  cancelled: (p) => `C'est fait : votre inscription à « ${p.title} » est annulée.`,
  notRegistered: (p) => `Vous n'êtes pas inscrit(e) à « ${p.title} ».`,
  cancelRefused: (p) => `Votre inscription à « ${p.title} » ne peut plus être annulée.`,
  myRegistrationsNone: () => "Vous n'êtes inscrit(e) à aucun événement à venir.",
  myRegistrationsIntro: (p) =>
    `Vous êtes inscrit(e) à ${p.count} événement${p.count === 1 ? '' : 's'} à venir :`,
  registrationLine: (p) => `• ${p.title} — ${p.when} (${p.status})`,

  studentsCount: (p) =>
    `${p.count} étudiant${p.count === 1 ? '' : 's'}${p.criteria === '' ? '' : ` (${p.criteria})`}.`,
  studentsListIntro: (p) =>
    `${p.count} étudiant${p.count === 1 ? '' : 's'}${p.criteria === '' ? '' : ` (${p.criteria})`} :`,
  studentLine: (p) =>
    `• ${p.name} — ${p.kind}, ${p.country}${p.home === undefined ? '' : `, ${p.home}`} (${p.status})`,
  more: (n) => `… et ${n} de plus.`,
  criterionCountry: (name) => `pays : ${name}`,
  criterionHome: (name) => `venant de ${name}`,
  criterionStarted: (year) => `arrivés en ${year}`,
  criterionAcademicYear: (year) => `année universitaire ${year}`,
  criterionExpiringWithin: (days) => `échéance sous ${days} jours`,
  criterionPartner: (name) => `avec ${name}`,

  agreementsIntro: (p) =>
    `${p.count} accord${p.count === 1 ? '' : 's'}${p.criteria === '' ? '' : ` (${p.criteria})`} :`,
  agreementsNone: (p) => `Aucun accord${p.criteria === '' ? '' : ` (${p.criteria})`}.`,
  agreementLine: (p) =>
    `• ${p.title} — ${p.kind}, ${p.partners} ; ${p.status}${p.dates === '' ? '' : `, ${p.dates}`}`,
  agreementDates: (p) =>
    p.from !== undefined && p.to !== undefined
      ? `du ${p.from} au ${p.to}`
      : p.to !== undefined
        ? `jusqu'au ${p.to}`
        : p.from !== undefined
          ? `depuis le ${p.from}`
          : '',
  expiringFollowUp: () => ({
    label: 'Échéance sous 6 mois',
    text: 'Quels accords expirent dans les 6 prochains mois ?',
  }),
  partnerWhich: () =>
    'De quel partenaire parlez-vous ? Nommez l’établissement (par ex. « École polytechnique » ou « X »).',
  partnerIntro: (p) =>
    `${p.name} (${p.place}) — stade : ${p.stage}${p.strategic ? ', partenaire stratégique' : ''}.`,
  stageHistoryIntro: () => 'Historique :',
  stageLine: (p) => `• ${p.date} : ${p.stage}${p.note === undefined ? '' : ` — ${p.note}`}`,
  partnerAgreementsIntro: (p) =>
    p.count === 0 ? "Pas encore d'accord." : `Accords (${p.count}) :`,
  lastDelegation: (p) => `Dernière délégation : ${p.title}, ${p.dates}.`,
  noDelegation: () => 'Aucune délégation enregistrée avec ce partenaire.',
  contactsLine: (p) => `Contacts : ${p.names}.`,
  partnersIntro: (p) =>
    `${p.count} établissement${p.count === 1 ? '' : 's'}${p.criteria === '' ? '' : ` (${p.criteria})`} :`,
  partnerLine: (p) => `• ${p.name} (${p.place}) — ${p.stage}`,
  partnerFollowUp: (p) => ({ label: `Accords avec ${p.name}`, text: `Accords avec ${p.name}` }),

  delegationWhich: () =>
    "Je n'ai pas trouvé cette délégation. Dites-moi d'où elle venait ou où elle allait, et quand (par ex. « la délégation en France en décembre 2025 »).",
  delegationIntro: (p) => `${p.title} — ${p.direction}, ${p.dates} (${p.status}).`,
  delegationLeader: (p) => `Conduite par ${p.name}${p.role === undefined ? '' : `, ${p.role}`}.`,
  membersIntro: (p) => `Membres (${p.count}) :`,
  memberLine: (p) =>
    `• ${p.name}${[p.role, p.organisation]
      .filter((x) => x !== undefined)
      .map((x) => `, ${x}`)
      .join('')}`,
  itineraryIntro: (p) => `Programme (${p.count} étapes, heures locales) :`,
  itineraryLine: (p) =>
    `• ${p.when} — ${p.kind}${p.where === '' ? '' : `, ${p.where}`}${p.agenda === undefined ? '' : ` : ${p.agenda}`}`,
  outcomesIntro: (p) => `Résultats (${p.count}) :`,
  outcomeLine: (p) =>
    `• ${p.kind}${p.institution === undefined ? '' : ` (${p.institution})`} : ${p.summary}`,
  followUpsIntro: (p) => `Suites à donner (${p.count}) :`,
  followUpLine: (p) => `• ${p.action} — ${p.owner}, pour le ${p.due} (${p.status})`,
  noneYet: () => 'aucun pour le moment.',
  delegationFollowUp: (p) =>
    ({
      itinerary: { label: 'Programme', text: 'Programme de cette délégation' },
      outcomes: { label: 'Résultats', text: 'Résultats de cette délégation' },
      follow_ups: { label: 'Suites', text: 'Suites de cette délégation' },
      members: { label: 'Membres', text: 'Membres de cette délégation' },
    })[p.aspect],

  alertsIntro: (p) =>
    `Alertes au ${p.date} : ${p.documents} alerte${p.documents === 1 ? '' : 's'} de documents, ${p.agreements} alerte${p.agreements === 1 ? '' : 's'} d'accords.`,
  alertsNone: (p) => `Rien ne demande votre attention au ${p.date}.`,
  alertDocumentLine: (p) => `• ${p.name} : ${p.document}, ${p.expiry} — ${p.reason}`,
  alertAgreementLine: (p) => `• ${p.title} : se termine le ${p.end} (${fr.daysLeft(p.days)})`,
  yearEndIntro: (p) => `Bilan de l'année ${p.year} (évolution par rapport à ${p.previous}) :`,
  yearEndLine: (p) => `• ${p.label} : ${p.value} (${p.change})`,
  yearEndAwards: (p) => `Distinctions : ${p.names}.`,
  yearEndFollowUp: (p) => ({ label: `Bilan ${p.year}`, text: `Bilan ${p.year}` }),
  gapsNone: () => "Aucune question sans réponse pour l'instant. 🎉",
  gapsFollowUp: () => ({ label: 'Questions sans réponse', text: 'Questions sans réponse' }),
  gapsIntro: (p) =>
    `${p.count} question${p.count === 1 ? '' : 's'} restée${p.count === 1 ? '' : 's'} sans réponse, les plus posées d'abord :`,
  gapLine: (p) => `• « ${p.question} » — posée ${p.count} fois, dernière fois le ${p.last}`,
};

export const MESSAGES: Readonly<Record<Language, MessageSet>> = { en, zh, fr };

export function messagesFor(language: Language): MessageSet {
  return MESSAGES[language];
}
