export * from './nlu';
