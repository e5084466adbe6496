import type { RegisterRoutes } from '../http/context';
import { registerAudit } from './audit';
import { registerBindings } from './bindings';
import { registerInstitutions } from './institutions';
import { registerMeta } from './meta';
import { registerStudents } from './students';
import { registerTokens } from './tokens';

/** Every route group of the API; a new resource adds its `register…` here. */
export const routeGroups: readonly RegisterRoutes[] = [
  registerMeta,
  registerTokens,
  registerBindings,
  registerAudit,
  registerInstitutions,
  registerStudents,
];
