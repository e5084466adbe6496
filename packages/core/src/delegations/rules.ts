import {
  type CalendarDate,
  dateInZone,
  dateRangesOverlap,
  defineStateMachine,
  fail,
  type Messages,
  pickText,
  type StateMachine,
  type Violation,
  zonedParts,
} from '../shared';
import type {
  Delegation,
  DelegationMember,
  DelegationStatus,
  FollowUp,
  FollowUpStatus,
  ItineraryItem,
  Outcome,
} from './schemas';

/** planned → approved → underway → completed, cancelled from any state before completed. */
export const delegationLifecycle: StateMachine<DelegationStatus> = defineStateMachine(
  'delegation',
  {
    planned: ['approved', 'cancelled'],
    // An approval can be withdrawn when the plan changes.
    approved: ['underway', 'cancelled', 'planned'],
    underway: ['completed', 'cancelled'],
    completed: [],
    cancelled: [],
  },
);

export const followUpLifecycle: StateMachine<FollowUpStatus> = defineStateMachine('follow_up', {
  open: ['in_progress', 'done', 'cancelled'],
  in_progress: ['done', 'cancelled', 'open'],
  done: [],
  cancelled: [],
});

type Person = Pick<DelegationMember, 'name' | 'staffId'>;

function normaliseName(name: string): string {
  return name.normalize('NFKC').trim().replace(/\s+/gu, ' ').toLowerCase();
}

/**
 * A stable key for a person: the staff id when known, otherwise the name without case or
 * extra whitespace ("  Li   MING " and "li ming" are one person).
 */
export function personKey(member: Person): string {
  return member.staffId !== undefined
    ? `staff:${member.staffId}`
    : `name:${normaliseName(member.name)}`;
}

/**
 * True when two entries name the same person: by staff id when both carry one, otherwise by
 * name (a list written by hand often lacks the id of someone another list has).
 */
export function samePerson(a: Person, b: Person): boolean {
  if (a.staffId !== undefined && b.staffId !== undefined) return a.staffId === b.staffId;
  return normaliseName(a.name) === normaliseName(b.name);
}

/** The leader, then the members, each person once. */
export function delegationPeople(
  delegation: Pick<Delegation, 'leader' | 'members'>,
): DelegationMember[] {
  const people: DelegationMember[] = [];
  for (const member of [delegation.leader, ...delegation.members]) {
    if (!people.some((known) => samePerson(known, member))) people.push(member);
  }
  return people;
}

const violation = (rule: string, message: Messages, data: Record<string, unknown>): Violation =>
  fail(rule, message, data).violation;

const pad2 = (value: number): string => String(value).padStart(2, '0');

function localDateTime(instant: string, timeZone: string): string {
  const p = zonedParts(new Date(instant), timeZone);
  return `${p.year}-${pad2(p.month)}-${pad2(p.day)} ${pad2(p.hour)}:${pad2(p.minute)}`;
}

function describeItem(item: ItineraryItem): string {
  const place = item.place !== undefined ? `, ${item.place}` : '';
  return `${item.kind}${place} ${localDateTime(item.start, item.timeZone)}–${localDateTime(item.end, item.timeZone).slice(11)} (${item.timeZone})`;
}

/**
 * The calendar days an item occupies in its own time zone. The end is exclusive, so an item
 * that ends at midnight ends on the day before.
 */
function itemDates(item: ItineraryItem): { start: CalendarDate; end: CalendarDate } {
  const start = dateInZone(item.start, item.timeZone);
  const lastMoment = new Date(Math.max(Date.parse(item.start), Date.parse(item.end) - 1));
  return { start, end: dateInZone(lastMoment, item.timeZone) };
}

function itemsOutsideDates(delegation: Delegation): Violation[] {
  const out: Violation[] = [];
  for (const item of delegation.itinerary) {
    const dates = itemDates(item);
    if (dates.start >= delegation.startDate && dates.end <= delegation.endDate) continue;
    const range = `${delegation.startDate} – ${delegation.endDate}`;
    out.push(
      violation(
        'delegation.item_outside_dates',
        {
          en: `The itinerary item ${describeItem(item)} falls outside the delegation's dates (${range}).`,
          zh: `行程项目 ${describeItem(item)} 超出了代表团的日期范围（${range}）。`,
          fr: `L'étape ${describeItem(item)} sort des dates de la délégation (${range}).`,
        },
        {
          delegationId: delegation.id,
          itemId: item.id,
          timeZone: item.timeZone,
          itemStartDate: dates.start,
          itemEndDate: dates.end,
          startDate: delegation.startDate,
          endDate: delegation.endDate,
        },
      ),
    );
  }
  return out;
}

/** Who takes part in an item: named participants, or everyone when the list is empty. */
function itemPeople(item: ItineraryItem, people: readonly DelegationMember[]): Person[] {
  if (item.participants.length === 0) return [...people];
  const out: Person[] = [];
  for (const name of item.participants) {
    const matches = people.filter((person) => normaliseName(person.name) === normaliseName(name));
    // Someone not on the member list is still one person who cannot be in two places.
    out.push(...(matches.length > 0 ? matches : [{ name }]));
  }
  return out;
}

