import { describe, expect, it } from 'vitest';
import { Delegation, validateDelegation } from '../delegations';
import {
  Award,
  Event,
  Publication,
  Registration,
  registrationWindow,
  validateWorkshop,
} from '../events';
import { Article } from '../knowledge';
import {
  Agreement,
  agreementExpiresWithin,
  agreementStatusAt,
  Institution,
  quotaFor,
} from '../partners';
import { Staff } from '../people';
import { yearEndReview } from '../reports';
import { addDays, daysBetween, isoWeekday, today } from '../shared';
import { checkEligibility, documentAlerts, Student } from '../students';
import { DEMO_IDS, type DemoData, demoData, demoFacts } from './index';
import { demoArticles } from './knowledge';

const NOW = new Date('2026-11-23T00:00:00Z');
const data = demoData(NOW);
const TODAY = today(NOW, demoFacts.campusTimeZone);

const byId = <T extends { id: string }>(list: readonly T[]) => new Map(list.map((r) => [r.id, r]));
function find<T extends { id: string }>(list: readonly T[], id: string): T {
  const record = list.find((r) => r.id === id);
  if (record === undefined) throw new Error(`no record ${id}`);
  return record;
}

describe('demoData — records', () => {
  const schemas = {
    staff: Staff,
    institutions: Institution,
    agreements: Agreement,
    students: Student,
    delegations: Delegation,
    events: Event,
    registrations: Registration,
    publications: Publication,
    awards: Award,
    articles: Article,
  } as const;

  for (const [name, schema] of Object.entries(schemas)) {
    it(`parses every ${name} record unchanged by its schema`, () => {
      const records: readonly unknown[] = data[name as keyof DemoData];
      expect(records.length).toBeGreaterThan(0);
      for (const record of records) expect(schema.parse(record)).toEqual(record);
    });
  }

  it('gives every record, nested ones included, a unique demo id', () => {
    const ids: string[] = [];
    for (const list of Object.values(data) as { id: string }[][])
      ids.push(...list.map((r) => r.id));
    for (const s of data.students) ids.push(...s.checkIns.map((c) => c.id));
    for (const e of data.events) ids.push(...e.sessions.map((s) => s.id));
    for (const d of data.delegations) {
      ids.push(...d.itinerary.map((i) => i.id), ...d.outcomes.map((o) => o.id));
      for (const o of d.outcomes) ids.push(...o.followUps.map((f) => f.id));
    }
    for (const id of ids) expect(id).toMatch(/^[a-z]{3}_demo\d{6,}$/);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('stamps every record with fixed instants and version 1', () => {
    for (const list of [data.staff, data.institutions, data.students, data.events, data.articles]) {
      for (const record of list) {
        expect(record.createdAt).toBe('2026-01-05T01:00:00.000Z');
        expect(record.version).toBe(1);
      }
    }
  });

  it('gives the same world for the same now', () => {
    const again = demoData(NOW);
    expect(again).toEqual(data);
  });

  it('hands every caller records of its own', () => {
    const other = demoData(NOW);
    const salon = find(other.events, DEMO_IDS.upcomingSalon);
    salon.audience.push('staff');
    if (salon.title.en !== undefined) salon.title.en = 'changed';
    expect(find(data.events, DEMO_IDS.upcomingSalon).audience).toEqual(['all_students']);
    expect(data.events.filter((e) => e.title.en === 'changed')).toEqual([]);
  });

  it('uses no real name from the seeds', () => {
    const text = JSON.stringify(data).toLowerCase();
    for (const name of [
      'moumni',
      'ma wei',
      'jiang hong',
      'jin li',
      'cao saixian',
      'chen siqi',
      'futorny',
    ]) {
      expect(text).not.toContain(name);
    }
  });
});

describe('demoData — references', () => {
  const institutions = byId(data.institutions);
  const agreements = byId(data.agreements);
  const staff = byId(data.staff);
  const students = byId(data.students);
  const events = byId(data.events);

  it('points agreements, events and delegations at existing institutions', () => {
    for (const a of data.agreements)
      for (const id of a.institutionIds) expect(institutions.has(id)).toBe(true);
    for (const e of data.events)
      for (const id of e.partnerInstitutionIds) expect(institutions.has(id)).toBe(true);
    for (const d of data.delegations) {
      for (const id of d.institutionIds) expect(institutions.has(id)).toBe(true);
      for (const item of d.itinerary)
        if (item.institutionId) expect(institutions.has(item.institutionId)).toBe(true);
      for (const o of d.outcomes)
        if (o.institutionId) expect(institutions.has(o.institutionId)).toBe(true);
      for (const m of [d.leader, ...d.members])
        if (m.staffId) expect(staff.has(m.staffId)).toBe(true);
    }
  });

  it('points students at existing institutions, agreements and advisors', () => {
    for (const s of data.students) {
      if (s.homeInstitutionId) expect(institutions.has(s.homeInstitutionId)).toBe(true);
      if (s.agreementId) expect(agreements.has(s.agreementId)).toBe(true);
      if (s.advisorId) expect(staff.has(s.advisorId)).toBe(true);
      if (s.admission?.agreementId) expect(agreements.has(s.admission.agreementId)).toBe(true);
      for (const c of s.checkIns) expect(staff.has(c.by)).toBe(true);
    }
  });

  it('points registrations at existing events and people, once per person and event', () => {
    const seen = new Set<string>();
    for (const r of data.registrations) {
      expect(events.has(r.eventId)).toBe(true);
      if (r.participant.kind === 'student')
        expect(students.has(r.participant.studentId)).toBe(true);
      if (r.participant.kind === 'staff') expect(staff.has(r.participant.staffId)).toBe(true);
      const key = `${r.eventId}|${JSON.stringify(r.participant)}`;
      expect(seen.has(key)).toBe(false);
      seen.add(key);
    }
  });

  it('names the records DEMO_IDS promises', () => {
    expect(find(data.staff, DEMO_IDS.admin).role).toBe('admin');
    expect(find(data.staff, DEMO_IDS.staff).role).toBe('staff');
    expect(find(data.students, DEMO_IDS.student).status).toBe('active');
    expect(find(data.institutions, DEMO_IDS.polytechnique).shortName).toBe('X');
    expect(find(data.delegations, DEMO_IDS.franceDelegation).startDate).toBe('2025-12-08');
    expect(find(data.events, DEMO_IDS.upcomingSalon).kind).toBe('themed_salon');
  });
});

describe('demoData — the year-end review reproduces the seeds', () => {
  const nows = ['2026-01-01T00:00:00Z', '2026-11-23T00:00:00Z', '2031-06-15T12:00:00Z'];
  for (const now of nows) {
    it(`gives the figures of demoFacts for 2025 (now ${now})`, () => {
      const review = yearEndReview(demoData(new Date(now)), 2025);
      const facts = demoFacts.yearEnd;
      const pair = (f: { value: number; previous: number }) => ({
        value: f.value,
        previous: f.previous,
      });
      const kind = (k: string) => review.events.byKind.find((row) => row.kind === k);

      expect(pair(review.internationalStudents.total)).toEqual(facts.newInternationalStudents);
      for (const row of review.internationalStudents.byProgrammeKind) {
        expect(pair(row)).toEqual(facts.newStudentsByKind[row.programmeKind]);
      }
      const france = review.internationalStudents.byCountry[0];
      expect(france?.country).toBe('FR');
      expect(france && pair(france)).toEqual(facts.newStudentsFromFrance);
      expect(review.internationalStudents.byCountry.filter((c) => c.value > 0)).toHaveLength(
        facts.newStudentCountries,
      );
      expect(pair(review.shortTermVisitors.total)).toEqual(facts.shortTermVisitors);
      expect(pair(review.summerSchool.sessions)).toEqual(facts.summerSchoolSessions);
      expect(pair(review.summerSchool.participants)).toEqual(facts.summerSchoolParticipants);
      expect(pair(review.events.cultural)).toEqual(facts.culturalEvents);
      for (const [k, figure] of Object.entries(facts.culturalEventsByKind)) {
        expect(pair(kind(k)?.events ?? { value: -1, previous: -1 })).toEqual(figure);
      }
      expect(pair(kind('welcome_orientation')?.events ?? review.publications)).toEqual(
        facts.welcomeOrientations,
      );
      expect(pair(kind('online_workshop')?.events ?? review.publications)).toEqual(
        facts.onlineWorkshops,
      );
      expect(pair(kind('info_session')?.events ?? review.publications)).toEqual(facts.infoSessions);
      expect(pair(kind('year_end_review')?.events ?? review.publications)).toEqual(
        facts.yearEndReviewMeetings,
      );
      expect(pair(kind('summer_school')?.attended ?? review.publications)).toEqual(
        facts.summerSchoolAttended,
      );
      expect(pair(review.visitingScholarsAndStaff)).toEqual(facts.visitingScholarsAndStaff);
      expect(pair(review.delegations.inbound)).toEqual(facts.inboundDelegations);
      expect(pair(review.delegations.outbound)).toEqual(facts.outboundDelegations);
      expect(pair(review.agreements.signed)).toEqual(facts.agreementsSigned);
      expect(pair(review.agreements.expiring)).toEqual(facts.agreementsExpiring);
      expect(pair(review.publications)).toEqual(facts.publications);
      expect(pair(review.awards.count)).toEqual(facts.awards);
      expect(Object.fromEntries(review.partners.byStage.map((s) => [s.stage, s.count]))).toEqual(
        demoFacts.partnersByStage,
      );
      expect(review.partners.total).toBe(demoFacts.institutions);
    });
  }

  it('states the seeds’ headline figures: growth over 2024 everywhere it counts', () => {
    const review = yearEndReview(data, 2025);
    expect(review.internationalStudents.total.value).toBe(45);
    expect(review.shortTermVisitors.total.value).toBe(370);
    expect(review.summerSchool.sessions.value).toBe(3);
    expect(review.events.cultural.value).toBeGreaterThan(20);
    expect(review.visitingScholarsAndStaff.value).toBeGreaterThan(50);
    expect(review.publications.value).toBeGreaterThan(50);
    for (const figure of [
      review.internationalStudents.total,
      review.shortTermVisitors.total,
      review.summerSchool.sessions,
      review.events.cultural,
      review.visitingScholarsAndStaff,
      review.publications,
    ]) {
      expect(figure.change).toBeGreaterThan(0);
    }
  });

  it('records a performance whose attendance was never taken as expected attendance', () => {
    const performance = yearEndReview(data, 2025).events.byKind.find(
      (k) => k.kind === 'performance',
    );
    expect(performance?.registered.value).toBe(80);
    expect(performance?.attended.value).toBeGreaterThan(0);
  });
});

describe('demoData — the delegation to France, 8–12 December 2025', () => {
  const france = find(data.delegations, DEMO_IDS.franceDelegation);
  const itemsAt = (id: string) => france.itinerary.filter((i) => i.institutionId === id);

  it('is led by the French dean with the deputy director of the international office', () => {
    expect(france.direction).toBe('outbound');
    expect([france.startDate, france.endDate]).toEqual(['2025-12-08', '2025-12-12']);
    expect(france.leader).toMatchObject({ name: 'Laurent Mercier', role: 'French Dean of SPEIT' });
    expect(france.members.map((m) => m.role)).toContain(
      'Deputy Director, Office of International Cooperation and Exchange',
    );
    expect(france.status).toBe('completed');
  });

  it('has its itinerary on the Paris clock, inside its dates, nobody in two places at once', () => {
    expect(france.itinerary.every((i) => i.timeZone === 'Europe/Paris')).toBe(true);
    expect(validateDelegation(france, data.delegations)).toEqual([]);
    expect(france.itinerary.filter((i) => i.kind === 'travel').length).toBeGreaterThanOrEqual(2);
  });

  it('meets the four strategic partners, the lycées and the three new schools', () => {
    for (const id of [
      DEMO_IDS.polytechnique,
      DEMO_IDS.ensta,
      DEMO_IDS.telecomParis,
      DEMO_IDS.minesParis,
      DEMO_IDS.louisLeGrand,
      DEMO_IDS.henriIV,
      DEMO_IDS.albertSchool,
      DEMO_IDS.eivp,
      DEMO_IDS.supBioTech,
    ]) {
      expect(itemsAt(id).map((i) => i.kind)).toContain('meeting');
    }
    expect(itemsAt(DEMO_IDS.polytechParisSaclay).map((i) => i.kind)).toEqual([
      'meeting',
      'lab_tour',
    ]);
    expect(itemsAt(DEMO_IDS.polytechParisSaclay)[1]?.agenda?.en).toMatch(/materials laboratory/);
    expect(itemsAt(DEMO_IDS.pontsEtChaussees)[0]).toMatchObject({ kind: 'site_visit' });
    expect(itemsAt(DEMO_IDS.pontsEtChaussees)[0]?.agenda?.en).toMatch(/Innovation laboratory/);
  });

  it('reaches the outcomes of seed 001, with follow-ups that have owners, due dates and statuses', () => {
    const about = (id: string) => france.outcomes.filter((o) => o.institutionId === id);
    const polytech = about(DEMO_IDS.polytechParisSaclay)[0];
    expect(polytech?.kind).toBe('consensus');
    expect(polytech?.summary.en).toMatch(
      /dual degree: curriculum alignment, selection process and schedule/,
    );
    expect(about(DEMO_IDS.pontsEtChaussees)[0]?.summary.en).toMatch(
      /research and company internship/,
    );
    for (const lycee of [DEMO_IDS.louisLeGrand, DEMO_IDS.henriIV]) {
      expect(about(lycee)[0]?.summary.en).toMatch(/Descartes Class.*next year.*teacher training/);
    }
    for (const school of [DEMO_IDS.albertSchool, DEMO_IDS.eivp, DEMO_IDS.supBioTech]) {
      expect(about(school)[0]?.kind).toBe('new_contact');
    }
    const followUps = france.outcomes.flatMap((o) => o.followUps);
    expect(followUps.length).toBeGreaterThanOrEqual(8);
    expect(new Set(followUps.map((f) => f.status))).toEqual(
      new Set(['done', 'in_progress', 'open']),
    );
  });

  it('keeps every other delegation consistent too', () => {
    for (const d of data.delegations) expect(validateDelegation(d, data.delegations)).toEqual([]);
  });
});

describe('demoData — partners and agreements', () => {
  it('has institutions at every stage, named in en, zh and fr', () => {
    expect(new Set(data.institutions.map((i) => i.stage)).size).toBe(5);
    for (const i of data.institutions)
      expect(Object.keys(i.name).sort()).toEqual(['en', 'fr', 'zh']);
    const x = find(data.institutions, DEMO_IDS.polytechnique);
    expect(x.aliases).toEqual(
      expect.arrayContaining(['Polytechnique', "l'X", '巴黎综合理工', '巴黎综合理工学院']),
    );
    expect(data.institutions.filter((i) => i.strategic).map((i) => i.id)).toEqual(
      demoFacts.strategicPartners,
    );
    expect(find(data.institutions, DEMO_IDS.louisLeGrand).kind).toBe('lycee');
    expect(new Set(data.institutions.map((i) => i.country)).size).toBeGreaterThanOrEqual(6);
  });

  it('has one agreement expiring within six months of now, expired ones, and a draft', () => {
    const expiring = data.agreements.filter((a) => agreementExpiresWithin(a, TODAY, 183));
    expect(expiring.map((a) => a.id)).toEqual([DEMO_IDS.polytechExchangeExpiringSoon]);
    expect(
      agreementStatusAt(find(data.agreements, DEMO_IDS.polytechExchangeExpiringSoon), TODAY),
    ).toBe('expiring');
    expect(
      data.agreements.filter((a) => agreementStatusAt(a, TODAY) === 'expired').length,
    ).toBeGreaterThanOrEqual(3);
    expect(find(data.agreements, DEMO_IDS.polytechDualDegreeDraft).status).toBe('draft');
    expect(new Set(data.agreements.map((a) => a.kind)).size).toBe(8);
  });

  it('admits every exchange and dual-degree student under an agreement in force, within its quota', () => {
    const used = new Map<string, number>();
    for (const s of data.students) {
      if (
        s.status === 'applied' ||
        (s.programmeKind !== 'exchange' && s.programmeKind !== 'dual_degree')
      )
        continue;
      const result = checkEligibility(s, data.agreements);
      expect(result.ok, `${s.id} ${s.programmeKind}`).toBe(true);
      const key = `${s.agreementId}|${s.academicYear}`;
      used.set(key, (used.get(key) ?? 0) + 1);
    }
    for (const [key, count] of used) {
      const [agreementId = '', academicYear = ''] = key.split('|');
      const quota = quotaFor(find(data.agreements, agreementId), academicYear, 'inbound');
      expect(count).toBeLessThanOrEqual(quota?.students ?? 0);
    }
  });
});

describe('demoData — current students and their documents', () => {
  const alertsOf = (id: string) =>
    documentAlerts(find(data.students, id), TODAY).map((a) => [a.document, a.reason]);

  it('raises the designed document alerts, and only those', () => {
    expect(alertsOf(DEMO_IDS.student)).toEqual([]);
    expect(alertsOf(DEMO_IDS.studentAllClear)).toEqual([]);
    expect(alertsOf(DEMO_IDS.studentPermitExpiringSoon)).toEqual([['permit', 'expires_soon']]);
    expect(alertsOf(DEMO_IDS.studentInsuranceExpiringSoon)).toEqual([
      ['insurance', 'expires_soon'],
    ]);
    expect(alertsOf(DEMO_IDS.studentPermitBeforeProgrammeEnd)).toEqual([
      ['permit', 'expires_before_programme_end'],
    ]);
    expect(alertsOf(DEMO_IDS.studentPassportNearProgrammeEnd)).toEqual([
      ['passport', 'passport_expires_near_programme_end'],
    ]);
    const withAlerts = data.students
      .filter((s) => documentAlerts(s, TODAY).length > 0)
      .map((s) => s.id);
    expect(withAlerts.sort()).toEqual(
      [
        DEMO_IDS.studentPermitExpiringSoon,
        DEMO_IDS.studentInsuranceExpiringSoon,
        DEMO_IDS.studentPermitBeforeProgrammeEnd,
        DEMO_IDS.studentPassportNearProgrammeEnd,
      ].sort(),
    );
  });

  it('gives the demo student an advisor, a buddy and documents with invented numbers', () => {
    const student = find(data.students, DEMO_IDS.student);
    expect(student.advisorId).toBe(DEMO_IDS.staff);
    expect(student.documents.permit?.number).toBe('E12345678');
    expect(student.programmeStart <= TODAY && TODAY <= student.programmeEnd).toBe(true);
  });
});

describe('demoData — events', () => {
  const event = (id: string) => find(data.events, id);
  const day = (id: string) => event(id).sessions[0]?.start.slice(0, 10) ?? '';
  const registrationsOf = (id: string) => data.registrations.filter((r) => r.eventId === id);

  it('holds a Sino-French salon this week, open to all students, with room left and registration open', () => {
    const salon = event(DEMO_IDS.upcomingSalon);
    expect(salon.audience).toEqual(['all_students']);
    expect(salon.capacity).toBe(40);
    const offset = daysBetween(TODAY, day(DEMO_IDS.upcomingSalon));
    expect(offset).toBeGreaterThanOrEqual(0);
    expect(offset).toBeLessThanOrEqual(7 - isoWeekday(TODAY));
    expect(registrationWindow(salon, NOW).ok).toBe(true);
    expect(registrationsOf(DEMO_IDS.upcomingSalon)).toHaveLength(12);
  });

  it('holds a full sports event and an info session next week, and an orientation next month', () => {
    const nextWeek = addDays(TODAY, 8 - isoWeekday(TODAY));
    for (const id of [DEMO_IDS.upcomingSports, DEMO_IDS.upcomingInfoSession]) {
      expect(day(id) >= nextWeek && day(id) < addDays(nextWeek, 7)).toBe(true);
    }
    const sports = registrationsOf(DEMO_IDS.upcomingSports);
    expect(sports.filter((r) => r.status === 'registered')).toHaveLength(20);
    expect(sports.filter((r) => r.status === 'waitlisted')).toHaveLength(3);
    expect(event(DEMO_IDS.upcomingOrientation).kind).toBe('welcome_orientation');
    expect(daysBetween(TODAY, day(DEMO_IDS.upcomingOrientation))).toBeGreaterThanOrEqual(28);
    expect(daysBetween(TODAY, day(DEMO_IDS.upcomingOrientation))).toBeLessThanOrEqual(40);
  });

  it('runs online workshops that respect rule 8, on the four topics of seed 002', () => {
    const workshops = data.events.filter((e) => e.kind === 'online_workshop');
    for (const w of workshops) {
      const session = w.sessions[0];
      expect(session && w.workshop).toBeTruthy();
      if (session === undefined || w.workshop === undefined) continue;
      expect(
        validateWorkshop({
          start: session.start,
          end: session.end,
          panels: w.workshop.panels,
          campusTimeZone: session.timeZone,
          partnerTimeZone: w.workshop.partnerTimeZone,
        }),
      ).toEqual([]);
      expect(w.interpretation).toBe(true);
    }
    const topics = new Set(workshops.map((w) => w.workshop?.topic.en));
    expect(topics).toEqual(
      new Set([
        "Students' mental health",
        'Asset management',
        'Faculty recruitment',
        'General education courses',
      ]),
    );
    expect(new Set(workshops.map((w) => w.workshop?.format))).toEqual(
      new Set(['one_off', 'multi_round']),
    );
    expect(workshops.some((w) => w.workshop?.panels.some((p) => p.track === 2))).toBe(true);
  });

  it('holds the year-end review meeting of 26 December 2023 with its awards and the city’s ties', () => {
    expect(day(DEMO_IDS.yearEndReview2023)).toBe('2023-12-26');
    expect(event(DEMO_IDS.yearEndReview2023).description?.en).toMatch(/90 cities in 57 countries/);
    expect(data.awards.filter((a) => a.year === 2023)).toHaveLength(
      demoFacts.yearEndReviewMeeting2023.awards,
    );
    expect(data.publications.some((p) => /90 cities in 57 countries/.test(p.title.en ?? ''))).toBe(
      true,
    );
  });

  it('welcomes new students at the start of each semester', () => {
    const orientations = data.events.filter((e) => e.kind === 'welcome_orientation');
    const months = orientations.map((e) => e.sessions[0]?.start.slice(0, 7));
    expect(months).toEqual(expect.arrayContaining(['2024-02', '2024-08', '2025-02', '2025-08']));
  });
});

describe('demoData — knowledge base', () => {
  it('turns every demo article into an Article with a demo id', () => {
    expect(data.articles).toHaveLength(demoArticles.length);
    expect(data.articles.map((a) => a.topic)).toEqual(demoArticles.map((a) => a.topic));
    expect(data.articles[0]?.id).toBe('art_demo000001');
  });
});
