// The room's title, its time in the viewer's zone (with the organiser's beside it) and whether it is a lobby, live
// or over — said in words, with a symbol, never by colour alone.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { MeetingPhase } from '@minga/contracts';
import { ConfirmInPlace } from '../../components/confirm-in-place';
import './meeting-room.css';

const PHASE_SYMBOLS: Record<MeetingPhase, string> = { lobby: '…', live: '●', ended: '■' };

interface RoomTimes {
  startsAt: string;
  endsAt: string;
  /** The organiser's IANA zone. */
  timeZone: string;
}

function formatRange(locale: string, timeZone: string, startsAt: string, endsAt: string): string {
  const format = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short', timeZone });
  return format.formatRange(new Date(startsAt), new Date(endsAt));
}

export function RoomStatus({ phase }: { phase: MeetingPhase }) {
  const { t } = useTranslation();
  return (
    <span className={`room-phase room-phase--${phase}`} data-testid="room-phase">
      <span aria-hidden="true">{PHASE_SYMBOLS[phase]}</span>
      {t(`meetingRoom.phase.${phase}`)}
    </span>
  );
}

export function RoomTimesLine({ times, locale, viewerZone }: { times: RoomTimes; locale: string; viewerZone: string }) {
  const { t } = useTranslation();
  const mine = formatRange(locale, viewerZone, times.startsAt, times.endsAt);
  return (
    <p className="room-times">
      <span>{t('meetingRoom.header.yourTime', { time: mine, zone: viewerZone })}</span>
      {times.timeZone !== viewerZone && (
        <span className="muted">
          {t('meetingRoom.header.organiserTime', {
            time: formatRange(locale, times.timeZone, times.startsAt, times.endsAt),
            zone: times.timeZone,
          })}
        </span>
      )}
    </p>
  );
}

export function LobbyNotice({ phase }: { phase: MeetingPhase }) {
  const { t } = useTranslation();
  if (phase === 'live') return null;
  return <p className="notice">{t(`meetingRoom.phaseNotice.${phase}`)}</p>;
}

/** The host ends a meeting under way for everyone, after confirming in place. */
export function EndMeetingControl({ onEnd }: { onEnd: () => Promise<boolean> }) {
  const { t } = useTranslation();
  const [pending, setPending] = useState(false);
  const [failed, setFailed] = useState(false);
  return (
    <ConfirmInPlace
      label={t('meetingRoom.end.label')}
      action={t('meetingRoom.end.action')}
      question={t('meetingRoom.end.question')}
      confirm={t('meetingRoom.end.confirm')}
      keep={t('meetingRoom.end.keep')}
      failedMessage={t('meetingRoom.end.failed')}
      pending={pending}
      failed={failed}
      onConfirm={() => {
        setPending(true);
        void onEnd().then((ended) => {
          setPending(false);
          setFailed(!ended);
        });
      }}
    />
  );
}
