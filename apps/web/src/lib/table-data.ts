// The rows of a table view as CSV (RFC 4180) or JSON files, with stable column keys rather than translated headers.

export type Cell = string | number | boolean | null;
export type Row = Record<string, Cell>;

/** Excel and Numbers read a CSV as UTF-8 only when it starts with a byte order mark; other readers skip it. */
const BOM = '\uFEFF';

export function toCsv(columns: readonly string[], rows: readonly Row[]): string {
  const lines = [columns.map(csvField), ...rows.map((row) => columns.map((key) => csvField(row[key] ?? null)))];
  return BOM + lines.map((fields) => fields.join(',')).join('\r\n') + '\r\n';
}

export function toJson(columns: readonly string[], rows: readonly Row[]): string {
  return JSON.stringify(
    rows.map((row) => Object.fromEntries(columns.map((key) => [key, row[key] ?? null]))),
    null,
    2,
  );
}

function csvField(value: Cell): string {
  if (value === null) return '';
  let text = String(value);
  // A text cell starting with = + - @ would run as a formula in a spreadsheet (CSV injection); numbers stay numbers.
  if (typeof value === 'string' && /^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}
