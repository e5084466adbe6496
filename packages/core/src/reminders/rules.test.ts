import { describe, expect, it } from 'vitest';
import { documentReminderPeriod, isTomorrow, reminderChannel } from './rules';

describe('isTomorrow', () => {
  it('reads the day in the office time zone', () => {
    // 2025-11-20T17:30Z is 2025-11-21 01:30 in Shanghai.
    expect(isTomorrow('2025-11-20T17:30:00Z', '2025-11-20', 'Asia/Shanghai')).toBe(true);
    expect(isTomorrow('2025-11-20T17:30:00Z', '2025-11-20', 'Europe/Paris')).toBe(false);
    expect(isTomorrow('2025-11-21T15:59:59Z', '2025-11-20', 'Asia/Shanghai')).toBe(true);
    expect(isTomorrow('2025-11-21T16:00:00Z', '2025-11-20', 'Asia/Shanghai')).toBe(false);
  });
});

describe('documentReminderPeriod', () => {
  it('changes with the stage, not with the day it is computed', () => {
    const soon = documentReminderPeriod({ expiry: '2025-12-05', reason: 'expires_soon' });
    expect(soon).toBe('2025-12-05/expires_soon');
    expect(documentReminderPeriod({ expiry: '2025-12-05', reason: 'expired' })).not.toBe(soon);
  });
});

describe('reminderChannel', () => {
  it('sends students to WeChat and staff to Slack', () => {
    expect(reminderChannel({ kind: 'student' })).toBe('wechat');
    expect(reminderChannel({ kind: 'staff' })).toBe('slack');
  });
});
