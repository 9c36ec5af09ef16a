// A table of records: named by its caption (or by a heading elsewhere), one header cell per column (scope="col"), the
// columns that name each row as row headers (scope="row"), and an empty-state sentence instead of a table with no rows.
import type { ReactNode } from 'react';
import { EmptyState } from './status-messages';

export interface DataColumn<T> {
  /** The column's React key; by default its position. */
  key?: string;
  /** The column header's content. */
  header: ReactNode;
  /** A row's cell content. */
  cell: (row: T) => ReactNode;
  /** The cells of this column name their rows: `<th scope="row">` instead of `<td>`. */
  rowHeader?: boolean;
  /** A class for the header and every cell of the column, e.g. "numeric". */
  className?: string;
  /** A class for a cell that depends on its row; it replaces `className` on the cells (not on the header). */
  cellClassName?: (row: T) => string | undefined;
}

type TableName =
  /** Shown above the table, and its accessible name. */
  | { caption: ReactNode; labelledBy?: never }
  /** The id of what names the table (a heading before it). */
  | { labelledBy: string; caption?: never };

type DataTableProps<T> = TableName & {
  rows: readonly T[];
  rowKey: (row: T) => string | number;
  columns: readonly DataColumn<T>[];
  /** Said instead of the table when there are no rows; without it an empty table is shown. */
  emptyText?: string;
  /** The table's class; "table" unless given. */
  className?: string;
  rowClassName?: (row: T) => string | undefined;
};

export function DataTable<T>({
  caption,
  labelledBy,
  rows,
  rowKey,
  columns,
  emptyText,
  className = 'table',
  rowClassName,
}: DataTableProps<T>) {
  if (emptyText !== undefined && rows.length === 0) return <EmptyState>{emptyText}</EmptyState>;
  return (
    <div className="table-wrap">
      <table className={className} aria-labelledby={labelledBy}>
        {caption !== undefined && <caption>{caption}</caption>}
        <thead>
          <tr>
            {columns.map((column, index) => (
              <th key={column.key ?? index} scope="col" className={column.className}>
                {column.header}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={rowKey(row)} className={rowClassName?.(row)}>
              {columns.map((column, index) => {
                const Cell = column.rowHeader ? 'th' : 'td';
                return (
                  <Cell
                    key={column.key ?? index}
                    scope={column.rowHeader ? 'row' : undefined}
                    className={column.cellClassName ? column.cellClassName(row) : column.className}
                  >
                    {column.cell(row)}
                  </Cell>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
