/**
 * /v1/workshops/slots: slots for an online workshop with a partner campus (rule 8), inside
 * working hours on weekdays in both time zones, from core `proposeWorkshopSlots`. For those who
 * plan events (staff and admins). Every input is checked first, so bad input is a 400 naming
 * the fields and never reaches the core function's RangeErrors.
 */
import { createRoute } from '@hono/zod-openapi';
import {
  CalendarDate,
  daysBetween,
  proposeWorkshopSlots,
  TimeZone,
  WorkshopSlot,
  workshopDurationLimits,
} from '@passerelle/core';
import { z } from 'zod';
import { authorize } from '../auth/policy';
import { type App, type AppDeps, authOf } from '../http/context';
import { ApiError, type FieldError } from '../http/problem';
import { bearer, errors } from './common';

/** The longest range of dates one request may search. */
export const MAX_SLOT_RANGE_DAYS = 366;

const SlotQuery = z.object({
  time_zone: TimeZone.optional().meta({
    description: "Our campus's time zone (default: the office's, OFFICE_TIME_ZONE).",
  }),
  partner_time_zone: TimeZone,
  from: CalendarDate.meta({ description: "First date, in our campus's time zone." }),
  to: CalendarDate.meta({
    description: `Last date (at most ${MAX_SLOT_RANGE_DAYS} days from the first, both included).`,
  }),
  duration_minutes: z.coerce
    .number()
    .int()
    .min(workshopDurationLimits.min)
    .max(workshopDurationLimits.max)
    .default(workshopDurationLimits.min)
    .meta({ description: 'Length of the workshop, 150 to 180 minutes (rule 8).' }),
  step_minutes: z.coerce
    .number()
    .int()
    .min(5)
    .max(240)
    .default(30)
    .meta({ description: 'Slots start on multiples of this many minutes (UTC), 5 to 240.' }),
});

const slots = createRoute({
  method: 'get',
  path: '/v1/workshops/slots',
  tags: ['Workshops'],
  summary: 'Propose online-workshop slots',
  description:
    'Every slot of `duration_minutes` within 09:00–18:00 on a weekday in both time zones, for starts whose date (in `time_zone`) is from `from` to `to`, in time order.',
  security: bearer,
  request: { query: SlotQuery },
  responses: {
    200: {
      description: 'The slots',
      content: {
        'application/json': {
          schema: z.object({ data: z.array(WorkshopSlot) }).meta({ id: 'WorkshopSlotList' }),
        },
      },
    },
    ...errors(403, 404),
  },
});

function invalid(errors: FieldError[]): ApiError {
  return new ApiError('validation', {
    detail: errors.map((error) => `${error.path}: ${error.message}`).join('; '),
    errors,
  });
}

export function registerWorkshops(app: App, deps: AppDeps): void {
  app.openapi(slots, (c) => {
    // Proposing slots is planning an event.
    authorize(authOf(c), 'events', 'create');
    const query = c.req.valid('query');
    if (query.from > query.to) {
      throw invalid([{ path: 'query.to', message: 'must not be before from' }]);
    }
    if (daysBetween(query.from, query.to) + 1 > MAX_SLOT_RANGE_DAYS) {
      throw invalid([
        { path: 'query.to', message: `must be at most ${MAX_SLOT_RANGE_DAYS} days from from` },
      ]);
    }
    let data: ReturnType<typeof proposeWorkshopSlots>;
    try {
      data = proposeWorkshopSlots({
        timeZones: [query.time_zone ?? deps.config.OFFICE_TIME_ZONE, query.partner_time_zone],
        from: query.from,
        to: query.to,
        durationMinutes: query.duration_minutes,
        stepMinutes: query.step_minutes,
      });
    } catch (error) {
      // Checked above; kept so that no refusal of the core function ever becomes a 500.
      if (error instanceof RangeError) throw invalid([{ path: 'query', message: error.message }]);
      throw error;
    }
    return c.json({ data }, 200);
  });
}
