/**
 * The first row of a result that cannot be empty: an aggregate (`SELECT count(*)` always gives one row), an INSERT
 * ... RETURNING of one row, or a row the same transaction has just read or locked. An empty result there is a broken
 * assumption in the code, not a client's mistake, so it throws an internal error (a 500) that names it. Where a row
 * can really be missing (an unknown id, a concurrent delete), check and answer not_found instead.
 */
export function oneRow<T>(rows: readonly T[], what = 'a statement that always returns a row'): T {
  const [row] = rows;
  if (row === undefined) throw new Error(`No row from ${what}`);
  return row;
}
