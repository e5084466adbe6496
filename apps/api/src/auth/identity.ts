import { StaffId, StudentId } from '@passerelle/core';
import { z } from 'zod';

export const Role = z.enum(['admin', 'staff', 'student', 'service']).meta({ id: 'Role' });
export type Role = z.infer<typeof Role>;

export const Channel = z.enum(['wechat', 'slack']).meta({ id: 'Channel' });
export type Channel = z.infer<typeof Channel>;

/** Whose rights a request runs with. */
export type Identity =
  | { role: 'admin'; staffId?: StaffId }
  | { role: 'staff'; staffId?: StaffId }
  | { role: 'student'; studentId: StudentId }
  | { role: 'service' };

/** A person a channel identity can be bound to, and a service can act for. */
export type Subject = { kind: 'student'; id: StudentId } | { kind: 'staff'; id: StaffId };

export const subjectKey = (subject: Subject): string => `${subject.kind}:${subject.id}`;

/** What the auth middleware puts on every authenticated request. */
export interface Auth {
  tokenId: string;
  /** The role of the token itself (a service acting for a student is still a service token). */
  tokenRole: Role;
  /** The rights that apply: the token's own, or those of the person a service acts for. */
  identity: Identity;
  /** Set when a service token acts for someone: `student:stu_…` or `staff:stf_…`. */
  actingFor?: string;
}

/** The student this request may see as "own", if any. */
export function ownStudentId(auth: Auth): StudentId | undefined {
  return auth.identity.role === 'student' ? auth.identity.studentId : undefined;
}

/** The staff member behind the request, if known (for audit and "created by"). */
export function actorId(auth: Auth): string | undefined {
  const identity = auth.identity;
  switch (identity.role) {
    case 'student':
      return identity.studentId;
    case 'admin':
    case 'staff':
      return identity.staffId;
    case 'service':
      return undefined;
  }
}

/** `Passerelle-Act-As` values: `student:stu_…`, `staff:stf_…`, `channel:wechat:<id>`, `channel:slack:<id>`. */
export type ActAs =
  | { kind: 'subject'; subject: Subject }
  | { kind: 'channel'; channel: Channel; userId: string };

export function parseActAs(value: string): ActAs | undefined {
  const text = value.trim();
  const colon = text.indexOf(':');
  if (colon < 0) return undefined;
  const scheme = text.slice(0, colon);
  const rest = text.slice(colon + 1);
  if (scheme === 'student') {
    const id = StudentId.safeParse(rest);
    return id.success ? { kind: 'subject', subject: { kind: 'student', id: id.data } } : undefined;
  }
  if (scheme === 'staff') {
    const id = StaffId.safeParse(rest);
    return id.success ? { kind: 'subject', subject: { kind: 'staff', id: id.data } } : undefined;
  }
  if (scheme === 'channel') {
    const second = rest.indexOf(':');
    if (second < 0) return undefined;
    const channel = Channel.safeParse(rest.slice(0, second));
    const userId = rest.slice(second + 1);
    if (!channel.success || !ChannelUserId.safeParse(userId).success) return undefined;
    return { kind: 'channel', channel: channel.data, userId };
  }
  return undefined;
}

/** A user id on a chat channel (WeChat open id, Slack member id). */
export const ChannelUserId = z
  .string()
  .min(1)
  .max(128)
  .regex(/^[\w.@:-]+$/, 'must be a channel user id (letters, digits and ._@:-)');
