import { describe, expect, it } from 'vitest';
import { extractDelegationAspect, extractDelegationRef, mentionsDelegation } from './delegation';

const now = new Date('2025-11-20T10:00:00+08:00');
const ref = (text: string) => extractDelegationRef(text, { now });

describe('extractDelegationRef', () => {
  it.each([
    ['the France delegation', { country: 'FR' }],
    ['法国代表团', { country: 'FR' }],
    ['la délégation en France', { country: 'FR' }],
    ['December delegation', { month: 12 }],
    ['12月的代表团', { month: 12 }],
    ['la délégation de décembre', { month: 12 }],
    ['the delegation to France in December 2025', { country: 'FR', month: 12, year: 2025 }],
    ['last year’s German delegation', { country: 'DE', year: 2024 }],
    ['访法代表团', { country: 'FR' }],
    ['the delegation', {}],
    ['our trip to Germany', { country: 'DE' }],
    ['the delegation in May 2026', { month: 5, year: 2026 }],
  ])('%s', (text, expected) => {
    expect(ref(text)).toEqual(expected);
  });

  it('is undefined when no delegation is spoken of', () => {
    expect(ref('students from France')).toBeUndefined();
    expect(mentionsDelegation('students from France')).toBe(false);
    expect(mentionsDelegation('法国代表团')).toBe(true);
  });

  it('does not read "may" as May', () => {
    expect(ref('may I see the delegation')).toEqual({});
  });
});

describe('extractDelegationAspect', () => {
  it.each([
    ['Itinerary of the France delegation', 'itinerary'],
    ['法国代表团的行程', 'itinerary'],
    ['Programme de la délégation', 'itinerary'],
    ['Who was in the December delegation?', 'members'],
    ['代表团成员', 'members'],
    ['Qui faisait partie de la délégation ?', 'members'],
    ['What were the outcomes?', 'outcomes'],
    ['代表团的成果', 'outcomes'],
    ['Quels sont les résultats ?', 'outcomes'],
    ['Follow-ups from the France delegation', 'follow_ups'],
    ['后续跟进', 'follow_ups'],
    ['les actions de suivi', 'follow_ups'],
    ['When was the France delegation?', 'dates'],
    ['代表团什么时候出发', 'dates'],
    ['Quand était la délégation ?', 'dates'],
    ['Tell me about the France delegation', 'summary'],
  ])('%s → %s', (text, aspect) => {
    expect(extractDelegationAspect(text)).toBe(aspect);
  });
});
