/**
 * What Passerelle's calendar feeds say: events (one VEVENT per session) and a delegation's
 * itinerary (one all-day VEVENT for the visit, one per itinerary item), with summaries,
 * descriptions, places and links in the subscriber's language.
 *
 * UIDs are stable: `<session id>@passerelle`, `<itinerary item id>@passerelle`,
 * `<delegation id>@passerelle`, so a calendar app updates an item in place when it changes
 * (its SEQUENCE follows the record's version) instead of adding a copy.
 */
import {
  addDays,
  type Delegation,
  type DelegationStatus,
  type Event,
  type EventKind,
  type Institution,
  type ItineraryKind,
  type Language,
  pickText,
  type RegistrationStatus,
} from '@passerelle/core';
import type { IcsCalendar, IcsEvent, IcsStatus } from './ical';

type Labels<K extends string> = Record<K, Record<Language, string>>;

const eventKindLabels: Labels<EventKind> = {
  cultural: { en: 'Cultural event', zh: '文化活动', fr: 'Événement culturel' },
  academic_seminar: { en: 'Academic seminar', zh: '学术研讨会', fr: 'Séminaire académique' },
  performance: { en: 'Performance', zh: '演出', fr: 'Spectacle' },
  themed_salon: { en: 'Themed salon', zh: '主题沙龙', fr: 'Salon thématique' },
  sports: { en: 'Sports', zh: '体育活动', fr: 'Sport' },
  summer_school: { en: 'Summer school', zh: '暑期学校', fr: 'École d’été' },
  welcome_orientation: { en: 'Welcome orientation', zh: '迎新活动', fr: 'Accueil et orientation' },
  online_workshop: { en: 'Online workshop', zh: '线上工作坊', fr: 'Atelier en ligne' },
  year_end_review: { en: 'Year-end review', zh: '年终总结', fr: 'Bilan de fin d’année' },
  info_session: { en: 'Information session', zh: '信息说明会', fr: 'Séance d’information' },
};

const itineraryKindLabels: Labels<ItineraryKind> = {
  meeting: { en: 'Meeting', zh: '会谈', fr: 'Réunion' },
  site_visit: { en: 'Site visit', zh: '实地参观', fr: 'Visite de site' },
  lab_tour: { en: 'Laboratory tour', zh: '参观实验室', fr: 'Visite de laboratoire' },
  signing: { en: 'Signing', zh: '签约', fr: 'Signature' },
  ceremony: { en: 'Ceremony', zh: '仪式', fr: 'Cérémonie' },
  travel: { en: 'Travel', zh: '行程', fr: 'Trajet' },
};

const registrationLabels: Labels<RegistrationStatus> = {
  registered: { en: 'registered', zh: '已报名', fr: 'inscrit·e' },
  waitlisted: { en: 'on the waiting list', zh: '候补中', fr: 'sur liste d’attente' },
  cancelled: { en: 'cancelled', zh: '已取消', fr: 'annulée' },
  attended: { en: 'attended', zh: '已出席', fr: 'présent·e' },
  no_show: { en: 'did not attend', zh: '未出席', fr: 'absent·e' },
};

const delegationStatusLabels: Labels<DelegationStatus> = {
  planned: { en: 'planned', zh: '计划中', fr: 'prévue' },
  approved: { en: 'approved', zh: '已批准', fr: 'approuvée' },
  underway: { en: 'underway', zh: '进行中', fr: 'en cours' },
  completed: { en: 'completed', zh: '已完成', fr: 'terminée' },
  cancelled: { en: 'cancelled', zh: '已取消', fr: 'annulée' },
};

