// Cities compared by KPI progress (mean share of target reached) as bars, with the KPI counts by status as a table.
import { useTranslation } from 'react-i18next';
import { Bar, BarChart, CartesianGrid, ReferenceLine, ResponsiveContainer, XAxis, YAxis } from 'recharts';
import type { DashboardCity } from '@minga/contracts';
import { CHART_SIZE_BEFORE_LAYOUT, ChartFigure } from '../../components/chart-figure';
import { DataTable } from '../../components/data-table';
import { ProgressMeter } from '../../components/progress-meter';
import { TableExport } from '../../components/table-export';
import { useFormatters } from '../../lib/formatters';

export function KpiComparison({ cities, caption, filename }: { cities: DashboardCity[]; caption: string; filename: string }) {
  const { t } = useTranslation();
  const format = useFormatters();
  const measured = cities.filter((city) => city.kpiProgress !== null).sort((a, b) => (b.kpiProgress ?? 0) - (a.kpiProgress ?? 0));
  const data = measured.map((city) => ({
    name: city.name,
    share: Math.round((city.kpiProgress ?? 0) * 100),
  }));
  const summary = measured.length
    ? t('dashboards.kpiChartSummary', {
        list: measured.map((city) => `${city.name} ${format.percent(city.kpiProgress ?? 0)}`).join(', '),
      })
    : t('dashboards.kpiChartEmpty');

  const chart = (
    <ResponsiveContainer width="100%" height="100%" initialDimension={CHART_SIZE_BEFORE_LAYOUT}>
      <BarChart data={data} layout="vertical" margin={{ top: 24, right: 48, bottom: 8, left: 8 }} accessibilityLayer={false}>
        <CartesianGrid stroke="#d5dae1" strokeDasharray="3 3" horizontal={false} />
        <XAxis type="number" domain={[0, 100]} tickFormatter={(tick: number) => format.percent(tick / 100)} stroke="#4f5b6a" />
        <YAxis type="category" dataKey="name" width={120} stroke="#4f5b6a" />
        <ReferenceLine x={100} stroke="#1d6537" strokeWidth={2} label={{ value: t('kpis.target'), position: 'top', fill: '#1d6537' }} />
        <Bar
          dataKey="share"
          fill="#1f4e8c"
          isAnimationActive={false}
          label={{
            position: 'right',
            formatter: (value: unknown) => format.percent(Number(value) / 100),
            fill: '#1c2430',
          }}
        />
      </BarChart>
    </ResponsiveContainer>
  );

  const table = (
    <>
      <DataTable
        caption={caption}
        rows={cities}
        rowKey={(city) => city.id}
        columns={[
          { header: t('dashboards.city'), rowHeader: true, cell: (city) => city.name },
          {
            header: t('kpis.shareOfTarget'),
            cell: (city) => (city.kpiProgress === null ? t('kpis.noMeasurement') : <ProgressMeter share={city.kpiProgress} />),
          },
          { header: t('kpis.status.on_track'), className: 'numeric', cell: (city) => format.number(city.kpis.onTrack) },
          { header: t('kpis.status.at_risk'), className: 'numeric', cell: (city) => format.number(city.kpis.atRisk) },
          { header: t('kpis.status.off_track'), className: 'numeric', cell: (city) => format.number(city.kpis.offTrack) },
          { header: t('kpis.status.no_data'), className: 'numeric', cell: (city) => format.number(city.kpis.noData) },
        ]}
      />
      <TableExport
        filename={filename}
        subject={caption}
        columns={['city_id', 'city', 'share_of_target', 'kpis', 'on_track', 'at_risk', 'off_track', 'no_data']}
        rows={cities.map((city) => ({
          city_id: city.id,
          city: city.name,
          share_of_target: city.kpiProgress,
          kpis: city.kpis.total,
          on_track: city.kpis.onTrack,
          at_risk: city.kpis.atRisk,
          off_track: city.kpis.offTrack,
          no_data: city.kpis.noData,
        }))}
      />
    </>
  );

  return <ChartFigure caption={caption} summary={summary} chart={chart} table={table} />;
}
