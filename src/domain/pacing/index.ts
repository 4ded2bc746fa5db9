/** The pacing engine (shared/domain.md, pacing rules): what it remembers, and each of its jobs. */
export * from './state';
export * from './catalogue';
export * from './check-ins';
export * from './ladder';
export * from './suggestions';
export * from './calendar';
export * from './turns';
