import { gzipSync } from 'node:zlib';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { BackupError, type BackupHeader, BackupWriter, parseBackup } from './format';
import { checkColumns } from './restore';
import { dependencyOrder } from './tables';

const header: BackupHeader = {
  format: 'passerelle-backup',
  version: 1,
  createdAt: '2025-11-20T09:00:00.000Z',
  schemaVersion: '0002_calendar_feeds',
  store: 'pglite',
  tables: [
    { name: 'institutions', columns: ['id', 'data'] },
    { name: 'tokens', columns: ['id', 'hash'] },
  ],
};

async function written(rows: [string, string][], head: BackupHeader = header): Promise<string> {
  const chunks: string[] = [];
  const writer = new BackupWriter((text) => void chunks.push(text));
  await writer.header(head);
  for (const [table, json] of rows) await writer.row(table, json);
  await writer.end();
  return chunks.join('');
}

const encode = (text: string) => new TextEncoder().encode(text);

function refusal(bytes: Uint8Array): string {
  try {
    parseBackup(bytes);
  } catch (error) {
    if (error instanceof BackupError) return error.message;
    throw error;
  }
  return 'accepted';
}

describe('the backup file', () => {
  it('reads back what was written, plain or gzip-compressed, whatever the rows hold', async () => {
    const row = fc.record({
      id: fc.string({ minLength: 1 }),
      data: fc.jsonValue(),
    });
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.tuple(fc.constantFrom('institutions', 'tokens'), row)),
        async (rows) => {
          const text = await written(
            rows.map(([table, value]) => [
              table,
              JSON.stringify(table === 'tokens' ? { id: value.id, hash: value.data } : value),
            ]),
          );
          for (const bytes of [encode(text), gzipSync(text)]) {
            const parsed = parseBackup(bytes);
            expect(parsed.header).toEqual(header);
            expect(parsed.total).toBe(rows.length);
            expect(parsed.rows.get('institutions')?.length).toBe(
              rows.filter(([table]) => table === 'institutions').length,
            );
          }
        },
      ),
      { numRuns: 40 },
    );
  });

  it('refuses a file cut short anywhere', async () => {
    const text = await written([
      ['institutions', '{"id":"ins_1","data":{"name":"X"}}'],
      ['tokens', '{"id":"tok_1","hash":"abc"}'],
    ]);
    for (let end = 0; end < text.length; end += 7) {
      expect(refusal(encode(text.slice(0, end)))).not.toBe('accepted');
    }
    expect(refusal(encode(text.slice(0, -1)))).toMatch(/cut short/);
  });

  it('says what is wrong with a file that is not a sound backup', async () => {
    const good = await written([['institutions', '{"id":"ins_1","data":{}}']]);
    const lines = good.split('\n');
    expect(refusal(new Uint8Array([0xff, 0xfe, 0x0a]))).toMatch(/not UTF-8/);
    expect(refusal(encode('not json\n'))).toMatch(/Line 1 is not JSON/);
    expect(refusal(encode(good.replace('"ins_1"', '"ins_2"')))).toMatch(/checksum/);
    // Sound checksums, unsound content: rewritten with the writer.
    const otherFormat = await written([], { ...header, version: 2 as 1 });
    expect(refusal(encode(otherFormat))).toMatch(/first line is not a header/);
    expect(refusal(encode(await written([['students', '{"id":"stu_1"}']])))).toMatch(
      /Line 2 is not a row of a table of the backup/,
    );
    expect(refusal(encode(await written([['institutions', '{"id":"ins_1"}']])))).toMatch(
      /does not have the table's columns/,
    );
    expect(
      refusal(encode(await written([['institutions', '{"id":"ins_1","data":{},"extra":1}']]))),
    ).toMatch(/does not have the table's columns/);
    const miscounted = await written([['institutions', '{"id":"ins_1","data":{}}']]);
    const trailer = JSON.parse(lines.at(-2) ?? '{}') as { rows: Record<string, number> };
    trailer.rows.institutions = 2;
    const withCount = `${miscounted.split('\n').slice(0, -2).join('\n')}\n${JSON.stringify(trailer)}\n`;
    expect(refusal(encode(withCount))).toMatch(/holds 1 rows of institutions but says 2/);
  });
});

describe('restoring order and shape', () => {
  it('puts referenced tables first and keeps the given order otherwise', () => {
    expect(
      dependencyOrder(
        ['registrations', 'events', 'students', 'audit_log'],
        [
          { child: 'registrations', parent: 'events' },
          { child: 'registrations', parent: 'students' },
          { child: 'students', parent: 'students' },
          { child: 'events', parent: 'elsewhere' },
        ],
      ),
    ).toEqual(['events', 'students', 'registrations', 'audit_log']);
    // A cycle cannot be ordered: the tables keep their places.
    expect(
      dependencyOrder(
        ['a', 'b'],
        [
          { child: 'a', parent: 'b' },
          { child: 'b', parent: 'a' },
        ],
      ),
    ).toEqual(['a', 'b']);
  });

  it("refuses a backup whose tables are not the store's", () => {
    const store = [
      { name: 'institutions', columns: ['id', 'data'], primaryKey: ['id'], textKey: true },
      { name: 'tokens', columns: ['id', 'hash'], primaryKey: ['id'], textKey: true },
    ];
    expect(() => checkColumns(store, header.tables)).not.toThrow();
    try {
      checkColumns(store, [
        { name: 'institutions', columns: ['id', 'payload'] },
        { name: 'ghosts', columns: ['id'] },
      ]);
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(BackupError);
      expect((error as BackupError).data.problems).toEqual([
        'institutions has other columns here',
        'ghosts is not in this store',
        'tokens is not in the backup',
      ]);
    }
  });
});
