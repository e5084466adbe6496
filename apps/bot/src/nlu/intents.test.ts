import { describe, expect, it } from 'vitest';
import { CUES, INTENT_PRIORITY, STAFF_INTENTS } from './intents';
import { fold } from './text';

describe('intents', () => {
  it('ranks every intent exactly once, staff intents included', () => {
    expect(new Set(INTENT_PRIORITY).size).toBe(INTENT_PRIORITY.length);
    expect(INTENT_PRIORITY).toHaveLength(21);
    for (const intent of STAFF_INTENTS) expect(INTENT_PRIORITY).toContain(intent);
  });

  it('does not read the French "d\'accord" (OK) as an agreement', () => {
    expect(CUES.agreement.test(fold("D'accord, merci"))).toBe(false);
    expect(CUES.agreement.test(fold('les accords avec ENSTA'))).toBe(true);
  });

  it('keeps English "stage" out of French, where it means an internship', () => {
    expect(CUES.stage.test(fold('accords de stage'))).toBe(false);
    expect(CUES.stageEnglish.test(fold('what stage is it at'))).toBe(true);
  });
});
