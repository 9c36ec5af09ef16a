// A plan's KPIs: a table of where each stands (status in words), then each KPI's chart with the target marked and,
// for those who may edit the plan, a form to record a measurement; a form to add a KPI, and last, apart from the
// everyday actions, the removal of KPIs.
import { useTranslation } from 'react-i18next';
import type { Kpi } from '@minga/contracts';
import { DataTable } from '../../components/data-table';
import { DisclosureForm } from '../../components/disclosure-form';
import { KpiChart } from '../../components/kpi-chart';
import { ProgressMeter } from '../../components/progress-meter';
import { QueryState } from '../../components/query-state';
import { EmptyState } from '../../components/status-messages';
import { KpiStatusTag } from '../../components/status-tags';
import { TableExport } from '../../components/table-export';
import { ConfirmDeleteButton } from '../../components/confirm-delete-button';
import { useFormatters } from '../../lib/formatters';
import { useDeleteKpi, useMeasurements, usePlanKpis } from './kpis-api';
import { KpiForm } from './kpi-form';
import { MeasurementForm } from './measurement-form';
import './action-plans.css';

interface PlanKpisProps {
  planId: string;
  /** "Open data · Mexico City", for captions and file names. */
  planName: string;
  filename: string;
  canEdit: boolean;
  canDelete: boolean;
}

export function PlanKpis({ planId, planName, filename, canEdit, canDelete }: PlanKpisProps) {
  const { t } = useTranslation();
  const kpis = usePlanKpis(planId);
  return (
    <QueryState query={kpis}>
      {(list) => (
        <>
          {list.length === 0 ? (
            <EmptyState>{t('kpis.empty')}</EmptyState>
          ) : (
            <>
              <KpiTable kpis={list} caption={t('kpis.caption', { plan: planName })} filename={filename} />
              {list.map((kpi) => (
                <KpiDetail key={kpi.id} planId={planId} kpi={kpi} filename={`${filename}-${kpi.id.slice(0, 8)}`} canEdit={canEdit} />
              ))}
            </>
          )}
          {canEdit && <NewKpi planId={planId} />}
          {canDelete && list.length > 0 && <KpiRemoval planId={planId} kpis={list} />}
        </>
      )}
    </QueryState>
  );
}

function KpiTable({ kpis, caption, filename }: { kpis: Kpi[]; caption: string; filename: string }) {
  const { t } = useTranslation();
  const format = useFormatters();
  const withUnit = (value: number, unit: string) => t('kpis.valueWithUnit', { value: format.number(value), unit });
  return (
    <>
      <DataTable
        caption={caption}
        rows={kpis}
        rowKey={(kpi) => kpi.id}
        columns={[
          {
            header: t('kpis.name'),
            rowHeader: true,
            cell: (kpi) => (
              <>
                {kpi.name}
                <span className="muted"> ({t(`kpis.direction.${kpi.direction}`)})</span>
              </>
            ),
          },
          { header: t('kpis.statusLabel'), cell: (kpi) => <KpiStatusTag status={kpi.status} /> },
          {
            header: t('kpis.latest'),
            className: 'numeric',
            cell: (kpi) =>
              kpi.latestValue === null || kpi.latestDate === null ? (
                t('kpis.noMeasurement')
              ) : (
                <>
                  {withUnit(kpi.latestValue, kpi.unit)}
                  <br />
                  <span className="muted">{format.day(kpi.latestDate)}</span>
                </>
              ),
          },
          {
            header: t('kpis.target'),
            className: 'numeric',
            cell: (kpi) => (
              <>
                {withUnit(kpi.targetValue, kpi.unit)}
                <br />
                <span className="muted">{format.day(kpi.targetDate)}</span>
              </>
            ),
          },
          {
            header: t('kpis.shareOfTarget'),
            cell: (kpi) => (kpi.progress === null ? t('kpis.noMeasurement') : <ProgressMeter share={kpi.progress} />),
          },
        ]}
      />
      <TableExport
        filename={filename}
        subject={caption}
        columns={[
          'id',
          'name',
          'unit',
          'direction',
          'status',
          'baseline_value',
          'baseline_date',
          'target_value',
          'target_date',
          'latest_value',
          'latest_date',
          'share_of_target',
        ]}
        rows={kpis.map((kpi) => ({
          id: kpi.id,
          name: kpi.name,
          unit: kpi.unit,
          direction: kpi.direction,
          status: kpi.status,
          baseline_value: kpi.baselineValue,
          baseline_date: kpi.baselineDate,
          target_value: kpi.targetValue,
          target_date: kpi.targetDate,
          latest_value: kpi.latestValue,
          latest_date: kpi.latestDate,
          share_of_target: kpi.progress,
        }))}
      />
    </>
  );
}

function KpiDetail({ planId, kpi, filename, canEdit }: { planId: string; kpi: Kpi; filename: string; canEdit: boolean }) {
  const { t } = useTranslation();
  const measurements = useMeasurements(kpi.id);
  return (
    <section className="kpi-detail" aria-labelledby={`kpi-${kpi.id}`}>
      <h3 id={`kpi-${kpi.id}`}>
        {kpi.name} <KpiStatusTag status={kpi.status} />
      </h3>
      <QueryState query={measurements}>{(data) => <KpiChart kpi={kpi} measurements={data} filename={filename} />}</QueryState>
      {canEdit && (
        <DisclosureForm
          label={t('kpis.measurementForm.open')}
          accessibleName={t('kpis.measurementForm.openNamed', { name: kpi.name })}
          buttonClassName="button button--secondary"
          focusSelector="input"
        >
          {(close) => <MeasurementForm planId={planId} kpi={kpi} onSaved={close} onCancel={close} />}
        </DisclosureForm>
      )}
    </section>
  );
}

/**
 * Deleting a KPI takes its measurements with it, so it sits apart from recording them: behind its own button at the
 * end of the KPIs, one question per KPI.
 */
function KpiRemoval({ planId, kpis }: { planId: string; kpis: Kpi[] }) {
  const { t } = useTranslation();
  const deleteKpi = useDeleteKpi(planId);
  return (
    <DisclosureForm
      label={t('kpis.removal.open')}
      buttonClassName="button button--secondary"
      className="kpi-removal"
      focusSelector="button"
    >
      {() => (
        <>
          <p className="muted">{t('kpis.removal.intro')}</p>
          <ul className="kpi-removal-list">
            {kpis.map((kpi) => (
              <li key={kpi.id}>
                {kpi.name}{' '}
                <ConfirmDeleteButton
                  label={t('kpis.deleteNamed', { name: kpi.name })}
                  question={t('kpis.deleteQuestion', { name: kpi.name })}
                  onConfirm={() => deleteKpi.mutate(kpi.id)}
                  pending={deleteKpi.isPending && deleteKpi.variables === kpi.id}
                  failed={deleteKpi.isError && deleteKpi.variables === kpi.id}
                />
              </li>
            ))}
          </ul>
        </>
      )}
    </DisclosureForm>
  );
}

function NewKpi({ planId }: { planId: string }) {
  const { t } = useTranslation();
  return (
    <DisclosureForm label={t('kpis.form.open')} className="kpi-creator" focusSelector="input">
      {(close) => (
        <>
          <h3>{t('kpis.form.heading')}</h3>
          <KpiForm planId={planId} onSaved={close} onCancel={close} />
        </>
      )}
    </DisclosureForm>
  );
}
