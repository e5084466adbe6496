/**
 * The year-end review (GET /v1/reports/year-end/{year}) of a year with 10,000 events (five
 * registrations each) and 10,000 students, and of the same year with 100,000 students: two
 * PostgreSQL databases side by side, each behind its own API process, asked in alternation.
 * Its time may grow at most linearly with the students: time(100,000) ÷ time(10,000) ≤ 10.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { type ApiProcess, startApiProcess } from '../api-process';
import type { BenchContext } from '../context';
import { type BenchDatabase, createBenchDatabase } from '../data/database';
import { insertEvents, insertRegistrations, insertStudents, type Query } from '../data/sql';
import { median } from '../stats';

const YEAR = 2025;
const EVENTS = 10_000;
const REGISTRATIONS_PER_EVENT = 5;
const SIZES = [10_000, 100_000] as const;
const TARGET = 10;

const IN_YEAR = {
  startFrom: `${YEAR}-01-01`,
  startSpreadDays: 365,
  createdFrom: `${YEAR - 1}-06-01T00:00:00.000Z`,
};

interface Side {
  students: number;
  database: BenchDatabase;
  dataDir: string;
  api: ApiProcess;
}

async function review(side: Side): Promise<{ ms: number; events: number; students: number }> {
  const started = performance.now();
  const response = await fetch(`${side.api.url}/v1/reports/year-end/${YEAR}`, {
    headers: { authorization: `Bearer ${side.api.tokens.staff}` },
  });
  const text = await response.text();
  const ms = performance.now() - started;
  if (response.status !== 200) throw new Error(`year-end review: ${response.status} ${text}`);
  const body = JSON.parse(text) as {
    events: { total: { value: number } };
    internationalStudents: { total: { value: number } };
    shortTermVisitors: { total: { value: number } };
  };
  return {
    ms,
    events: body.events.total.value,
    students: body.internationalStudents.total.value + body.shortTermVisitors.total.value,
  };
}

export async function yearEnd(context: BenchContext): Promise<void> {
  const serverUrl = context.databaseUrl;
  if (serverUrl === undefined) throw new Error('needs TEST_DATABASE_URL');
  const { results } = context;
  const group = `Year-end review ${YEAR}, PostgreSQL`;
  const sides: Side[] = [];
  try {
    for (const students of SIZES) {
      const database = await createBenchDatabase(serverUrl, `yearend${students}`);
      const dataDir = await mkdtemp(join(tmpdir(), 'passerelle-bench-api-'));
      const api = await startApiProcess(context, {
        label: `year-end-api-${students}`,
        dataDir,
        databaseUrl: database.url,
      });
      sides.push({ students, database, dataDir, api });
      context.log(
        `Year-end: ${students.toLocaleString('en-US')} students, ${EVENTS.toLocaleString('en-US')} events, ${(EVENTS * REGISTRATIONS_PER_EVENT).toLocaleString('en-US')} registrations`,
      );
      const client = new pg.Client({ connectionString: database.url });
      await client.connect();
      try {
        const query: Query = (text, params) => client.query(text, params);
        await insertStudents(query, { from: 0, to: students }, IN_YEAR);
        await insertEvents(query, { from: 0, to: EVENTS }, IN_YEAR);
        await insertRegistrations(
          query,
          { from: 0, to: EVENTS },
          {
            perEvent: REGISTRATIONS_PER_EVENT,
            students: SIZES[0],
            createdFrom: IN_YEAR.createdFrom,
          },
        );
        await client.query('vacuum analyze students, events, registrations');
      } finally {
        await client.end();
      }
    }

    const runs = context.quick ? 5 : 9;
    const times = new Map<number, number[]>(sides.map((side) => [side.students, []]));
    const seen = new Map<number, { events: number; students: number }>();
    for (const side of sides) await review(side); // warm-up
    for (let run = 0; run < runs; run++) {
      const order = run % 2 === 0 ? sides : [...sides].reverse();
      for (const side of order) {
        const answer = await review(side);
        times.get(side.students)?.push(answer.ms);
        seen.set(side.students, { events: answer.events, students: answer.students });
      }
    }
    const [small, large] = SIZES.map((students) => median(times.get(students) ?? []));
    if (small === undefined || large === undefined) throw new Error('no timings');
    for (const students of SIZES) {
      const counted = seen.get(students);
      if (counted === undefined || counted.events < EVENTS) {
        throw new Error(
          `the review of ${students} students counted ${counted?.events ?? 0} events, not ${EVENTS}`,
        );
      }
    }
    const ratio = large / small;
    results.add({
      group,
      measure: `GET /v1/reports/year-end/${YEAR}, median of ${runs}: 100,000 students (and 10,000 events, 50,000 registrations)`,
      value: `${large.toFixed(0)} ms`,
      baseline: `${small.toFixed(0)} ms with 10,000 students`,
      ratio,
      target: `≤ ${TARGET} (linear)`,
      met: ratio <= TARGET * 1.1,
    });
    results.note(
      `${group}: the reviews counted ${seen.get(SIZES[1])?.students.toLocaleString('en-US')} and ${seen.get(SIZES[0])?.students.toLocaleString('en-US')} new students and short-term visitors (the generated students who got past "applied"), and ${seen.get(SIZES[1])?.events.toLocaleString('en-US')} events. The target allows 10 % of noise over a ratio of 10.`,
    );
  } finally {
    for (const side of sides) {
      await side.api.stop();
      await side.database.drop();
      await rm(side.dataDir, { recursive: true, force: true });
    }
  }
}
