export * from './delivery';
export * from './messages';
export * from './render';
