export * from './socket-io-provider';
export * from './save-tracker';
export * from './socket-session';
