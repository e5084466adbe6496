import { z } from 'zod';
import {
  CalendarDate,
  CountryCode,
  DelegationId,
  FollowUpId,
  Instant,
  InstitutionId,
  ItineraryItemId,
  LocalizedText,
  OutcomeId,
  recordFields,
  ShortText,
  StaffId,
  TimeZone,
} from '../shared';

export const DelegationDirection = z
  .enum(['inbound', 'outbound'])
  .meta({ id: 'DelegationDirection' });
export type DelegationDirection = z.infer<typeof DelegationDirection>;

export const DelegationStatus = z
  .enum(['planned', 'approved', 'underway', 'completed', 'cancelled'])
  .meta({ id: 'DelegationStatus' });
export type DelegationStatus = z.infer<typeof DelegationStatus>;

/** A person in a delegation. Staff members carry their id, so one person is one person. */
export const DelegationMember = z
  .object({
    name: ShortText,
    role: ShortText.optional(),
    organisation: ShortText.optional(),
    staffId: StaffId.optional(),
  })
  .meta({ id: 'DelegationMember' });
export type DelegationMember = z.infer<typeof DelegationMember>;

export const ItineraryKind = z
  .enum(['meeting', 'site_visit', 'lab_tour', 'signing', 'ceremony', 'travel'])
  .meta({ id: 'ItineraryKind' });
export type ItineraryKind = z.infer<typeof ItineraryKind>;

const itineraryBase = z.object({
  start: Instant,
  end: Instant,
  timeZone: TimeZone,
  kind: ItineraryKind,
  institutionId: InstitutionId.optional(),
  place: ShortText.optional(),
  agenda: LocalizedText.optional(),
  /** Names of the delegation's people taking part; empty means the whole delegation. */
  participants: z.array(ShortText).max(100).default([]),
});
const endAfterStart = (value: { start: string; end: string }) =>
  Date.parse(value.start) < Date.parse(value.end);

export const ItineraryItemInput = itineraryBase.refine(endAfterStart, {
  message: 'end must be after start',
  path: ['end'],
});
export type ItineraryItemInput = z.input<typeof ItineraryItemInput>;
export const ItineraryItem = itineraryBase
  .extend({ id: ItineraryItemId })
  .meta({ id: 'ItineraryItem' });
export type ItineraryItem = z.infer<typeof ItineraryItem>;

export const FollowUpStatus = z
  .enum(['open', 'in_progress', 'done', 'cancelled'])
  .meta({ id: 'FollowUpStatus' });
export type FollowUpStatus = z.infer<typeof FollowUpStatus>;

export const FollowUpInput = z.object({
  action: z.string().trim().min(1).max(1000),
  owner: ShortText,
  dueDate: CalendarDate,
  status: FollowUpStatus.default('open'),
});
export type FollowUpInput = z.input<typeof FollowUpInput>;
export const FollowUp = FollowUpInput.extend({ id: FollowUpId }).meta({ id: 'FollowUp' });
export type FollowUp = z.infer<typeof FollowUp>;

export const OutcomeKind = z
  .enum([
    'consensus',
    'agreement_signed',
    'new_contact',
    'programme_launched',
    'partnership_renewed',
    'visit_planned',
    'other',
  ])
  .meta({ id: 'OutcomeKind' });
export type OutcomeKind = z.infer<typeof OutcomeKind>;

export const OutcomeInput = z.object({
  kind: OutcomeKind,
  institutionId: InstitutionId.optional(),
  summary: LocalizedText,
  followUps: z.array(FollowUp).max(50).default([]),
});
export type OutcomeInput = z.input<typeof OutcomeInput>;
export const Outcome = OutcomeInput.extend({ id: OutcomeId }).meta({ id: 'Outcome' });
export type Outcome = z.infer<typeof Outcome>;

const delegationBase = z.object({
  direction: DelegationDirection,
  title: LocalizedText,
  objectives: z.array(z.string().trim().min(1).max(1000)).max(20).default([]),
  startDate: CalendarDate,
  endDate: CalendarDate,
  countries: z.array(CountryCode).min(1).max(30),
  leader: DelegationMember,
  members: z.array(DelegationMember).max(200).default([]),
  status: DelegationStatus.default('planned'),
  /** Institutions visited (outbound) or sending the visitors (inbound). */
  institutionIds: z.array(InstitutionId).max(50).default([]),
});

const datesInOrder = (value: { startDate: string; endDate: string }) =>
  value.startDate <= value.endDate;

export const DelegationInput = delegationBase.refine(datesInOrder, {
  message: 'endDate must not be before startDate',
  path: ['endDate'],
});
export type DelegationInput = z.input<typeof DelegationInput>;

export const Delegation = delegationBase
  .extend({
    id: DelegationId,
    itinerary: z.array(ItineraryItem).default([]),
    outcomes: z.array(Outcome).default([]),
    ...recordFields,
  })
  .meta({ id: 'Delegation' });
export type Delegation = z.infer<typeof Delegation>;
