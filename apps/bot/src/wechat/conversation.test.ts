import { describe, expect, it } from 'vitest';
import { FollowUpMemory } from './conversation';

const offered = [
  { label: 'Register', text: 'register me for the salon' },
  { label: 'My registrations', text: 'my registrations' },
];

describe('FollowUpMemory', () => {
  const at = (minutes: number) => new Date(Date.UTC(2025, 10, 20, 9, minutes));

  it('turns a number into the follow-up offered last in that conversation', () => {
    const memory = new FollowUpMemory();
    memory.remember('room:alice', offered, at(0));
    expect(memory.resolve('room:alice', '2', at(1))).toBe('my registrations');
    expect(memory.resolve('room:bob', '2', at(1))).toBe('2');
    expect(memory.resolve('room:alice', 'something else', at(1))).toBe('something else');
  });

  it('forgets follow-ups after their time, when none are offered, and beyond its size', () => {
    const memory = new FollowUpMemory(60_000, 2);
    memory.remember('a', offered, at(0));
    expect(memory.resolve('a', '1', at(2))).toBe('1');
    memory.remember('b', offered, at(0));
    memory.remember('b', [], at(0));
    expect(memory.resolve('b', '1', at(0))).toBe('1');
    memory.remember('c', offered, at(0));
    memory.remember('d', offered, at(0));
    memory.remember('e', offered, at(0));
    expect(memory.resolve('c', '1', at(0))).toBe('1');
    expect(memory.resolve('e', '1', at(0))).toBe('register me for the salon');
  });
});
