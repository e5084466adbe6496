export * from './delegations';
export * from './events';
export * from './knowledge';
export * from './partners';
export * from './people';
export * from './reports';
export * from './shared';
export * from './students';
