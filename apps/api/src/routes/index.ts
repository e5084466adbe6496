import type { RegisterRoutes } from '../http/context';
import { registerAgreements } from './agreements';
import { registerAlerts } from './alerts';
import { registerAudit } from './audit';
import { registerBackup } from './backup';
import { registerBindings } from './bindings';
import { registerCalendars } from './calendars';
import { registerDelegationParts } from './delegation-parts';
import { registerDelegations } from './delegations';
import { registerEvents } from './events';
import { registerEwp } from './ewp';
import { registerInstitutions } from './institutions';
import { registerKnowledge } from './knowledge';
import { registerMeta } from './meta';
import { registerAwards, registerPublications } from './publications';
import { registerRegistrations } from './registrations';
import { registerReminders } from './reminders';
import { registerReports } from './reports';
import { registerSpreadsheets } from './spreadsheets';
import { registerStaff } from './staff';
import { registerStudents } from './students';
import { registerTokens } from './tokens';
import { registerWorkshops } from './workshops';

/** Every route group of the API; a new resource adds its `register…` here. */
export const routeGroups: readonly RegisterRoutes[] = [
  registerMeta,
  registerTokens,
  registerBindings,
  registerAudit,
  registerInstitutions,
  registerStudents,
  registerAgreements,
  registerStaff,
  registerPublications,
  registerAwards,
  registerAlerts,
  registerDelegations,
  registerDelegationParts,
  registerEvents,
  registerRegistrations,
  registerWorkshops,
  registerKnowledge,
  registerReports,
  registerCalendars,
  registerSpreadsheets,
  registerEwp,
  registerBackup,
  registerReminders,
];
