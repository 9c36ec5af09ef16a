// When a meeting happens, as its organiser and as the viewer read it: "Mon 14 Dec, 10:00 Mexico City · Tue 15 Dec,
// 01:00 your time (+1 day)". The viewer's own time comes first for the eye, the organiser's is the reference.
import { useTranslation } from 'react-i18next';
import { useFormatters } from '../../lib/formatters';
import { dayShift, zoneCity } from './zone-times';

interface MeetingTimeProps {
  startsAt: string;
  endsAt?: string;
  /** The organiser's IANA zone, in which the meeting was scheduled. */
  timeZone: string;
  /** Show the day too (a meeting page), or only the clock (an agenda list grouped by day). */
  withDate?: boolean;
  /** One line per zone, for the top of a meeting's page. */
  stacked?: boolean;
}

export function useMeetingClock() {
  const format = useFormatters();
  return (at: Date, timeZone: string, withDate: boolean) =>
    new Intl.DateTimeFormat(format.locale, {
      timeZone,
      ...(withDate ? { weekday: 'short', day: 'numeric', month: 'short' } : {}),
      hour: 'numeric',
      minute: '2-digit',
    }).format(at);
}

export function MeetingTime({ startsAt, endsAt, timeZone, withDate = true, stacked = false }: MeetingTimeProps) {
  const { t } = useTranslation();
  const format = useFormatters();
  const clock = useMeetingClock();
  const start = new Date(startsAt);
  const viewerZone = format.timeZone;
  const range = (zone: string, dated: boolean) => {
    const from = clock(start, zone, dated);
    if (!endsAt) return from;
    return t('meetings.time.range', { from, to: clock(new Date(endsAt), zone, false) });
  };
  const organiser = t('meetings.time.inZone', { time: range(timeZone, withDate), zone: zoneCity(timeZone) });
  const className = stacked ? 'meeting-time meeting-time--stacked' : 'meeting-time';
  if (viewerZone === timeZone) {
    return (
      <span className={className}>
        <span className="meeting-time-viewer">{organiser}</span>
      </span>
    );
  }
  const shift = dayShift(start, timeZone, viewerZone);
  const shiftText =
    shift === 0
      ? ''
      : t(Math.abs(shift) === 1 ? 'meetings.time.dayShiftOne' : 'meetings.time.dayShiftMany', {
          shift: shift > 0 ? `+${shift}` : `${shift}`,
        });
  return (
    <span className={className}>
      <span className="meeting-time-organiser">{organiser}</span>
      <span className="meeting-time-separator"> · </span>
      <span className="meeting-time-viewer">
        {t('meetings.time.yourTime', { time: range(viewerZone, withDate) })}
        {shiftText && <> {shiftText}</>}
      </span>
    </span>
  );
}
