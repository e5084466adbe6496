import { z } from 'zod';
import {
  AwardId,
  CalendarDate,
  LocalizedText,
  PublicationId,
  recordFields,
  ShortText,
  Tag,
  Url,
} from '../shared';

/** An article published about the office's work (counted in the year-end review). */
export const PublicationInput = z.object({
  title: LocalizedText,
  channel: ShortText,
  publishedOn: CalendarDate,
  url: Url.optional(),
  tags: z.array(Tag).max(20).default([]),
});
export type PublicationInput = z.input<typeof PublicationInput>;
export const Publication = PublicationInput.extend({ id: PublicationId, ...recordFields }).meta({
  id: 'Publication',
});
export type Publication = z.infer<typeof Publication>;

/** Recognition of an outstanding contribution, handed out at the year-end review. */
export const AwardInput = z.object({
  person: ShortText,
  category: ShortText,
  year: z.number().int().min(1900).max(2200),
  citation: LocalizedText.optional(),
});
export type AwardInput = z.input<typeof AwardInput>;
export const Award = AwardInput.extend({ id: AwardId, ...recordFields }).meta({ id: 'Award' });
export type Award = z.infer<typeof Award>;
