/**
 * The parts of a delegation: itinerary items, outcomes and the follow-up actions of each
 * outcome. They live inside the delegation record, so every write here is a change of the
 * delegation (row locked, If-Match honoured, version + 1, audited) and answers the updated
 * Delegation; deletions answer 204 with the new ETag. Adding or changing an itinerary item is
 * checked against rule 6 like any delegation write (see delegations.ts); outcomes and
 * follow-ups cannot break it. A follow-up's status moves through core's followUpLifecycle.
 */
import { createRoute } from '@hono/zod-openapi';
import {
  Delegation,
  DelegationId,
  type FollowUp,
  FollowUpId,
  FollowUpInput,
  followUpLifecycle,
  ItineraryItemId,
  ItineraryItemInput,
  newId,
  OutcomeId,
  OutcomeInput,
} from '@passerelle/core';
import { z } from 'zod';
import { authorize } from '../auth/policy';
import { etagOf, ifMatchHeaders } from '../http/conditional';
import { type App, type AppContext, type AppDeps, authOf } from '../http/context';
import { ApiError } from '../http/problem';
import { bearer, errors, etagHeader, patchSchema, sentFields, validateMerged } from './common';
import {
  DelegationIdParams,
  type DelegationWrite,
  delegationResponseHeaders,
  ForceQuery,
  isForced,
  setDelegationHeaders,
  delegationTags as tags,
  writeDelegation,
} from './delegations';

const pathParam = (name: string) => ({ param: { name, in: 'path' as const } });
const delegationId = DelegationId.meta(pathParam('id'));
const ItemParams = z.object({
  id: delegationId,
  itemId: ItineraryItemId.meta(pathParam('itemId')),
});
const OutcomeParams = z.object({
  id: delegationId,
  outcomeId: OutcomeId.meta(pathParam('outcomeId')),
});
const FollowUpParams = z.object({
  id: delegationId,
  outcomeId: OutcomeId.meta(pathParam('outcomeId')),
  fupId: FollowUpId.meta(pathParam('fupId')),
});

const ItineraryItemPatch = patchSchema(ItineraryItemInput.shape).meta({
  id: 'ItineraryItemPatch',
});
/** Follow-ups change through their own routes, so their status follows the lifecycle. */
const { followUps: _followUps, ...outcomeEditable } = OutcomeInput.shape;
const OutcomePatch = patchSchema(outcomeEditable).meta({ id: 'OutcomePatch' });
const FollowUpPatch = patchSchema(FollowUpInput.shape).meta({ id: 'FollowUpPatch' });

const json = <S extends z.ZodType>(schema: S) => ({
  required: true,
  content: { 'application/json': { schema } },
});

const updated = (description: string) => ({
  description,
  headers: delegationResponseHeaders,
  content: { 'application/json': { schema: Delegation } },
});

const deleted = {
  204: { description: 'Removed; the ETag is the delegation’s new version', headers: etagHeader },
};

const addItem = createRoute({
  method: 'post',
  path: '/v1/delegations/{id}/itinerary',
  tags,
  summary: 'Add an itinerary item',
  description:
    'The item gets an id and is appended to `itinerary`. Checked against rule 6: 422 with every conflict (item outside the dates, people in two places at once) unless `?force=true`.',
  security: bearer,
  request: {
    params: DelegationIdParams,
    query: ForceQuery,
    headers: ifMatchHeaders,
    body: json(ItineraryItemInput),
  },
  responses: {
    201: updated('The delegation with the new item'),
    ...errors(403, 404, 412, 413, 415, 422),
  },
});

const patchItem = createRoute({
  method: 'patch',
  path: '/v1/delegations/{id}/itinerary/{itemId}',
  tags,
  summary: 'Change an itinerary item',
  description: 'Only the fields sent change; the result is checked against rule 6 like a new item.',
  security: bearer,
  request: {
    params: ItemParams,
    query: ForceQuery,
    headers: ifMatchHeaders,
    body: json(ItineraryItemPatch),
  },
  responses: {
    200: updated('The delegation with the changed item'),
    ...errors(403, 404, 412, 413, 415, 422),
  },
});

const removeItem = createRoute({
  method: 'delete',
  path: '/v1/delegations/{id}/itinerary/{itemId}',
  tags,
  summary: 'Remove an itinerary item',
  security: bearer,
  request: { params: ItemParams, headers: ifMatchHeaders },
  responses: { ...deleted, ...errors(403, 404, 412) },
});

const addOutcome = createRoute({
  method: 'post',
  path: '/v1/delegations/{id}/outcomes',
  tags,
  summary: 'Record an outcome',
  description:
    'The outcome gets an id and is appended to `outcomes`. Follow-ups sent with it keep their ids, which must be new in the delegation (409 otherwise).',
  security: bearer,
  request: { params: DelegationIdParams, headers: ifMatchHeaders, body: json(OutcomeInput) },
  responses: {
    201: updated('The delegation with the new outcome'),
    ...errors(403, 404, 409, 412, 413, 415),
  },
});

