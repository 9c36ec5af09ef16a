// The meeting's shared notes, `meeting-notes:<occurrenceId>` on /collab, in the same live editor as a draft, so notes
// behave exactly like one: never blank while loading, "All changes saved" only once the server stored them.
import { useTranslation } from 'react-i18next';
import { LiveEditor } from '../../components/live-editor';
import { LoadingState } from '../../components/status-messages';
import './meeting-room.css';

export function MeetingNotesEditor({ docName, mayEdit }: { docName: string; mayEdit: boolean }) {
  const { t } = useTranslation();
  return (
    <LiveEditor
      docName={docName}
      label={t('meetingRoom.notes.label')}
      documentClassName="room-notes-document"
      frameClassName="room-notes-frame"
      expectedAccess={mayEdit ? 'edit' : 'view'}
      errorMessages="meetingRoom.notes.errors"
      opening={<LoadingState />}
      renderNotice={({ access }) => access !== 'edit' && <p className="notice">{t('meetingRoom.notes.viewOnly')}</p>}
      renderLoading={() => <LoadingState label={t('meetingRoom.notes.loading')} />}
      renderLayout={(editor) => <div className="room-notes">{editor}</div>}
    />
  );
}
