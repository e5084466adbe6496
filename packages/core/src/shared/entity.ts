import { z } from 'zod';
import { Instant } from './time';

/** Fields every stored record carries: creation and update instants and a version for If-Match. */
export const recordFields = {
  createdAt: Instant,
  updatedAt: Instant,
  version: z.number().int().positive(),
};

export const Email = z.email({ error: 'must be an email address' }).max(254);
export const Url = z.url({ protocol: /^https?$/, error: 'must be an http(s) URL' }).max(2048);
export const Tag = z.string().trim().min(1).max(40);
export const ShortText = z.string().trim().min(1).max(200);
