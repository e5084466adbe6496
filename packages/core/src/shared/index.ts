export * from './country';
export * from './entity';
export * from './ids';
export * from './language';
export * from './result';
export * from './state-machine';
export * from './time';
