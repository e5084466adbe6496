export * from './year-end';
