export * from './time-zones';
export * from './recurrence';
export { normalizeRrule, rruleProblem, rruleUntilProblems } from './series-rule';
export * from './weekend';
export * from './slot-finder';