const overlaps = (a: { start: string; end: string }, b: { start: string; end: string }) =>
  Date.parse(a.start) < Date.parse(b.end) && Date.parse(b.start) < Date.parse(a.end);

function doubleBookings(delegation: Delegation): Violation[] {
  const people = delegationPeople(delegation);
  const items = [...delegation.itinerary].sort(
    (a, b) => Date.parse(a.start) - Date.parse(b.start) || a.id.localeCompare(b.id),
  );
  const involved = items.map((item) => {
    const byKey = new Map<string, Person>();
    for (const person of itemPeople(item, people)) byKey.set(personKey(person), person);
    return byKey;
  });
  const out: Violation[] = [];
  for (let i = 0; i < items.length; i++) {
    for (let j = i + 1; j < items.length; j++) {
      const a = items[i];
      const b = items[j];
      const inA = involved[i];
      const inB = involved[j];
      if (a === undefined || b === undefined || inA === undefined || inB === undefined) continue;
      if (!overlaps(a, b)) continue;
      const both = [...inA].filter(([key]) => inB.has(key));
      if (both.length === 0) continue;
      const names = both.map(([, person]) => person.name).join(', ');
      out.push(
        violation(
          'delegation.member_double_booked',
          {
            en: `${names} would be in two places at once: ${describeItem(a)} and ${describeItem(b)} overlap.`,
            zh: `${names} 将同时出现在两个地方：${describeItem(a)} 与 ${describeItem(b)} 时间重叠。`,
            fr: `${names} serait à deux endroits à la fois : ${describeItem(a)} et ${describeItem(b)} se chevauchent.`,
          },
          {
            delegationId: delegation.id,
            itemIds: [a.id, b.id],
            people: both.map(([, person]) => person.name),
            personKeys: both.map(([key]) => key),
          },
        ),
      );
    }
  }
  return out;
}

type Role = 'leader' | 'member';

function roleIn(delegation: Delegation, person: Person): Role | undefined {
  if (samePerson(delegation.leader, person)) return 'leader';
  return delegation.members.some((member) => samePerson(member, person)) ? 'member' : undefined;
}

const roleText: Record<Role, Messages> = {
  leader: { en: 'leads', zh: '带领', fr: 'dirige' },
  member: { en: 'joins', zh: '参加', fr: 'fait partie de' },
};

function overlappingDelegations(
  delegation: Delegation,
  others: readonly Delegation[],
): Violation[] {
  // A cancelled delegation takes nobody anywhere.
  if (delegation.status === 'cancelled') return [];
  const here = { start: delegation.startDate, end: delegation.endDate };
  const out: Violation[] = [];
  for (const other of others) {
    if (other.id === delegation.id || other.status === 'cancelled') continue;
    if (!dateRangesOverlap(here, { start: other.startDate, end: other.endDate })) continue;
    const clashes: Array<{ name: string; personKey: string; here: Role; there: Role }> = [];
    for (const person of delegationPeople(delegation)) {
      const there = roleIn(other, person);
      if (there === undefined) continue;
      clashes.push({
        name: person.name,
        personKey: personKey(person),
        here: roleIn(delegation, person) ?? 'member',
        there,
      });
    }
    if (clashes.length === 0) continue;
    const range = `${other.startDate} – ${other.endDate}`;
    const says = (language: keyof Messages) =>
      clashes.map((clash) => `${clash.name} ${roleText[clash.there][language]}`).join(', ');
    out.push(
      violation(
        'delegation.person_overlapping_delegations',
        {
          en: `${says('en')} the delegation "${pickText(other.title, 'en')}" (${range}), whose dates overlap this one.`,
          zh: `${says('zh')}代表团“${pickText(other.title, 'zh')}”（${range}），其日期与本代表团重叠。`,
          fr: `${says('fr')} la délégation « ${pickText(other.title, 'fr')} » (${range}), dont les dates chevauchent celle-ci.`,
        },
        {
          delegationId: delegation.id,
          otherDelegationId: other.id,
          otherStartDate: other.startDate,
          otherEndDate: other.endDate,
          people: clashes,
        },
      ),
    );
  }
  return out;
}

/**
 * Rule 6: itinerary items lie within the delegation's dates, nobody is in two places at once,
 * and nobody leads or joins two delegations whose dates overlap. Every conflict is returned.
 */
export function validateDelegation(
  delegation: Delegation,
  others: readonly Delegation[] = [],
): Violation[] {
  return [
    ...itemsOutsideDates(delegation),
    ...doubleBookings(delegation),
    ...overlappingDelegations(delegation, others),
  ];
}

export type OpenFollowUp = FollowUp & {
  outcomeId: Outcome['id'];
  /** The due date has passed. */
  overdue: boolean;
};

/** Follow-up actions still to do (not done nor cancelled), earliest due first. */
export function openFollowUps(delegation: Delegation, today: CalendarDate): OpenFollowUp[] {
  const open: OpenFollowUp[] = [];
  for (const outcome of delegation.outcomes) {
    for (const followUp of outcome.followUps) {
      if (followUp.status === 'done' || followUp.status === 'cancelled') continue;
      open.push({ ...followUp, outcomeId: outcome.id, overdue: followUp.dueDate < today });
    }
  }
  return open.sort((a, b) => a.dueDate.localeCompare(b.dueDate) || a.id.localeCompare(b.id));
}