const patchOutcome = createRoute({
  method: 'patch',
  path: '/v1/delegations/{id}/outcomes/{outcomeId}',
  tags,
  summary: 'Change an outcome',
  description:
    'Only the fields sent change. `followUps` is refused here: follow-ups are added and changed through /follow-ups.',
  security: bearer,
  request: { params: OutcomeParams, headers: ifMatchHeaders, body: json(OutcomePatch) },
  responses: {
    200: updated('The delegation with the changed outcome'),
    ...errors(403, 404, 412, 413, 415),
  },
});

const removeOutcome = createRoute({
  method: 'delete',
  path: '/v1/delegations/{id}/outcomes/{outcomeId}',
  tags,
  summary: 'Remove an outcome and its follow-ups',
  security: bearer,
  request: { params: OutcomeParams, headers: ifMatchHeaders },
  responses: { ...deleted, ...errors(403, 404, 412) },
});

const addFollowUp = createRoute({
  method: 'post',
  path: '/v1/delegations/{id}/outcomes/{outcomeId}/follow-ups',
  tags,
  summary: 'Add a follow-up action to an outcome',
  security: bearer,
  request: { params: OutcomeParams, headers: ifMatchHeaders, body: json(FollowUpInput) },
  responses: {
    201: updated('The delegation with the new follow-up'),
    ...errors(403, 404, 412, 413, 415),
  },
});

const patchFollowUp = createRoute({
  method: 'patch',
  path: '/v1/delegations/{id}/outcomes/{outcomeId}/follow-ups/{fupId}',
  tags,
  summary: 'Change a follow-up action',
  description:
    'Only the fields sent change. A status change follows open → in_progress → done, cancelled before done, in_progress back to open; anything else is 409 `illegal-transition` with `data.allowed`.',
  security: bearer,
  request: { params: FollowUpParams, headers: ifMatchHeaders, body: json(FollowUpPatch) },
  responses: {
    200: updated('The delegation with the changed follow-up'),
    ...errors(403, 404, 409, 412, 413, 415),
  },
});

/** `items` with the one whose id is `id` replaced; 404 when there is none. */
function replaceIn<T extends { id: string }>(
  items: readonly T[],
  id: string,
  what: string,
  replace: (item: T) => T,
): T[] {
  if (!items.some((item) => item.id === id)) throw ApiError.notFound(what);
  return items.map((item) => (item.id === id ? replace(item) : item));
}

/** `items` without the one whose id is `id`; 404 when there is none. */
function removeFrom<T extends { id: string }>(items: readonly T[], id: string, what: string): T[] {
  if (!items.some((item) => item.id === id)) throw ApiError.notFound(what);
  return items.filter((item) => item.id !== id);
}

const itemName = (id: string, itemId: string) => `Itinerary item ${itemId} of delegation ${id}`;
const outcomeName = (id: string, outcomeId: string) => `Outcome ${outcomeId} of delegation ${id}`;

/** Follow-up ids are unique in a delegation; a new outcome may not bring one already used. */
function checkNewFollowUps(current: Delegation, followUps: readonly FollowUp[]): void {
  const seen = new Set(
    current.outcomes.flatMap((outcome) => outcome.followUps.map((followUp) => followUp.id)),
  );
  const taken: string[] = [];
  for (const followUp of followUps) {
    if (seen.has(followUp.id)) taken.push(followUp.id);
    seen.add(followUp.id);
  }
  if (taken.length > 0) {
    throw new ApiError('conflict', {
      detail: `Follow-up ids already used in this delegation: ${taken.join(', ')}.`,
      data: { followUpIds: taken },
    });
  }
}

