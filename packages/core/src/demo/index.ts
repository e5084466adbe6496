import type { Delegation } from '../delegations/schemas';
import type { Award, Publication } from '../events/publications';
import type { Event, Registration } from '../events/schemas';
import { type Article, ArticleInput } from '../knowledge/schemas';
import type { Agreement, Institution } from '../partners/schemas';
import type { Staff } from '../people/schemas';
import { today } from '../shared';
import type { Student } from '../students/schemas';
import { demoAgreements } from './agreements';
import { DEMO_CREATED_AT, demoId, stamp } from './common';
import { demoDelegations } from './delegations';
import { demoEvents } from './events';
import { demoFacts } from './facts';
import { DEMO_IDS } from './ids';
import { demoInstitutions } from './institutions';
import { demoArticles } from './knowledge';
import { demoAwards, demoPublications } from './publications';
import { demoStaff } from './staff';
import { demoStudents } from './students';

/** The demo data's seeded generator, for tests and benchmarks that want repeatable choices. */
export { seededRandom } from './common';
export { DEMO_CREATED_AT, DEMO_IDS, demoFacts };

/** The whole demo world, every record as its schema parses it. */
export type DemoData = {
  staff: Staff[];
  institutions: Institution[];
  agreements: Agreement[];
  students: Student[];
  delegations: Delegation[];
  events: Event[];
  registrations: Registration[];
  publications: Publication[];
  awards: Award[];
  articles: Article[];
};

/**
 * The seeds' world, loaded on first start. Everything is fixed except the records placed
 * relative to `now` ("today" on the campus clock): upcoming events and their registrations,
 * current students' documents and check-ins, an agreement about to expire, a planned visit
 * and next semester's applicants. Same `now`, same data.
 */
export function demoData(now: Date): DemoData {
  const day = today(now, demoFacts.campusTimeZone);
  const students = demoStudents(day);
  const delegations = demoDelegations(day);
  const { events, registrations } = demoEvents(day, students);
  // Records share constant texts while being built; the caller gets a world of its own.
  return structuredClone({
    staff: demoStaff(),
    institutions: demoInstitutions(),
    agreements: demoAgreements(day),
    students: students.all,
    delegations,
    events,
    registrations,
    publications: demoPublications(events, delegations, students.newStudents),
    awards: demoAwards(),
    articles: demoArticles.map((article, index) => ({
      ...ArticleInput.parse(article),
      id: demoId('art', index + 1),
      ...stamp,
    })),
  });
}
