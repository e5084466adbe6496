export * from './publications';
export * from './rules';
export * from './schemas';
export * from './workshop';
