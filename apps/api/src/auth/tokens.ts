/**
 * Bearer tokens: `psl_` and 43 random base64url characters (256 bits). Only their sha-256 is
 * stored. Lookups are cached in memory for `TOKEN_CACHE_SECONDS`, so an authenticated request
 * costs no query; a revocation clears this instance's cache at once, and other instances'
 * within the cache lifetime.
 */
import { hash, randomBytes } from 'node:crypto';
import type { StaffId, StudentId } from '@passerelle/core';
import { and, eq, sql } from 'drizzle-orm';
import type { Config } from '../config';
import { channelBindings, staff, students, tokens } from '../db/schema';
import type { Db } from '../db/store';
import { ApiError } from '../http/problem';
import { newLocalId } from '../ids';
import {
  type ActAs,
  type Auth,
  type Identity,
  parseActAs,
  type Role,
  type Subject,
  subjectKey,
} from './identity';

export const TOKEN_PREFIX = 'psl_';

export function generateToken(): string {
  return `${TOKEN_PREFIX}${randomBytes(32).toString('base64url')}`;
}

/** Hex SHA-256 of `text` (the one-shot `hash`: a tenth of `createHash`'s cost per token check). */
export function sha256(text: string): string {
  return hash('sha256', text, 'hex');
}

export type TokenRow = typeof tokens.$inferSelect;

export interface NewToken {
  role: Role;
  name: string;
  studentId?: StudentId | undefined;
  staffId?: StaffId | undefined;
  expiresAt?: string | undefined;
  createdBy?: string | undefined;
}

/** Creates a token and returns it with its plain text, which is never stored. */
export async function createToken(
  db: Db,
  input: NewToken,
  now: Date,
): Promise<{ row: TokenRow; token: string }> {
  const token = generateToken();
  const [row] = await db
    .insert(tokens)
    .values({
      id: newLocalId('tok', now.getTime()),
      hash: sha256(token),
      role: input.role,
      name: input.name,
      studentId: input.studentId ?? null,
      staffId: input.staffId ?? null,
      createdAt: now.toISOString(),
      createdBy: input.createdBy ?? null,
      expiresAt: input.expiresAt ?? null,
    })
    .returning();
  if (row === undefined) throw new Error('token insert returned no row');
  return { row, token };
}

interface Cached<T> {
  value: T;
  until: number;
}

/** Entries beyond this are dropped wholesale: a bound on memory, not a tuning knob. */
const MAX_CACHE_ENTRIES = 10_000;

/**
 * Turns a bearer token (and an optional `Passerelle-Act-As` header) into the request's `Auth`.
 */
export class Authenticator {
  readonly #tokens = new Map<string, Cached<TokenRow>>();
  readonly #actAs = new Map<string, Cached<Identity>>();

  constructor(
    private readonly db: Db,
    private readonly config: Pick<Config, 'TOKEN_CACHE_SECONDS'>,
    private readonly now: () => Date,
  ) {}

  /** Forgets every cached lookup (after a revocation or a change of binding). */
  invalidate(): void {
    this.#tokens.clear();
    this.#actAs.clear();
  }

  async authenticate(authorization: string | undefined, actAsHeader: string | undefined) {
    const token = bearerToken(authorization);
    if (token === undefined) {
      throw unauthenticated('Send an API token as "Authorization: Bearer psl_…".');
    }
    const row = await this.#token(sha256(token));
    const nowIso = this.now().toISOString();
    if (row === undefined || row.revokedAt !== null) {
      throw unauthenticated('The token is not valid or has been revoked.');
    }
    if (row.expiresAt !== null && Date.parse(row.expiresAt) <= Date.parse(nowIso)) {
      throw unauthenticated('The token has expired.');
    }
    const own = tokenIdentity(row);
    const base: Auth = { tokenId: row.id, tokenRole: row.role as Role, identity: own };
    if (actAsHeader === undefined || actAsHeader.trim() === '') return base;

    if (row.role !== 'service') {
      throw new ApiError('forbidden', {
        detail: 'Only service tokens may act for someone (Passerelle-Act-As).',
      });
    }
    const actAs = parseActAs(actAsHeader);
    if (actAs === undefined) {
      throw new ApiError('validation', {
        detail: 'Passerelle-Act-As is not valid.',
        errors: [
          {
            path: 'header.passerelle-act-as',
            message:
              'must be student:stu_…, staff:stf_…, channel:wechat:<user id> or channel:slack:<user id>',
          },
        ],
      });
    }
    const identity = await this.#actAsIdentity(row.id, actAsHeader.trim(), actAs);
    const actingFor =
      identity.role === 'student'
        ? `student:${identity.studentId}`
        : identity.role === 'staff' && identity.staffId !== undefined
          ? `staff:${identity.staffId}`
          : undefined;
    return { ...base, identity, ...(actingFor === undefined ? {} : { actingFor }) };
  }

