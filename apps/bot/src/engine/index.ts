export { bindingCodeIn } from './account';
export { type Catalog, type CatalogStore, createCatalog } from './catalog';
export { engineFromConfig, MissingTokenError, serviceClient } from './configured';
export {
  conversationKey,
  createEmbeddedEngine,
  DEDUP_TTL_SECONDS,
  type EmbeddedEngineOptions,
  HANDLERS,
} from './embedded';
export { type Failure, failureOf, failureText } from './errors';
export {
  type Asker,
  type BindingIdentityOptions,
  bindingIdentity,
  fixedIdentity,
  type IdentityResolver,
} from './identity';
export { articleUrl, isStrong } from './knowledge';
export { type FieldLabels, type Labels, MESSAGES, type MessageSet, messagesFor } from './messages';
export { ordinalIn } from './ordinal';
export { REDACTED, scrub } from './scrub';
export type { Answer, EngineDeps, Handler, Turn } from './turn';
export type {
  Channel,
  Citation,
  Engine,
  FollowUp,
  Handoff,
  IncomingMessage,
  Reply,
  ReplyField,
} from './types';
