/**
 * Collects WHERE conditions for a hand-written query with numbered parameters: `add('x = ?', value)` turns each `?`
 * into the next `$n`, so filters can be combined without counting placeholders by hand.
 */
export class SqlConditions {
  readonly params: unknown[] = [];
  private readonly clauses: string[] = [];

  add(clause: string, ...values: unknown[]): this {
    let sql = clause;
    for (const value of values) {
      this.params.push(value);
      sql = sql.replace('?', `$${this.params.length}`);
    }
    this.clauses.push(sql);
    return this;
  }

  /** A placeholder for a value used outside the WHERE clause (LIMIT, ORDER BY keys). */
  param(value: unknown): string {
    this.params.push(value);
    return `$${this.params.length}`;
  }

  where(): string {
    return this.clauses.length ? `WHERE ${this.clauses.join(' AND ')}` : '';
  }
}