  async #token(hash: string): Promise<TokenRow | undefined> {
    const cached = this.#tokens.get(hash);
    const nowMs = Date.now();
    if (cached !== undefined && cached.until > nowMs) return cached.value;
    const [row] = await this.db.select().from(tokens).where(eq(tokens.hash, hash)).limit(1);
    if (row === undefined) return undefined;
    // Written once per cache miss, not per request: "last used" is accurate to the cache lifetime.
    await this.db
      .update(tokens)
      .set({ lastUsedAt: this.now().toISOString() })
      .where(eq(tokens.id, row.id));
    if (this.config.TOKEN_CACHE_SECONDS > 0) {
      if (this.#tokens.size >= MAX_CACHE_ENTRIES) this.#tokens.clear();
      this.#tokens.set(hash, { value: row, until: nowMs + this.config.TOKEN_CACHE_SECONDS * 1000 });
    }
    return row;
  }

  async #actAsIdentity(tokenId: string, header: string, actAs: ActAs): Promise<Identity> {
    const key = `${tokenId}|${header}`;
    const cached = this.#actAs.get(key);
    const nowMs = Date.now();
    if (cached !== undefined && cached.until > nowMs) return cached.value;

    const subject = await resolveActAs(this.db, actAs);
    if (subject === undefined) {
      throw new ApiError('forbidden', {
        detail:
          actAs.kind === 'channel'
            ? `The ${actAs.channel} user ${actAs.userId} is not bound to anyone: bind it with a code first.`
            : `${subjectKey(actAs.subject)} has no bound chat identity; a service acts only for bound people.`,
      });
    }
    // Acting for a member of staff gives staff rights, never admin rights, whatever their role.
    const identity: Identity =
      subject.kind === 'student'
        ? { role: 'student', studentId: subject.id }
        : { role: 'staff', staffId: subject.id };
    if (this.config.TOKEN_CACHE_SECONDS > 0) {
      if (this.#actAs.size >= MAX_CACHE_ENTRIES) this.#actAs.clear();
      this.#actAs.set(key, {
        value: identity,
        until: nowMs + this.config.TOKEN_CACHE_SECONDS * 1000,
      });
    }
    return identity;
  }
}

/**
 * The person a service may act for: the subject of a channel binding, or a student or staff
 * member who has at least one bound chat identity and still exists.
 */
async function resolveActAs(db: Db, actAs: ActAs): Promise<Subject | undefined> {
  if (actAs.kind === 'channel') {
    const [binding] = await db
      .select({ kind: channelBindings.subjectKind, id: channelBindings.subjectId })
      .from(channelBindings)
      .where(
        and(eq(channelBindings.channel, actAs.channel), eq(channelBindings.userId, actAs.userId)),
      )
      .limit(1);
    if (binding === undefined) return undefined;
    const subject = toSubject(binding.kind, binding.id);
    return subject !== undefined && (await subjectExists(db, subject)) ? subject : undefined;
  }
  const { subject } = actAs;
  const [bound] = await db
    .select({ one: sql<number>`1` })
    .from(channelBindings)
    .where(
      and(eq(channelBindings.subjectKind, subject.kind), eq(channelBindings.subjectId, subject.id)),
    )
    .limit(1);
  return bound !== undefined && (await subjectExists(db, subject)) ? subject : undefined;
}

export function toSubject(kind: string, id: string): Subject | undefined {
  if (kind === 'student') return { kind, id: id as StudentId };
  if (kind === 'staff') return { kind, id: id as StaffId };
  return undefined;
}

export async function subjectExists(db: Db, subject: Subject): Promise<boolean> {
  const table = subject.kind === 'student' ? students : staff;
  const [row] = await db
    .select({ id: table.id })
    .from(table)
    .where(eq(table.id, subject.id))
    .limit(1);
  return row !== undefined;
}

function tokenIdentity(row: TokenRow): Identity {
  switch (row.role) {
    case 'admin':
    case 'staff':
      return row.staffId === null
        ? { role: row.role }
        : { role: row.role, staffId: row.staffId as StaffId };
    case 'student':
      if (row.studentId === null) throw unauthenticated('The token is not bound to a student.');
      return { role: 'student', studentId: row.studentId as StudentId };
    case 'service':
      return { role: 'service' };
    default:
      throw unauthenticated('The token has an unknown role.');
  }
}

function bearerToken(header: string | undefined): string | undefined {
  if (header === undefined) return undefined;
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
  return match?.[1];
}

function unauthenticated(detail: string): ApiError {
  return new ApiError('unauthenticated', {
    detail,
    headers: { 'WWW-Authenticate': 'Bearer realm="passerelle"' },
  });
}
