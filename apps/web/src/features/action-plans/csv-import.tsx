// CSV import of milestones or KPI measurements: choose a file or paste, check it (a dry run, row by row), then apply
// it, all rows or none. The report lists each row's problems by line of the file.
import { useId, useState, type ChangeEvent, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { MEASUREMENT_CSV_COLUMNS, MILESTONE_CSV_COLUMNS, type ActionPlan, type ImportReport } from '@minga/contracts';
import { DataTable } from '../../components/data-table';
import { SelectField, TextAreaField } from '../../components/form-field';
import { ProblemAlert } from '../../components/problem-alert';
import { ApiError } from '../../lib/api-client';
import { useImportCsv, type ImportKind } from './api';
import './action-plans.css';

const COLUMNS: Record<ImportKind, readonly string[]> = {
  milestones: MILESTONE_CSV_COLUMNS,
  measurements: MEASUREMENT_CSV_COLUMNS,
};

export function CsvImport({ plan }: { plan: Pick<ActionPlan, 'id' | 'cityId'> }) {
  const { t } = useTranslation();
  const fileId = useId();
  const [kind, setKind] = useState<ImportKind>('milestones');
  const [csv, setCsv] = useState('');
  const [checked, setChecked] = useState<string | null>(null);
  const milestones = useImportCsv(plan, 'milestones');
  const measurements = useImportCsv(plan, 'measurements');
  const importer = kind === 'milestones' ? milestones : measurements;
  const report = importer.data ?? reportOf(importer.error);
  const canApply = checked === csv && report?.dryRun === true && report.validCount === report.rowCount && report.rowCount > 0;

  function change(next: string) {
    setCsv(next);
    setChecked(null);
    importer.reset();
  }

  async function readFile(event: ChangeEvent<HTMLInputElement>) {
    const file = event.target.files?.[0];
    if (file) change(await file.text());
  }

  function check(event: FormEvent) {
    event.preventDefault();
    if (!csv.trim()) return;
    importer.mutate({ csv, dryRun: true }, { onSettled: () => setChecked(csv) });
  }

  return (
    <form className="form form--wide" onSubmit={check} noValidate aria-label={t('plans.import.heading')}>
      <SelectField
        label={t('plans.import.kind')}
        name="kind"
        value={kind}
        onChange={(event) => {
          setKind(event.target.value === 'measurements' ? 'measurements' : 'milestones');
          setChecked(null);
        }}
      >
        <option value="milestones">{t('plans.import.milestones')}</option>
        <option value="measurements">{t('plans.import.measurements')}</option>
      </SelectField>
      <p className="field-hint">{t('plans.import.columns', { columns: COLUMNS[kind].join(', ') })}</p>
      <div className="field">
        <label className="field-label" htmlFor={fileId}>
          {t('plans.import.file')}
        </label>
        <input id={fileId} type="file" accept=".csv,text/csv" onChange={(event) => void readFile(event)} />
      </div>
      <TextAreaField
        label={t('plans.import.paste')}
        hint={t('plans.import.pasteHint')}
        name="csv"
        className="textarea"
        rows={6}
        value={csv}
        onChange={(event) => change(event.target.value)}
      />
      <div className="form-actions">
        <button type="submit" className="button button--secondary" disabled={importer.isPending || !csv.trim()}>
          {importer.isPending && importer.variables?.dryRun ? t('plans.import.checking') : t('plans.import.check')}
        </button>
        <button
          type="button"
          className="button"
          disabled={!canApply || importer.isPending}
          onClick={() => importer.mutate({ csv, dryRun: false })}
        >
          {t('plans.import.apply')}
        </button>
      </div>
      {importer.isError && !report && <ProblemAlert error={importer.error} />}
      {report && <ImportReportView report={report} />}
    </form>
  );
}

/** A rejected import answers 400 with its findings as field errors at `rows.<row>.<column>`: rebuilt into a report. */
function reportOf(error: unknown): ImportReport | null {
  if (!(error instanceof ApiError) || error.status !== 400 || !error.problem.errors?.some((e) => e.path.startsWith('rows.'))) return null;
  const byRow = new Map<number, { field: string; message: string }[]>();
  for (const finding of error.problem.errors) {
    const [, rowText, field] = /^rows\.(\d+)\.?(.*)$/.exec(finding.path) ?? [];
    if (rowText === undefined || field === undefined) continue;
    const row = Number(rowText);
    byRow.set(row, [...(byRow.get(row) ?? []), { field, message: finding.message }]);
  }
  const rows = [...byRow.entries()].sort(([a], [b]) => a - b).map(([row, errors]) => ({ row, ok: false, errors }));
  return {
    applied: false,
    dryRun: false,
    rowCount: rows.length,
    validCount: 0,
    rows,
  };
}

function ImportReportView({ report }: { report: ImportReport }) {
  const { t } = useTranslation();
  const invalid = report.rows.filter((row) => !row.ok);
  let summary: string;
  if (report.applied) summary = t('plans.import.applied', { count: report.rowCount });
  else if (invalid.length === 0 && report.dryRun) summary = t('plans.import.allValid', { count: report.rowCount });
  else
    summary = t('plans.import.invalid', {
      count: invalid.length,
      total: report.rowCount,
    });

  return (
    <div className="import-report">
      <p role="status" className={invalid.length === 0 ? 'status status--success' : 'status'}>
        {summary}
      </p>
      {report.rows.length > 0 && (
        <DataTable
          caption={t('plans.import.reportCaption')}
          rows={report.rows}
          rowKey={(row) => row.row}
          rowClassName={(row) => (row.ok ? undefined : 'row-error')}
          columns={[
            { header: t('plans.import.line'), rowHeader: true, cell: (row) => row.row },
            { header: t('plans.import.result'), cell: (row) => (row.ok ? t('plans.import.rowOk') : t('plans.import.rowInvalid')) },
            {
              header: t('plans.import.problems'),
              cell: (row) =>
                row.errors.map((error) => (
                  <p key={error.field + error.message} className="history-change">
                    {error.field ? t('plans.import.fieldProblem', { field: error.field, message: error.message }) : error.message}
                  </p>
                )),
            },
          ]}
        />
      )}
    </div>
  );
}
