// Downloads a meeting (a whole series) as an .ics file for any calendar app.
import { useTranslation } from 'react-i18next';
import { ProblemAlert } from '../../components/problem-alert';
import { useIcsDownload } from './api';

export function IcsButton({ meetingId }: { meetingId: string }) {
  const { t } = useTranslation();
  const download = useIcsDownload(meetingId);
  return (
    <span className="ics-button">
      <button type="button" className="button button--secondary" disabled={download.isPending} onClick={() => download.mutate()}>
        {t('meetings.ics.download')}
      </button>
      {download.isError && <ProblemAlert error={download.error} />}
    </span>
  );
}
