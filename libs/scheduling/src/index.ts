export * from './time-zones';
export * from './recurrence';
export * from './weekend';
export * from './slot-finder';