export function registerDelegationParts(app: App, deps: AppDeps): void {
  const write = (c: AppContext, id: string, change: DelegationWrite) =>
    writeDelegation(deps, c, id, change);

  app.openapi(addItem, async (c) => {
    authorize(authOf(c), 'delegations', 'update');
    const { id } = c.req.valid('param');
    const input = c.req.valid('json');
    const item = { ...input, id: newId('itm', deps.now().getTime()) };
    const { record, violations } = await write(c, id, {
      action: 'delegation.itinerary.add',
      details: { itemId: item.id },
      ifMatch: c.req.valid('header')['if-match'],
      check: { force: isForced(c.req.valid('query')) },
      change: (current) => ({ ...current, itinerary: [...current.itinerary, item] }),
    });
    setDelegationHeaders(c, record, violations);
    return c.json(record, 201);
  });

  app.openapi(patchItem, async (c) => {
    authorize(authOf(c), 'delegations', 'update');
    const { id, itemId } = c.req.valid('param');
    const changes = sentFields(c.req.valid('json'));
    const { record, violations } = await write(c, id, {
      action: 'delegation.itinerary.update',
      details: { itemId, fields: Object.keys(changes) },
      ifMatch: c.req.valid('header')['if-match'],
      check: { force: isForced(c.req.valid('query')) },
      change: (current) => ({
        ...current,
        itinerary: replaceIn(current.itinerary, itemId, itemName(id, itemId), (item) => ({
          ...validateMerged(ItineraryItemInput, { ...item, ...changes }),
          id: item.id,
        })),
      }),
    });
    setDelegationHeaders(c, record, violations);
    return c.json(record, 200);
  });

  app.openapi(removeItem, async (c) => {
    authorize(authOf(c), 'delegations', 'update');
    const { id, itemId } = c.req.valid('param');
    // Removing an item cannot add a conflict, so rule 6 is not checked.
    const { record } = await write(c, id, {
      action: 'delegation.itinerary.remove',
      details: { itemId },
      ifMatch: c.req.valid('header')['if-match'],
      change: (current) => ({
        ...current,
        itinerary: removeFrom(current.itinerary, itemId, itemName(id, itemId)),
      }),
    });
    return c.body(null, 204, { ETag: etagOf(record.version) });
  });

  app.openapi(addOutcome, async (c) => {
    authorize(authOf(c), 'delegations', 'update');
    const { id } = c.req.valid('param');
    const input = c.req.valid('json');
    const outcome = { ...input, id: newId('out', deps.now().getTime()) };
    const { record } = await write(c, id, {
      action: 'delegation.outcome.add',
      details: { outcomeId: outcome.id },
      ifMatch: c.req.valid('header')['if-match'],
      change: (current) => {
        checkNewFollowUps(current, outcome.followUps);
        return { ...current, outcomes: [...current.outcomes, outcome] };
      },
    });
    c.header('ETag', etagOf(record.version));
    return c.json(record, 201);
  });

  app.openapi(patchOutcome, async (c) => {
    authorize(authOf(c), 'delegations', 'update');
    const { id, outcomeId } = c.req.valid('param');
    const changes = sentFields(c.req.valid('json'));
    const { record } = await write(c, id, {
      action: 'delegation.outcome.update',
      details: { outcomeId, fields: Object.keys(changes) },
      ifMatch: c.req.valid('header')['if-match'],
      change: (current) => ({
        ...current,
        outcomes: replaceIn(current.outcomes, outcomeId, outcomeName(id, outcomeId), (outcome) => ({
          ...outcome,
          ...changes,
        })),
      }),
    });
    c.header('ETag', etagOf(record.version));
    return c.json(record, 200);
  });

  app.openapi(removeOutcome, async (c) => {
    authorize(authOf(c), 'delegations', 'update');
    const { id, outcomeId } = c.req.valid('param');
    const { record } = await write(c, id, {
      action: 'delegation.outcome.remove',
      details: { outcomeId },
      ifMatch: c.req.valid('header')['if-match'],
      change: (current) => ({
        ...current,
        outcomes: removeFrom(current.outcomes, outcomeId, outcomeName(id, outcomeId)),
      }),
    });
    return c.body(null, 204, { ETag: etagOf(record.version) });
  });

  app.openapi(addFollowUp, async (c) => {
    authorize(authOf(c), 'delegations', 'update');
    const { id, outcomeId } = c.req.valid('param');
    const followUp: FollowUp = { ...c.req.valid('json'), id: newId('fup', deps.now().getTime()) };
    const { record } = await write(c, id, {
      action: 'delegation.follow_up.add',
      details: { outcomeId, followUpId: followUp.id },
      ifMatch: c.req.valid('header')['if-match'],
      change: (current) => ({
        ...current,
        outcomes: replaceIn(current.outcomes, outcomeId, outcomeName(id, outcomeId), (outcome) => ({
          ...outcome,
          followUps: [...outcome.followUps, followUp],
        })),
      }),
    });
    c.header('ETag', etagOf(record.version));
    return c.json(record, 201);
  });

  app.openapi(patchFollowUp, async (c) => {
    authorize(authOf(c), 'delegations', 'update');
    const { id, outcomeId, fupId } = c.req.valid('param');
    const changes = sentFields(c.req.valid('json'));
    const { record } = await write(c, id, {
      action: 'delegation.follow_up.update',
      details: { outcomeId, followUpId: fupId, fields: Object.keys(changes) },
      ifMatch: c.req.valid('header')['if-match'],
      change: (current, details) => ({
        ...current,
        outcomes: replaceIn(current.outcomes, outcomeId, outcomeName(id, outcomeId), (outcome) => ({
          ...outcome,
          followUps: replaceIn(
            outcome.followUps,
            fupId,
            `Follow-up ${fupId} of outcome ${outcomeId}`,
            (followUp) => {
              if (changes.status !== undefined && changes.status !== followUp.status) {
                const move = followUpLifecycle.move(followUp.status, changes.status);
                if (!move.ok) throw ApiError.fromViolation(move.violation, 'illegal_transition');
                Object.assign(details, { from: followUp.status, to: changes.status });
              }
              return { ...followUp, ...changes };
            },
          ),
        })),
      }),
    });
    c.header('ETag', etagOf(record.version));
    return c.json(record, 200);
  });
}
