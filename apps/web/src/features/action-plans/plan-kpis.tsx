// A plan's KPIs: a table of where each stands (status in words), then each KPI's chart with the target marked and,
// for those who may edit the plan, a form to record a measurement; a form to add a KPI last.
import { useTranslation } from 'react-i18next';
import type { Kpi } from '@minga/contracts';
import { KpiChart } from '../../components/kpi-chart';
import { ProgressMeter } from '../../components/progress-meter';
import { EmptyState, ErrorState, LoadingState } from '../../components/status-messages';
import { KpiStatusTag } from '../../components/status-tags';
import { TableExport } from '../../components/table-export';
import { ConfirmDeleteButton } from '../../components/confirm-delete-button';
import { useDisclosureForm } from '../../components/use-disclosure-form';
import { useFormatters } from '../../lib/formatters';
import { useDeleteKpi, useMeasurements, usePlanKpis } from './kpis-api';
import { KpiForm } from './kpi-form';
import { MeasurementForm } from './measurement-form';

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
  if (kpis.isPending) return <LoadingState />;
  if (kpis.isError) return <ErrorState error={kpis.error} onRetry={() => void kpis.refetch()} />;
  return (
    <>
      {kpis.data.length === 0 ? (
        <EmptyState>{t('kpis.empty')}</EmptyState>
      ) : (
        <>
          <KpiTable kpis={kpis.data} caption={t('kpis.caption', { plan: planName })} filename={filename} />
          {kpis.data.map((kpi) => (
            <KpiDetail
              key={kpi.id}
              planId={planId}
              kpi={kpi}
              filename={`${filename}-${kpi.id.slice(0, 8)}`}
              canEdit={canEdit}
              canDelete={canDelete}
            />
          ))}
        </>
      )}
      {canEdit && <NewKpi planId={planId} />}
    </>
  );
}

function KpiTable({ kpis, caption, filename }: { kpis: Kpi[]; caption: string; filename: string }) {
  const { t } = useTranslation();
  const format = useFormatters();
  const withUnit = (value: number, unit: string) => t('kpis.valueWithUnit', { value: format.number(value), unit });
  return (
    <>
      <div className="table-wrap">
        <table className="table">
          <caption>{caption}</caption>
          <thead>
            <tr>
              <th scope="col">{t('kpis.name')}</th>
              <th scope="col">{t('kpis.statusLabel')}</th>
              <th scope="col" className="numeric">
                {t('kpis.latest')}
              </th>
              <th scope="col" className="numeric">
                {t('kpis.target')}
              </th>
              <th scope="col">{t('kpis.shareOfTarget')}</th>
            </tr>
          </thead>
          <tbody>
            {kpis.map((kpi) => (
              <tr key={kpi.id}>
                <th scope="row">
                  {kpi.name}
                  <span className="muted"> ({t(`kpis.direction.${kpi.direction}`)})</span>
                </th>
                <td>
                  <KpiStatusTag status={kpi.status} />
                </td>
                <td className="numeric">
                  {kpi.latestValue === null || kpi.latestDate === null ? (
                    t('kpis.noMeasurement')
                  ) : (
                    <>
                      {withUnit(kpi.latestValue, kpi.unit)}
                      <br />
                      <span className="muted">{format.day(kpi.latestDate)}</span>
                    </>
                  )}
                </td>
                <td className="numeric">
                  {withUnit(kpi.targetValue, kpi.unit)}
                  <br />
                  <span className="muted">{format.day(kpi.targetDate)}</span>
                </td>
                <td>{kpi.progress === null ? t('kpis.noMeasurement') : <ProgressMeter share={kpi.progress} />}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
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

function KpiDetail({
  planId,
  kpi,
  filename,
  canEdit,
  canDelete,
}: {
  planId: string;
  kpi: Kpi;
  filename: string;
  canEdit: boolean;
  canDelete: boolean;
}) {
  const { t } = useTranslation();
  const measurements = useMeasurements(kpi.id);
  const deleteKpi = useDeleteKpi(planId);
  const { open, setOpen, formArea, openButton } = useDisclosureForm('input');
  return (
    <section className="kpi-detail" aria-labelledby={`kpi-${kpi.id}`}>
      <h3 id={`kpi-${kpi.id}`}>
        {kpi.name} <KpiStatusTag status={kpi.status} />
      </h3>
      {measurements.isPending && <LoadingState />}
      {measurements.isError && <ErrorState error={measurements.error} onRetry={() => void measurements.refetch()} />}
      {measurements.data && <KpiChart kpi={kpi} measurements={measurements.data} filename={filename} />}
      {canEdit &&
        (open ? (
          <div ref={formArea}>
            <MeasurementForm planId={planId} kpi={kpi} onSaved={() => setOpen(false)} onCancel={() => setOpen(false)} />
          </div>
        ) : (
          <button
            ref={openButton}
            type="button"
            className="button button--secondary"
            aria-label={t('kpis.measurementForm.openNamed', { name: kpi.name })}
            onClick={() => setOpen(true)}
          >
            {t('kpis.measurementForm.open')}
          </button>
        ))}
      {canDelete && !open && (
        <ConfirmDeleteButton
          label={t('kpis.deleteNamed', { name: kpi.name })}
          question={t('kpis.deleteQuestion', { name: kpi.name })}
          onConfirm={() => deleteKpi.mutate(kpi.id)}
          pending={deleteKpi.isPending}
          failed={deleteKpi.isError}
        />
      )}
    </section>
  );
}

function NewKpi({ planId }: { planId: string }) {
  const { t } = useTranslation();
  const { open, setOpen, formArea, openButton } = useDisclosureForm('input');
  return (
    <div className="kpi-creator">
      {open ? (
        <div ref={formArea}>
          <h3>{t('kpis.form.heading')}</h3>
          <KpiForm planId={planId} onSaved={() => setOpen(false)} onCancel={() => setOpen(false)} />
        </div>
      ) : (
        <button ref={openButton} type="button" className="button" onClick={() => setOpen(true)}>
          {t('kpis.form.open')}
        </button>
      )}
    </div>
  );
}