const words = {
  eventsCalendar: { en: 'Passerelle events', zh: 'Passerelle 活动', fr: 'Événements Passerelle' },
  eventsDescription: {
    en: 'Events of the international affairs office',
    zh: '国际事务办公室的活动',
    fr: 'Les événements du bureau des relations internationales',
  },
  myEventsCalendar: {
    en: 'My Passerelle events',
    zh: '我报名的 Passerelle 活动',
    fr: 'Mes événements Passerelle',
  },
  cancelled: { en: 'Cancelled', zh: '已取消', fr: 'Annulé' },
  organiser: { en: 'Organiser', zh: '主办方', fr: 'Organisateur' },
  yourRegistration: { en: 'Your registration', zh: '您的报名', fr: 'Votre inscription' },
  online: { en: 'Online', zh: '线上', fr: 'En ligne' },
  onlineLink: { en: 'Online link', zh: '线上链接', fr: 'Lien en ligne' },
  interpretation: {
    en: 'Interpretation provided',
    zh: '提供口译',
    fr: 'Interprétation assurée',
  },
  objectives: { en: 'Objectives', zh: '目标', fr: 'Objectifs' },
  leader: { en: 'Leader', zh: '团长', fr: 'Chef de délégation' },
  members: { en: 'Members', zh: '成员', fr: 'Membres' },
  status: { en: 'Status', zh: '状态', fr: 'Statut' },
  participants: { en: 'Participants', zh: '参加人员', fr: 'Participants' },
  wholeDelegation: { en: 'the whole delegation', zh: '全体团员', fr: 'toute la délégation' },
  institution: { en: 'Institution', zh: '机构', fr: 'Établissement' },
  delegation: { en: 'Delegation', zh: '代表团', fr: 'Délégation' },
} satisfies Record<string, Record<Language, string>>;

const colon: Record<Language, string> = { en: ': ', zh: '：', fr: ' : ' };

export interface FeedContext {
  language: Language;
  /** The API's origin, for links back to the records (`https://api.example.edu`). */
  origin: string;
  officeTimeZone: string;
  /** Minutes a subscriber should wait before refreshing. */
  refreshMinutes: number;
}

const line = (label: Record<Language, string>, value: string, language: Language) =>
  `${label[language]}${colon[language]}${value}`;

/** One VEVENT per session of each event; `mine` holds the subscriber's registration per event. */
export function eventsCalendar(
  events: readonly Event[],
  mine: ReadonlyMap<string, RegistrationStatus>,
  context: FeedContext & { registeredOnly: boolean },
): IcsCalendar {
  const { language } = context;
  return {
    name: (context.registeredOnly ? words.myEventsCalendar : words.eventsCalendar)[language],
    description: words.eventsDescription[language],
    timeZone: context.officeTimeZone,
    refreshMinutes: context.refreshMinutes,
    events: events.flatMap((event) => eventSessions(event, mine.get(event.id), context)),
  };
}

function eventSessions(
  event: Event,
  registration: RegistrationStatus | undefined,
  context: FeedContext,
): IcsEvent[] {
  const { language } = context;
  const title = pickText(event.title, language);
  const count = event.sessions.length;
  const status: IcsStatus = event.cancelled
    ? 'CANCELLED'
    : registration === 'waitlisted'
      ? 'TENTATIVE'
      : 'CONFIRMED';
  return event.sessions.map((session, index) => {
    const sessionTitle =
      session.title === undefined ? undefined : pickText(session.title, language);
    const base =
      sessionTitle !== undefined
        ? `${title} — ${sessionTitle}`
        : count > 1
          ? `${title} (${index + 1}/${count})`
          : title;
    const description = [
      event.cancelled ? `${words.cancelled[language]}.` : undefined,
      event.description === undefined ? undefined : pickText(event.description, language),
      line(words.organiser, event.organiser, language),
      event.interpretation ? `${words.interpretation[language]}.` : undefined,
      session.onlineUrl === undefined
        ? undefined
        : line(words.onlineLink, session.onlineUrl, language),
      registration === undefined
        ? undefined
        : line(words.yourRegistration, registrationLabels[registration][language], language),
    ];
    return {
      uid: `${session.id}@passerelle`,
      summary: event.cancelled ? `${words.cancelled[language]}${colon[language]}${base}` : base,
      description: description.filter((part) => part !== undefined).join('\n\n'),
      location:
        session.place ?? (session.onlineUrl === undefined ? undefined : words.online[language]),
      url: session.onlineUrl ?? `${context.origin}/v1/events/${event.id}`,
      start: session.start,
      end: session.end,
      timeZone: session.timeZone,
      status,
      categories: [eventKindLabels[event.kind][language]],
      revisedAt: event.updatedAt,
      createdAt: event.createdAt,
      sequence: event.version - 1,
    };
  });
}

