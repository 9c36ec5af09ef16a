// A share of the way done as a number (read out) and a bar (decoration), e.g. a plan's progress or a KPI's share of target.
import { useFormatters } from '../lib/formatters';
import './progress-meter.css';

/** @param share 0 to 1; drawn clamped, written as it is (a KPI past its target reads 120 %). */
export function ProgressMeter({ share }: { share: number }) {
  const format = useFormatters();
  const drawn = Math.min(Math.max(share, 0), 1);
  return (
    <span className="progress">
      <span className="progress-bar" aria-hidden="true">
        <span className="progress-bar-fill" style={{ width: `${drawn * 100}%` }} />
      </span>
      <span className="progress-value">{format.percent(share)}</span>
    </span>
  );
}
