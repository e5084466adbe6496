/**
 * Names the understanding step matches messages against: partner institutions and upcoming
 * events, as the asker may see them. Read through the asker's client and kept briefly in
 * memory (they change rarely, and a stale name only means a missed match).
 */
import { addDays, type CalendarDate, type Event } from '@passerelle/core';
import {
  createInstitutionMatcher,
  createTitleMatcher,
  type InstitutionMatcher,
  type InstitutionName,
  type TitleMatcher,
} from '../nlu';
import type { Asker } from './identity';

export interface Catalog {
  institutions: InstitutionName[];
  institutionMatcher: InstitutionMatcher;
  events: Event[];
  eventMatcher: TitleMatcher;
}

interface Cached<T> {
  value: T;
  until: number;
}

export interface CatalogOptions {
  institutionSeconds?: number;
  eventSeconds?: number;
  now?: () => number;
}

/** How far ahead events are matched by title ("register me for the basketball friendly"). */
export const EVENT_HORIZON_DAYS = 180;

export function createCatalog(options: CatalogOptions = {}) {
  const now = options.now ?? Date.now;
  const institutionMs = (options.institutionSeconds ?? 300) * 1000;
  const eventMs = (options.eventSeconds ?? 60) * 1000;
  const institutions = new Map<
    string,
    Cached<Pick<Catalog, 'institutions' | 'institutionMatcher'>>
  >();
  const events = new Map<string, Cached<Pick<Catalog, 'events' | 'eventMatcher'>>>();
  const noInstitutions = { institutions: [], institutionMatcher: createInstitutionMatcher([]) };
  const noEvents = { events: [], eventMatcher: createTitleMatcher([]) };

  async function institutionsFor(
    asker: Asker,
  ): Promise<Pick<Catalog, 'institutions' | 'institutionMatcher'>> {
    // Staff see every institution, everyone else the public list of partners.
    const key = asker.role === 'staff' ? 'staff' : 'public';
    const cached = institutions.get(key);
    if (cached !== undefined && cached.until > now()) return cached.value;
    const value: InstitutionName[] = [];
    for await (const institution of asker.client.institutions.list({ limit: 200 })) {
      value.push({
        id: institution.id,
        name: institution.name,
        shortName: institution.shortName,
        aliases: institution.aliases,
      });
      if (value.length >= 2000) break;
    }
    const entry = { institutions: value, institutionMatcher: createInstitutionMatcher(value) };
    institutions.set(key, { value: entry, until: now() + institutionMs });
    return entry;
  }

  async function eventsFor(
    asker: Asker,
    today: CalendarDate,
  ): Promise<Pick<Catalog, 'events' | 'eventMatcher'>> {
    const key = `${asker.role}:${asker.studentId ?? asker.staffId ?? ''}:${today}`;
    const cached = events.get(key);
    if (cached !== undefined && cached.until > now()) return cached.value;
    const value = await asker.client.events
      .list({ from: today, to: addDays(today, EVENT_HORIZON_DAYS), limit: 200 })
      .toArray(500);
    const entry = { events: value, eventMatcher: createTitleMatcher(value) };
    if (events.size > 1000) events.clear();
    events.set(key, { value: entry, until: now() + eventMs });
    return entry;
  }

  return {
    /** The catalog for this asker; a part that cannot be read is empty. */
    async load(asker: Asker, today: CalendarDate): Promise<Catalog> {
      const [names, upcoming] = await Promise.all([
        institutionsFor(asker).catch(() => noInstitutions),
        eventsFor(asker, today).catch(() => noEvents),
      ]);
      return { ...names, ...upcoming };
    },
  };
}

export type CatalogStore = ReturnType<typeof createCatalog>;
