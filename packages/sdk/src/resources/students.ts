import type { Student, StudentId, StudentInput, StudentSelfView } from '@passerelle/core';
import type { APIPromise } from '../api-promise';
import type { RequestOptions, WriteOptions } from '../options';
import { commaLists, path } from '../transport';
import type {
  StudentCountParams,
  StudentCounts,
  StudentListParams,
  StudentPatch,
  StudentTransition,
} from '../types';
import { one } from '../validation';
import { RecordResource } from './resource';

/**
 * /v1/students. Staff get full records; a student (or a service acting for one) gets only
 * their own record as a `StudentSelfView`, and 404 for anyone else.
 */
export class Students extends RecordResource<{
  record: Student;
  view: StudentSelfView;
  input: StudentInput;
  patch: StudentPatch;
  updated: Student | StudentSelfView;
  params: StudentListParams;
  id: StudentId;
}> {
  protected readonly base = '/v1/students';
  protected readonly schemas = { record: 'Student', view: 'StudentSelfView' } as const;

  /**
   * How many students match (staff): one query whatever their number, where paging through
   * `list` reads every record. Several values of a filter are "any of these".
   */
  counts(params: StudentCountParams = {}, options?: RequestOptions): APIPromise<StudentCounts> {
    return this.transport.call({
      method: 'GET',
      path: '/v1/students/counts',
      query: commaLists(params),
      options,
    });
  }

  /**
   * Moves a student along the lifecycle (applied → admitted → enrolled → arrived → active →
   * completed; withdrawn from any earlier state). An illegal move is a `RuleViolationError`
   * (`student.illegal_transition`, with `data.allowed`).
   */
  transition(id: StudentId, body: StudentTransition, options?: WriteOptions): APIPromise<Student> {
    return this.transport.call({
      method: 'POST',
      path: path`/v1/students/${id}/transitions`,
      body,
      options,
      shape: one('Student'),
    });
  }

  /**
   * Admits a student (rules 1 and 2): eligibility under an agreement of their programme's
   * kind, and a place in its inbound quota for the academic year, else a `RuleViolationError`
   * (`agreement.quota_exceeded`, …). Staff may admit beyond the quota with a justification,
   * which is recorded. The agreement is the student's `agreementId` (set it with `update`).
   */
  admit(
    id: StudentId,
    body: { override?: { justification: string } | undefined } = {},
    options?: WriteOptions,
  ): APIPromise<Student> {
    return this.transition(id, { to: 'admitted', override: body.override }, options);
  }
}
