// A chart with its text alternative: the same data as a table, one press away, announced by the figure's caption.
import { useId, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import './chart-figure.css';

type View = 'chart' | 'table';

interface ChartFigureProps {
  caption: string;
  /** One sentence a screen reader reads for the picture, e.g. the latest value against the target. */
  summary: string;
  /** The chart: presentational, its meaning carried by `summary` and the table. */
  chart: ReactNode;
  /** The same data as a `<table>` (with its export buttons). */
  table: ReactNode;
  initialView?: View;
}

export function ChartFigure({ caption, summary, chart, table, initialView = 'chart' }: ChartFigureProps) {
  const { t } = useTranslation();
  const captionId = useId();
  const [view, setView] = useState<View>(initialView);
  return (
    <figure className="chart-figure" aria-labelledby={captionId}>
      <div className="chart-figure-head">
        <figcaption id={captionId} className="chart-figure-caption">
          {caption}
        </figcaption>
        <div role="group" aria-label={t('charts.viewAs', { caption })} className="segmented">
          {(['chart', 'table'] as const).map((option) => (
            <button key={option} type="button" className="segmented-option" aria-pressed={view === option} onClick={() => setView(option)}>
              {t(`charts.${option}`)}
            </button>
          ))}
        </div>
      </div>
      {view === 'chart' ? (
        <div className="chart-area" role="img" aria-label={summary}>
          {chart}
        </div>
      ) : (
        table
      )}
    </figure>
  );
}

/** What a chart draws before its container is measured (and in tests, where nothing has a size). */
export const CHART_SIZE_BEFORE_LAYOUT = { width: 640, height: 256 };
