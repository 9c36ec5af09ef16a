import type { ValueTransformer } from 'typeorm';

/** pg returns bigint and numeric as strings to avoid precision loss; our values fit in a double. */
export const numericTransformer: ValueTransformer = {
  to: (value: number | null | undefined) => value,
  from: (value: string | null) => (value === null ? null : Number(value)),
};
