import { describe, expect, it } from 'vitest';
import {
  extractAgreementKinds,
  extractAgreementStatuses,
  extractDocumentKinds,
  extractEventKinds,
  extractProgrammeKinds,
  extractStudentStatuses,
} from './kinds';

describe('extractProgrammeKinds', () => {
  it.each([
    ['degree students', ['degree']],
    ['exchange students', ['exchange']],
    ['dual degree students', ['dual_degree']],
    ['dual-degree and degree students', ['dual_degree', 'degree']],
    ['interns', ['intern']],
    ['internships', ['intern']],
    ['short-term visitors', ['short_term']],
    ['short term students', ['short_term']],
    ['summer school participants', ['summer_school']],
    ['学位生', ['degree']],
    ['交换生', ['exchange']],
    ['双学位', ['dual_degree']],
    ['实习生', ['intern']],
    ['短期生', ['short_term']],
    ['暑期学校', ['summer_school']],
    ['étudiants en échange', ['exchange']],
    ['double diplôme', ['dual_degree']],
    ['stagiaires', ['intern']],
    ["école d'été", ['summer_school']],
    ['faculty exchange', []],
  ])('%s', (text, kinds) => {
    expect(extractProgrammeKinds(text)).toEqual(kinds);
  });

  it('reads "stage" as an internship in French only', () => {
    expect(extractProgrammeKinds('étudiants en stage', 'fr')).toEqual(['intern']);
    expect(extractProgrammeKinds('what stage is Albert at', 'en')).toEqual([]);
    expect(extractProgrammeKinds('stagiaires en stage', 'fr')).toEqual(['intern']);
  });
});

describe('extractStudentStatuses', () => {
  it.each([
    ['admitted students', ['admitted']],
    ['已录取的学生', ['admitted']],
    ['étudiants admis', ['admitted']],
    ['applicants', ['applied']],
    ['who withdrew', ['withdrawn']],
    ['退学', ['withdrawn']],
    ['current students', ['active']],
    ['graduated', ['completed']],
    ['arrived', ['arrived']],
    ['enrolled', ['enrolled']],
  ])('%s', (text, statuses) => {
    expect(extractStudentStatuses(text)).toEqual(statuses);
  });
});

describe('extractAgreementKinds and extractAgreementStatuses', () => {
  it.each([
    ['MoU', ['mou']],
    ['备忘录', ['mou']],
    ["protocole d'accord", ['mou']],
    ['exchange agreement', ['student_exchange']],
    ["accord d'échange", ['student_exchange']],
    ['dual-degree agreements', ['dual_degree']],
    ['双学位协议', ['dual_degree']],
    ['faculty exchange', ['faculty_exchange']],
    ['research cooperation', ['research']],
    ['internship', ['internship']],
    ['teacher training', ['teacher_training']],
    ['summer school', ['summer_school']],
  ])('%s', (text, kinds) => {
    expect(extractAgreementKinds(text)).toEqual(kinds);
  });

  it('reads "stage" as an internship agreement in French only', () => {
    expect(extractAgreementKinds('accords de stage', 'fr')).toEqual(['internship']);
    expect(extractAgreementKinds('what stage is it at', 'en')).toEqual([]);
  });

  it.each([
    ['expiring agreements', ['expiring']],
    ['which agreements expire', ['expiring']],
    ['即将到期的协议', ['expiring']],
    ['expired', ['expired']],
    ['signed in 2024', ['signed']],
    ['en vigueur', ['active']],
    ['under negotiation', ['negotiating']],
    ['draft', ['draft']],
    ['terminated', ['terminated']],
  ])('%s', (text, statuses) => {
    expect(extractAgreementStatuses(text)).toEqual(statuses);
  });
});

describe('extractEventKinds', () => {
  it.each([
    ['cultural events', ['cultural']],
    ['文化活动', ['cultural']],
    ['lectures', ['academic_seminar']],
    ['讲座', ['academic_seminar']],
    ['conférence', ['academic_seminar']],
    ['salon', ['themed_salon']],
    ['沙龙', ['themed_salon']],
    ['sports', ['sports']],
    ['体育', ['sports']],
    ['concert', ['performance']],
    ['summer school', ['summer_school']],
    ['welcome orientation', ['welcome_orientation']],
    ['online workshop', ['online_workshop']],
    ['atelier', ['online_workshop']],
    ['info session', ['info_session']],
    ['year-end review', ['year_end_review']],
    ['talk to a person', []],
    ['show me my events', []],
    ["you're welcome", []],
  ])('%s', (text, kinds) => {
    expect(extractEventKinds(text)).toEqual(kinds);
  });
});

describe('extractDocumentKinds', () => {
  it.each([
    ['residence permit', ['residence_permit']],
    ['titre de séjour', ['residence_permit']],
    ['居留许可', ['residence_permit']],
    ['visa', ['visa']],
    ['签证', ['visa']],
    ['passport', ['passport']],
    ['passeport', ['passport']],
    ['护照', ['passport']],
    ['health insurance', ['insurance']],
    ['保险', ['insurance']],
    ['my visa and passport', ['visa', 'passport']],
  ])('%s', (text, kinds) => {
    expect(extractDocumentKinds(text)).toEqual(kinds);
  });
});
