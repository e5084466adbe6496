/**
 * A small, fixed world for the API tests: a few institutions, an agreement, staff and three
 * students. Tests that need more create it through the API.
 */
import {
  Agreement,
  Institution,
  Staff,
  type StaffId,
  Student,
  type StudentId,
} from '@passerelle/core';
import type { DemoDataSet } from '../src/demo';

const at = '2025-06-01T08:00:00.000Z';
const stamp = { createdAt: at, updatedAt: at, version: 1 };

export const ids = {
  polytechnique: 'ins_test00000001',
  tuMunich: 'ins_test00000002',
  albert: 'ins_test00000003',
  tongji: 'ins_test00000004',
  exchange: 'agr_test00000001',
  admin: 'stf_test00000001' as StaffId,
  staff: 'stf_test00000002' as StaffId,
  /** The student behind the student token. */
  student: 'stu_test00000001' as StudentId,
  /** Another student, whom the student token must never reach. */
  other: 'stu_test00000002' as StudentId,
  third: 'stu_test00000003' as StudentId,
} as const;

export const PASSPORT_NUMBER = 'P99887766';
export const OTHER_PASSPORT_NUMBER = 'X11223344';

export function fixtures(): DemoDataSet {
  const institutions = [
    Institution.parse({
      id: ids.polytechnique,
      name: { en: 'École Polytechnique', zh: '巴黎综合理工学院', fr: 'École polytechnique' },
      shortName: 'X',
      aliases: ['Polytechnique'],
      country: 'FR',
      city: 'Palaiseau',
      kind: 'grande_ecole',
      stage: 'partner',
      strategic: true,
      contacts: [{ name: 'Jeanne Contact', email: 'jeanne@example.org' }],
      ...stamp,
    }),
    Institution.parse({
      id: ids.tuMunich,
      name: { en: 'Technical University of Munich', zh: '慕尼黑工业大学' },
      shortName: 'TUM',
      country: 'DE',
      city: 'Munich',
      kind: 'university',
      stage: 'partner',
      ...stamp,
      createdAt: '2025-06-02T08:00:00.000Z',
    }),
    Institution.parse({
      id: ids.albert,
      name: { en: 'Albert School', fr: 'Albert School' },
      country: 'FR',
      city: 'Paris',
      kind: 'grande_ecole',
      stage: 'prospect',
      ...stamp,
      createdAt: '2025-06-03T08:00:00.000Z',
    }),
    Institution.parse({
      id: ids.tongji,
      name: { zh: '同济大学', en: 'Tongji University' },
      country: 'CN',
      city: 'Shanghai',
      kind: 'university',
      stage: 'negotiating',
      ...stamp,
      createdAt: '2025-06-04T08:00:00.000Z',
    }),
  ];
  const agreements = [
    Agreement.parse({
      id: ids.exchange,
      title: { en: 'Student exchange with École Polytechnique' },
      kind: 'student_exchange',
      institutionIds: [ids.polytechnique],
      status: 'active',
      startDate: '2024-09-01',
      endDate: '2029-08-31',
      quotas: [{ academicYear: '2025-2026', direction: 'inbound', students: 1 }],
      ...stamp,
    }),
  ];
  const staff = [
    Staff.parse({
      id: ids.admin,
      name: 'Ada Admin',
      email: 'ada@example.org',
      role: 'admin',
      ...stamp,
    }),
    Staff.parse({ id: ids.staff, name: 'Sam Staff', email: 'sam@example.org', ...stamp }),
  ];
  const student = (id: StudentId, extra: Record<string, unknown>) =>
    Student.parse({
      id,
      email: `${id}@example.org`,
      nationality: 'FR',
      programmeKind: 'exchange',
      level: 'master',
      homeInstitutionId: ids.polytechnique,
      programmeStart: '2025-09-01',
      programmeEnd: '2026-07-15',
      academicYear: '2025-2026',
      status: 'applied',
      ...stamp,
      ...extra,
    });
  const students = [
    student(ids.student, {
      fullName: 'Camille Martin',
      preferredName: 'Camille',
      status: 'active',
      documents: {
        passportNumber: PASSPORT_NUMBER,
        passportExpiry: '2030-01-01',
        permit: { type: 'residence_permit', number: 'R0001112', expiry: '2026-08-31' },
      },
      checkIns: [
        {
          id: 'chk_test00000001',
          on: '2025-10-01',
          by: ids.staff,
          notes: 'Staff-only note about Camille',
        },
      ],
    }),
    student(ids.other, {
      fullName: 'Lukas Schneider',
      nationality: 'DE',
      homeInstitutionId: ids.tuMunich,
      programmeKind: 'degree',
      level: 'phd',
      createdAt: '2025-06-02T08:00:00.000Z',
      documents: { passportNumber: OTHER_PASSPORT_NUMBER, passportExpiry: '2025-12-01' },
    }),
    student(ids.third, {
      fullName: 'Zhang Wei',
      nationality: 'CN',
      programmeKind: 'exchange',
      level: 'master',
      createdAt: '2025-06-03T08:00:00.000Z',
      programmeStart: '2026-09-01',
      programmeEnd: '2027-06-30',
      academicYear: '2026-2027',
    }),
  ];
  return {
    institutions,
    agreements,
    staff,
    students,
    delegations: [],
    events: [],
    registrations: [],
    publications: [],
    awards: [],
    articles: [],
  };
}
