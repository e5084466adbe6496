import { z } from 'zod';

/** Every entity kind and the prefix of its ids. */
export const idPrefixes = {
  institution: 'ins',
  agreement: 'agr',
  student: 'stu',
  staff: 'stf',
  delegation: 'del',
  itineraryItem: 'itm',
  outcome: 'out',
  followUp: 'fup',
  event: 'evt',
  session: 'ses',
  registration: 'reg',
  publication: 'pub',
  award: 'awd',
  article: 'art',
  checkIn: 'chk',
} as const;

export type IdPrefix = (typeof idPrefixes)[keyof typeof idPrefixes];

const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/** A schema for ids of one entity kind: `stu_01JD…` (prefix, underscore, 10 to 40 letters or digits). */
export const prefixedId = <P extends IdPrefix>(prefix: P) =>
  z
    .string()
    .regex(new RegExp(`^${prefix}_[0-9A-Za-z]{10,40}$`), `must be an id starting with "${prefix}_"`)
    .transform((value) => value as `${P}_${string}`);

/**
 * A new id: the prefix, then a ULID (48-bit time, 80 random bits, Crockford base 32), so ids
 * created later sort later and keyset pages follow creation order.
 */
export function newId<P extends IdPrefix>(prefix: P, now: number = Date.now()): `${P}_${string}` {
  let time = '';
  let t = Math.max(0, Math.floor(now));
  for (let i = 0; i < 10; i++) {
    time = CROCKFORD.charAt(t % 32) + time;
    t = Math.floor(t / 32);
  }
  const bytes = new Uint8Array(16);
  globalThis.crypto.getRandomValues(bytes);
  let random = '';
  for (const byte of bytes) random += CROCKFORD.charAt(byte % 32);
  return `${prefix}_${time}${random}`;
}

export const InstitutionId = prefixedId('ins');
export type InstitutionId = z.infer<typeof InstitutionId>;
export const AgreementId = prefixedId('agr');
export type AgreementId = z.infer<typeof AgreementId>;
export const StudentId = prefixedId('stu');
export type StudentId = z.infer<typeof StudentId>;
export const StaffId = prefixedId('stf');
export type StaffId = z.infer<typeof StaffId>;
export const DelegationId = prefixedId('del');
export type DelegationId = z.infer<typeof DelegationId>;
export const ItineraryItemId = prefixedId('itm');
export type ItineraryItemId = z.infer<typeof ItineraryItemId>;
export const OutcomeId = prefixedId('out');
export type OutcomeId = z.infer<typeof OutcomeId>;
export const FollowUpId = prefixedId('fup');
export type FollowUpId = z.infer<typeof FollowUpId>;
export const EventId = prefixedId('evt');
export type EventId = z.infer<typeof EventId>;
export const SessionId = prefixedId('ses');
export type SessionId = z.infer<typeof SessionId>;
export const RegistrationId = prefixedId('reg');
export type RegistrationId = z.infer<typeof RegistrationId>;
export const PublicationId = prefixedId('pub');
export type PublicationId = z.infer<typeof PublicationId>;
export const AwardId = prefixedId('awd');
export type AwardId = z.infer<typeof AwardId>;
export const ArticleId = prefixedId('art');
export type ArticleId = z.infer<typeof ArticleId>;
export const CheckInId = prefixedId('chk');
export type CheckInId = z.infer<typeof CheckInId>;
