// A KPI's measurements over time as a line, the straight path from baseline to target dashed, and the target marked;
// beside it, one press away, the same measurements as a table that can be downloaded.
import { useTranslation } from 'react-i18next';
import { CartesianGrid, Line, LineChart, ReferenceLine, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { Kpi, Measurement } from '@minga/contracts';
import { useFormatters } from '../lib/formatters';
import { CHART_SIZE_BEFORE_LAYOUT, ChartFigure } from './chart-figure';
import { TableExport } from './table-export';

type ChartKpi = Pick<Kpi, 'name' | 'unit' | 'baselineValue' | 'baselineDate' | 'targetValue' | 'targetDate'>;
type ChartMeasurement = Pick<Measurement, 'date' | 'value' | 'source' | 'note'>;

const dayNumber = (isoDate: string) => Date.parse(`${isoDate}T00:00:00Z`);

interface KpiChartProps {
  kpi: ChartKpi;
  measurements: ChartMeasurement[];
  /** File name of the table's downloads, without extension. */
  filename: string;
}

export function KpiChart({ kpi, measurements, filename }: KpiChartProps) {
  const { t } = useTranslation();
  const format = useFormatters();
  const points = [...measurements].sort((a, b) => a.date.localeCompare(b.date));
  const latest = points.at(-1);
  const value = (amount: number) => t('kpis.valueWithUnit', { value: format.number(amount), unit: kpi.unit });
  const summary = latest
    ? t('kpis.chartSummary', {
        name: kpi.name,
        latest: value(latest.value),
        date: format.day(latest.date),
        target: value(kpi.targetValue),
        targetDate: format.day(kpi.targetDate),
      })
    : t('kpis.chartSummaryEmpty', {
        name: kpi.name,
        target: value(kpi.targetValue),
        targetDate: format.day(kpi.targetDate),
      });

  const measured = points.map((point) => ({
    x: dayNumber(point.date),
    measured: point.value,
  }));
  const path = [
    { x: dayNumber(kpi.baselineDate), path: kpi.baselineValue },
    { x: dayNumber(kpi.targetDate), path: kpi.targetValue },
  ];
  const dayLabel = (x: number) => format.day(new Date(x).toISOString().slice(0, 10));

  const chart = (
    <ResponsiveContainer width="100%" height="100%" initialDimension={CHART_SIZE_BEFORE_LAYOUT}>
      <LineChart margin={{ top: 24, right: 32, bottom: 8, left: 8 }} accessibilityLayer={false}>
        <CartesianGrid stroke="#d5dae1" strokeDasharray="3 3" />
        <XAxis dataKey="x" type="number" scale="time" domain={['dataMin', 'dataMax']} tickFormatter={dayLabel} stroke="#4f5b6a" />
        <YAxis tickFormatter={(tick: number) => format.number(tick)} stroke="#4f5b6a" width={72} />
        <Tooltip labelFormatter={(label) => dayLabel(Number(label))} formatter={(amount) => value(Number(amount))} />
        <ReferenceLine
          y={kpi.targetValue}
          stroke="#1d6537"
          strokeWidth={2}
          label={{
            value: t('kpis.targetLabel', { value: value(kpi.targetValue) }),
            position: 'insideTopRight',
            fill: '#1d6537',
          }}
        />
        <Line
          data={path}
          dataKey="path"
          name={t('kpis.expectedPath')}
          stroke="#4f5b6a"
          strokeDasharray="6 4"
          dot={false}
          isAnimationActive={false}
        />
        <Line data={measured} dataKey="measured" name={t('kpis.measured')} stroke="#1f4e8c" strokeWidth={3} isAnimationActive={false} />
      </LineChart>
    </ResponsiveContainer>
  );

  const table = (
    <>
      <div className="table-wrap">
        <table className="table">
          <caption>{t('kpis.measurementsCaption', { name: kpi.name })}</caption>
          <thead>
            <tr>
              <th scope="col">{t('kpis.date')}</th>
              <th scope="col" className="numeric">
                {t('kpis.valueIn', { unit: kpi.unit })}
              </th>
              <th scope="col">{t('kpis.source')}</th>
              <th scope="col">{t('kpis.note')}</th>
            </tr>
          </thead>
          <tbody>
            <tr>
              <th scope="row">{t('kpis.baselineOn', { date: format.day(kpi.baselineDate) })}</th>
              <td className="numeric">{format.number(kpi.baselineValue)}</td>
              <td colSpan={2}>{t('kpis.baseline')}</td>
            </tr>
            {points.map((point) => (
              <tr key={point.date + point.value}>
                <th scope="row">
                  <time dateTime={point.date}>{format.day(point.date)}</time>
                </th>
                <td className="numeric">{format.number(point.value)}</td>
                <td>{point.source ?? ''}</td>
                <td>{point.note ?? ''}</td>
              </tr>
            ))}
            <tr>
              <th scope="row">{t('kpis.targetOn', { date: format.day(kpi.targetDate) })}</th>
              <td className="numeric">{format.number(kpi.targetValue)}</td>
              <td colSpan={2}>{t('kpis.target')}</td>
            </tr>
          </tbody>
        </table>
      </div>
      <TableExport
        filename={filename}
        subject={t('kpis.measurementsCaption', { name: kpi.name })}
        columns={['date', 'value', 'source', 'note']}
        rows={points.map((point) => ({
          date: point.date,
          value: point.value,
          source: point.source,
          note: point.note,
        }))}
      />
    </>
  );

  return <ChartFigure caption={t('kpis.chartCaption', { name: kpi.name, unit: kpi.unit })} summary={summary} chart={chart} table={table} />;
}
