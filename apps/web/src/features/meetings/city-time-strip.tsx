// The local time of a meeting in each participating city (one stop per time zone, west to east), with a day or night
// cue written in words and drawn as a sun or moon, so it never rests on colour alone.
import { useTranslation } from 'react-i18next';
import { localTimesIn } from '@minga/scheduling';
import { useMeetingClock } from './meeting-time';
import { dayPeriod, type DayPeriod } from './zone-times';
import './meetings.css';

interface StripCity {
  id: string;
  name: string;
  timeZone: string;
}

interface CityTimeStripProps {
  startsAt: string;
  endsAt: string;
  /** The zone whose date a "+1 day" is counted from: the organiser's, as beside the meeting's time. */
  referenceZone: string;
  cities: StripCity[];
}

const PERIOD_SYMBOL: Record<DayPeriod, string> = { night: '☾', morning: '◐', day: '☀', evening: '◑' };

export function CityTimeStrip({ startsAt, endsAt, referenceZone, cities }: CityTimeStripProps) {
  const { t } = useTranslation();
  const clock = useMeetingClock();
  if (cities.length === 0) return null;
  const start = new Date(startsAt);
  const zones = localTimesIn(startsAt, endsAt, cities, referenceZone);
  return (
    <ul className="time-strip" aria-label={t('meetings.strip.label')}>
      {zones.map((zone) => {
        const period = dayPeriod(Number(zone.localStart.slice(11, 13)));
        return (
          <li key={zone.timeZone} className={`time-strip-city time-strip-city--${period}`}>
            <span className="time-strip-name">{zone.places.join(', ')}</span>
            <span className="time-strip-time">
              {clock(start, zone.timeZone, false)}
              {zone.dayShift !== 0 && (
                <span className="time-strip-shift">
                  {' '}
                  {t(Math.abs(zone.dayShift) === 1 ? 'meetings.time.dayShiftOne' : 'meetings.time.dayShiftMany', {
                    shift: zone.dayShift > 0 ? `+${zone.dayShift}` : `${zone.dayShift}`,
                  })}
                </span>
              )}
            </span>
            <span className="time-strip-period">
              <span aria-hidden="true" className="time-strip-symbol">
                {PERIOD_SYMBOL[period]}
              </span>{' '}
              {t(`meetings.strip.period.${period}`)}
            </span>
          </li>
        );
      })}
    </ul>
  );
}
