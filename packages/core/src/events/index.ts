export * from './publications';
export * from './schemas';
