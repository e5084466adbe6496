import { z } from 'zod';

/** The languages Passerelle speaks: English, Chinese (simplified) and French. */
export const Language = z.enum(['en', 'zh', 'fr']).meta({ id: 'Language' });
export type Language = z.infer<typeof Language>;
export const languages: readonly Language[] = Language.options;

/** Text that people read, in one or more of the three languages. */
export const LocalizedText = z
  .object({
    en: z.string().trim().min(1).max(4000).optional(),
    zh: z.string().trim().min(1).max(4000).optional(),
    fr: z.string().trim().min(1).max(4000).optional(),
  })
  .strict()
  .refine((text) => text.en !== undefined || text.zh !== undefined || text.fr !== undefined, {
    message: 'at least one of en, zh or fr is required',
  })
  .meta({ id: 'LocalizedText' });
export type LocalizedText = z.infer<typeof LocalizedText>;

/** A message that exists in all three languages (used for refusals a student can read). */
export type Messages = Record<Language, string>;

const fallbackOrder: Record<Language, readonly Language[]> = {
  en: ['en', 'fr', 'zh'],
  fr: ['fr', 'en', 'zh'],
  zh: ['zh', 'en', 'fr'],
};

/** The text in the wanted language, or the closest one present. */
export function pickText(text: LocalizedText, language: Language): string {
  for (const candidate of fallbackOrder[language]) {
    const value = text[candidate];
    if (value !== undefined) return value;
  }
  return '';
}

/** Every language variant of a text, for search over names in every language. */
export function allTexts(text: LocalizedText): string[] {
  return [text.en, text.zh, text.fr].filter((value): value is string => value !== undefined);
}
