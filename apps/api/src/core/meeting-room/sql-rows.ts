/** TypeORM answers UPDATE/DELETE ... RETURNING with [rows, count], INSERT and SELECT with the rows: this gives the rows. */
export function returnedRows(result: unknown[]): unknown[] {
  return Array.isArray(result[0]) && typeof result[1] === 'number' ? (result[0] as unknown[]) : result;
}