/**
 * A delegation's itinerary: the visit as an all-day event over its dates, then each itinerary
 * item at its times in its own time zone (a Paris meeting at 09:30 Europe/Paris).
 */
export function delegationCalendar(
  delegation: Delegation,
  institutions: ReadonlyMap<string, Institution>,
  context: FeedContext,
): IcsCalendar {
  const { language } = context;
  const title = pickText(delegation.title, language);
  const status: IcsStatus =
    delegation.status === 'cancelled'
      ? 'CANCELLED'
      : delegation.status === 'planned'
        ? 'TENTATIVE'
        : 'CONFIRMED';
  const url = `${context.origin}/v1/delegations/${delegation.id}`;
  const stamp = {
    revisedAt: delegation.updatedAt,
    createdAt: delegation.createdAt,
    sequence: delegation.version - 1,
  };
  const people = (member: Delegation['leader']) =>
    [member.name, member.role, member.organisation].filter(Boolean).join(', ');
  const visit: IcsEvent = {
    uid: `${delegation.id}@passerelle`,
    summary: title,
    description: [
      line(words.status, delegationStatusLabels[delegation.status][language], language),
      delegation.objectives.length === 0
        ? undefined
        : `${words.objectives[language]}${colon[language]}\n${delegation.objectives.map((item) => `- ${item}`).join('\n')}`,
      line(words.leader, people(delegation.leader), language),
      delegation.members.length === 0
        ? undefined
        : line(words.members, delegation.members.map((member) => member.name).join(', '), language),
    ]
      .filter((part) => part !== undefined)
      .join('\n\n'),
    url,
    startDate: delegation.startDate,
    endDate: addDays(delegation.endDate, 1),
    status,
    transparent: true,
    categories: [words.delegation[language]],
    ...stamp,
  };
  const items: IcsEvent[] = [...delegation.itinerary]
    .sort((a, b) => Date.parse(a.start) - Date.parse(b.start))
    .map((item) => {
      const institution =
        item.institutionId === undefined ? undefined : institutions.get(item.institutionId);
      const institutionName =
        institution === undefined ? undefined : pickText(institution.name, language);
      const kind = itineraryKindLabels[item.kind][language];
      const summary =
        institutionName !== undefined
          ? `${kind}${colon[language]}${institutionName}`
          : item.place !== undefined
            ? `${kind}${colon[language]}${item.place}`
            : kind;
      const location =
        item.place ??
        (institution === undefined ? undefined : `${institutionName}, ${institution.city}`);
      return {
        uid: `${item.id}@passerelle`,
        summary,
        description: [
          item.agenda === undefined ? undefined : pickText(item.agenda, language),
          institutionName === undefined
            ? undefined
            : line(words.institution, institutionName, language),
          line(
            words.participants,
            item.participants.length === 0
              ? words.wholeDelegation[language]
              : item.participants.join(', '),
            language,
          ),
          line(words.delegation, title, language),
        ]
          .filter((part) => part !== undefined)
          .join('\n\n'),
        location,
        url,
        start: item.start,
        end: item.end,
        timeZone: item.timeZone,
        status,
        categories: [kind],
        ...stamp,
      };
    });
  return {
    name: title,
    description: `${words.delegation[language]}${colon[language]}${title}`,
    timeZone: context.officeTimeZone,
    refreshMinutes: context.refreshMinutes,
    events: [visit, ...items],
  };
}
