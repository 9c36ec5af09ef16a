// "Download CSV / JSON" under a table view: the rows it shows, with stable column keys, saved as a file; or, where
// the API serves the table in a form it can import again, that file.
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { DownloadedFile } from '../lib/api-client';
import { saveFile } from '../lib/save-file';
import { toCsv, toJson, type Row } from '../lib/table-data';
import './table-export.css';

type TableExportProps = {
  /** The file name without extension, e.g. `mexico-city-kpis`. */
  filename: string;
  /** What the files hold, for the buttons' accessible names, e.g. "KPIs of Mexico City". */
  subject: string;
} & (
  | { columns: readonly string[]; rows: readonly Row[]; fetchFile?: never }
  /** The API's own file of this table (for instance the CSV it imports again), downloaded as it is. */
  | { fetchFile: (format: keyof typeof FORMATS) => Promise<DownloadedFile>; columns?: never; rows?: never }
);

const FORMATS = {
  csv: { type: 'text/csv;charset=utf-8', write: toCsv },
  json: { type: 'application/json', write: toJson },
} as const;

export function TableExport({ filename, subject, ...source }: TableExportProps) {
  const { t } = useTranslation();
  const labelId = useId();
  const [saved, setSaved] = useState('');

  async function download(format: keyof typeof FORMATS) {
    const name = `${filename}.${format}`;
    if (!source.fetchFile) {
      saveFile(new Blob([FORMATS[format].write(source.columns, source.rows)], { type: FORMATS[format].type }), name);
      setSaved(t('tableExport.saved', { filename: name }));
      return;
    }
    try {
      // Saved under this table's own name: the API names its files generically ("milestones.csv").
      saveFile((await source.fetchFile(format)).blob, name);
      setSaved(t('tableExport.saved', { filename: name }));
    } catch {
      setSaved(t('tableExport.failed', { filename: name }));
    }
  }

  return (
    <div className="table-export">
      <div role="group" aria-labelledby={labelId} className="table-export-group">
        <span id={labelId} className="table-export-label">
          {t('tableExport.label')}
        </span>
        {(Object.keys(FORMATS) as (keyof typeof FORMATS)[]).map((format) => (
          <button
            key={format}
            type="button"
            className="button button--secondary button--small"
            aria-label={t(`tableExport.as.${format}`, { subject })}
            onClick={() => void download(format)}
          >
            {t(`tableExport.format.${format}`)}
          </button>
        ))}
      </div>
      <p role="status" className="status table-export-status">
        {saved}
      </p>
    </div>
  );
}
