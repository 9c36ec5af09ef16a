// CSV in and out, through csv-parse and csv-stringify; and the choice between JSON and CSV for a table view.
import { StreamableFile } from '@nestjs/common';
import { parse } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';
import type { Request, Response } from 'express';
import type { TableFormat } from '@minga/contracts';
import { Problem } from './problem';

/** `?format=` wins; otherwise the Accept header decides, JSON when it does not prefer CSV. */
export function tableFormatOf(req: Request, format: TableFormat | undefined): TableFormat {
  if (format) return format;
  return req.accepts(['application/json', 'text/csv']) === 'text/csv' ? 'csv' : 'json';
}

export type CsvCell = string | number | boolean | null | undefined;

/**
 * A CSV file of rows under a header, UTF-8 with a byte-order mark so spreadsheets read accents and CJK right.
 * Cells that start like a formula are prefixed with a quote, so opening an export never runs someone's formula.
 */
export function csvFile(res: Response, filename: string, columns: readonly string[], rows: CsvCell[][]): StreamableFile {
  const text = stringify(
    rows.map((row) => row.map(safeCell)),
    CSV_OPTIONS(columns),
  );
  res.setHeader('Content-Type', 'text/csv; charset=utf-8');
  res.setHeader('Content-Disposition', `attachment; filename="${filename}.csv"`);
  return new StreamableFile(Buffer.from(text, 'utf8'));
}

export function csvText(columns: readonly string[], rows: CsvCell[][]): string {
  return stringify(
    rows.map((row) => row.map(safeCell)),
    CSV_OPTIONS(columns),
  );
}

// Booleans as true/false (csv-stringify writes false as an empty cell by default).
const CSV_OPTIONS = (columns: readonly string[]) => ({
  header: true,
  columns: [...columns],
  bom: true,
  cast: { boolean: (v: boolean) => String(v) },
});

function safeCell(cell: CsvCell): CsvCell {
  return typeof cell === 'string' && /^[=+\-@\t\r]/.test(cell) && !/^-?\d/.test(cell) ? `'${cell}` : cell;
}

interface CsvRecord {
  /** The line of the file the record starts on (the header is line 1). */
  line: number;
  values: Record<string, string>;
}

/**
 * Parses an uploaded CSV with a header row. Unknown or missing columns and a file that is not CSV at all are a 400
 * for the whole file; the values of each row are left to the caller to validate and report row by row.
 */
export function parseCsv(text: string, columns: readonly string[], required: readonly string[], maxRows: number): CsvRecord[] {
  let records: { record: Record<string, string>; info: { lines: number } }[];
  try {
    records = parse(text.replace(/^\uFEFF/, ''), {
      columns: (header: string[]) => header.map((h) => h.trim().toLowerCase()),
      skip_empty_lines: true,
      trim: true,
      info: true,
      relax_column_count: false,
    });
  } catch (error) {
    throw new Problem('validation_failed', 'The file is not valid CSV', [{ path: 'csv', message: (error as Error).message }]);
  }
  const [first] = records;
  const header = first ? Object.keys(first.record) : headerOf(text);
  const unknown = header.filter((h) => !columns.includes(h));
  const missing = required.filter((c) => !header.includes(c));
  if (unknown.length || missing.length) {
    throw new Problem('validation_failed', `The header must name the columns ${columns.join(', ')}`, [
      ...unknown.map((c) => ({ path: `columns.${c}`, message: 'Unknown column' })),
      ...missing.map((c) => ({ path: `columns.${c}`, message: 'Missing column' })),
    ]);
  }
  if (!records.length)
    throw new Problem('validation_failed', 'The file has no rows', [{ path: 'csv', message: 'No rows under the header' }]);
  if (records.length > maxRows) {
    throw new Problem('payload_too_large', `At most ${maxRows} rows can be imported at once; this file has ${records.length}`);
  }
  // info.lines is the line the record ends on; a record with a quoted line break spans several lines.
  return records.map(({ record, info }) => ({ line: info.lines, values: record }));
}

function headerOf(text: string): string[] {
  const first = text.replace(/^\uFEFF/, '').split(/\r?\n/, 1)[0] ?? '';
  return first
    .split(',')
    .map((h) => h.trim().toLowerCase())
    .filter(Boolean);
}
