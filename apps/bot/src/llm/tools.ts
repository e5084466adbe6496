/**
 * The LLM engine's tools: exactly the operations of the embedded engine, each one run by the
 * embedded engine's own handler with the asker's client (so the API applies the asker's
 * rights). A tool is offered by role; a student is never offered a staff tool.
 */
import type { Intent, Role } from '../nlu';

export interface ToolSpec {
  name: string;
  intent: Intent;
  /** Who is offered the tool. */
  roles: readonly Role[];
  description: string;
}

const everyone: readonly Role[] = ['guest', 'student', 'staff'];
const students: readonly Role[] = ['student'];
const staff: readonly Role[] = ['staff'];

export const TOOLS: readonly ToolSpec[] = [
  {
    name: 'search_knowledge',
    intent: 'kb_question',
    roles: everyone,
    description:
      "Searches the office's knowledge base (Survival Guide, FAQ) and returns the best passages with their sources.",
  },
  {
    name: 'upcoming_events',
    intent: 'events_upcoming',
    roles: everyone,
    description:
      'Lists upcoming events the person may attend, for a period such as "this week" or "next month".',
  },
  {
    name: 'my_profile',
    intent: 'my_profile',
    roles: students,
    description: "The student's own profile: programme, dates, advisor, buddy, status.",
  },
  {
    name: 'my_documents',
    intent: 'my_documents',
    roles: students,
    description: "The student's own documents, their expiry dates and alerts.",
  },
  {
    name: 'register_event',
    intent: 'event_register',
    roles: students,
    description: 'Registers the student for an event named in the request.',
  },
  {
    name: 'cancel_registration',
    intent: 'event_cancel',
    roles: students,
    description: "Cancels the student's registration for an event named in the request.",
  },
  {
    name: 'my_registrations',
    intent: 'my_registrations',
    roles: students,
    description: "The student's own event registrations.",
  },
  {
    name: 'count_students',
    intent: 'students_count',
    roles: staff,
    description:
      'Counts students by programme kind, nationality, status, home institution and year.',
  },
  {
    name: 'list_students',
    intent: 'students_list',
    roles: staff,
    description:
      'Lists students by programme kind, nationality, status, home institution and year.',
  },
  {
    name: 'agreements',
    intent: 'agreements_query',
    roles: staff,
    description: 'Agreements by partner, country, kind and status, or expiring within a period.',
  },
  {
    name: 'partner_info',
    intent: 'partner_info',
    roles: staff,
    description: "A partner institution's stage, agreements and history.",
  },
  {
    name: 'delegation_info',
    intent: 'delegation_info',
    roles: staff,
    description: "A delegation's dates, members, itinerary, outcomes and follow-ups.",
  },
  {
    name: 'alerts',
    intent: 'alerts',
    roles: staff,
    description: 'Current alerts: expiring documents and agreements, overdue follow-ups.',
  },
  {
    name: 'year_end_review',
    intent: 'year_end_review',
    roles: staff,
    description: "The office's year-end review for a year, with changes from the year before.",
  },
];

/** The tools offered to a role. */
export function toolsFor(role: Role): ToolSpec[] {
  return TOOLS.filter((tool) => tool.roles.includes(role));
}

/** The tools in the chat completions request's shape. */
export function toolDefinitions(tools: readonly ToolSpec[]) {
  return tools.map((tool) => ({
    type: 'function' as const,
    function: {
      name: tool.name,
      description: tool.description,
      parameters: {
        type: 'object',
        properties: {
          request: {
            type: 'string',
            description:
              "The person's request for this operation, restated in their language with every detail it needs (names, countries, programme kinds, dates, periods, years).",
          },
        },
        required: ['request'],
        additionalProperties: false,
      },
    },
  }));
}
