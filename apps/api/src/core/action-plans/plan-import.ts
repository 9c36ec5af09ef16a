import type { ImportReport } from '@minga/contracts';
import type { z } from 'zod';
import { Problem } from '../../platform/common/problem';

/**
 * Collects the findings of a CSV import row by row. `finish` answers a dry run or a clean file with the report,
 * and refuses an import with any invalid row as a 400 whose field errors point at `rows.<line>.<column>`.
 */
export class ImportFindings {
  private readonly rows = new Map<number, { field: string; message: string }[]>();

  constructor(lines: number[]) {
    for (const line of lines) this.rows.set(line, []);
  }

  add(line: number, field: string, message: string): void {
    this.rows.get(line)?.push({ field, message });
  }

  /** Zod issues of one row, their paths translated to the CSV's column names. */
  addIssues(line: number, issues: z.core.$ZodIssue[], columnOf: (path: PropertyKey[]) => string): void {
    for (const issue of issues) this.add(line, columnOf(issue.path), issue.message);
  }

  ok(line: number): boolean {
    return (this.rows.get(line) ?? []).length === 0;
  }

  get valid(): boolean {
    return [...this.rows.values()].every((errors) => errors.length === 0);
  }

  report(applied: boolean, dryRun: boolean): ImportReport {
    const rows = [...this.rows.entries()].map(([row, errors]) => ({ row, ok: errors.length === 0, errors }));
    return { applied, dryRun, rowCount: rows.length, validCount: rows.filter((r) => r.ok).length, rows };
  }

  /** Throws the 400 of a rejected import; nothing has been written. */
  rejectIfInvalid(): void {
    if (this.valid) return;
    const report = this.report(false, false);
    const invalid = report.rows.filter((r) => !r.ok);
    throw new Problem(
      'validation_failed',
      `${invalid.length} of ${report.rowCount} rows are not valid; nothing was imported`,
      invalid.flatMap((r) => r.errors.map((e) => ({ path: `rows.${r.row}.${e.field}`, message: e.message }))),
    );
  }
}

/** The CSV text of an import: a text/csv body, or JSON `{ "csv": "..." }`. */
export function csvOfBody(body: unknown): string {
  if (typeof body === 'string') return body;
  const csv = (body as { csv?: unknown } | undefined)?.csv;
  if (typeof csv === 'string' && csv.trim()) return csv;
  throw new Problem('validation_failed', 'Send the CSV as a text/csv body or as JSON { "csv": "..." }', [
    { path: 'csv', message: 'Required' },
  ]);
}

/** Splits a multi-value cell (`a | b | c`). */
export function listCell(cell: string | undefined): string[] {
  return (cell ?? '')
    .split('|')
    .map((v) => v.trim())
    .filter(Boolean);
}
