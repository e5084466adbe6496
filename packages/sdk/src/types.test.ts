/** Type-level checks: they fail `npm run typecheck`, not the test run. */
import type { Registration, Student, StudentSelfView } from '@passerelle/core';
import { describe, expectTypeOf, it } from 'vitest';
import { Passerelle } from './client';
import type { Page } from './pagination';
import type { AgreementView, InstitutionPublicView } from './types';

const client = new Passerelle({ fetch: async () => new Response('{}') });
type Resolved<F extends (...args: never[]) => PromiseLike<unknown>> = Awaited<ReturnType<F>>;

describe('types', () => {
  it('come from @passerelle/core, with the reduced views where the API may send them', () => {
    expectTypeOf<Resolved<typeof client.students.get>>().toEqualTypeOf<Student | StudentSelfView>();
    expectTypeOf<Resolved<typeof client.students.create>>().toEqualTypeOf<Student>();
    expectTypeOf<Resolved<typeof client.students.transition>>().toEqualTypeOf<Student>();
    expectTypeOf<Resolved<typeof client.institutions.list>>().toEqualTypeOf<
      Page<Awaited<ReturnType<typeof client.institutions.create>> | InstitutionPublicView>
    >();
    expectTypeOf<Resolved<typeof client.agreements.expiring>>().toEqualTypeOf<
      Page<AgreementView>
    >();
    expectTypeOf<Resolved<typeof client.events.register>>().toEqualTypeOf<Registration>();
  });

  it('refuse ids of the wrong kind, unknown filters and an unknown act-as', () => {
    // Never called: the checks are the @ts-expect-error lines.
    const typeOnly = () => {
      // @ts-expect-error an institution id is not a student id
      void client.students.get('ins_01JD0000000000000000000000');
      // @ts-expect-error not a filter of students
      void client.students.list({ colour: 'blue' });
      // @ts-expect-error not a status
      void client.students.transition('stu_01JD0000000000000000000000', { to: 'graduated' });
      // @ts-expect-error the status moves only through transition
      void client.students.update('stu_01JD0000000000000000000000', { status: 'active' });
      // @ts-expect-error not a way to act for someone
      void client.withOptions({ actAs: 'root' });
      // @ts-expect-error a binding code is for a student or a member of staff, not both
      void client.bindings.createCode({ studentId: 'stu_1', staffId: 'stf_1' });
    };
    expectTypeOf(typeOnly).toBeFunction();
  });
});
