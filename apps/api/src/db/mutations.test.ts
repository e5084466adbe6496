import { describe, expect, it } from 'vitest';
import { ApiError } from '../http/problem';
import { guardUnique, postgresErrorCode } from './mutations';

describe('guardUnique', () => {
  it('turns a unique violation, even wrapped by drizzle, into a 409 conflict', async () => {
    const wrapped = new Error('Failed query: insert …', {
      cause: Object.assign(new Error('duplicate key'), { code: '23505' }),
    });
    expect(postgresErrorCode(wrapped)).toBe('23505');
    const error = await guardUnique(() => Promise.reject(wrapped), 'staff').catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).status).toBe(409);
  });

  it('lets other errors through unchanged', async () => {
    const other = Object.assign(new Error('deadlock'), { code: '40P01' });
    await expect(guardUnique(() => Promise.reject(other), 'staff')).rejects.toBe(other);
    expect(postgresErrorCode('text')).toBeUndefined();
    expect(await guardUnique(() => Promise.resolve(7), 'staff')).toBe(7);
  });
});
