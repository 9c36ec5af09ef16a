// The live room of one meeting occurrence: who is here by city and role, the agenda the host moves through, raised
// hands, live polls, the shared notes, and the draft the current item links with its live comments. Composes the
// meeting-room feature with the drafts and comments features, which never import each other.
import { useMemo, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import type { Draft, RoomState } from '@minga/contracts';
import { PageHeading } from '../components/page-heading';
import { QueryState } from '../components/query-state';
import { LoadingState } from '../components/status-messages';
import { CommentsPanel } from '../features/comments/comments-panel';
import { liveSourceOf } from '../features/comments/live-source';
import { SectionCommentCount } from '../features/comments/section-comment-count';
import { SelectionActions } from '../features/comments/selection-actions';
import { useDraftComments } from '../features/comments/use-draft-comments';
import { useDraft } from '../features/drafts/api';
import { DraftEditor, type DraftEditorAddons } from '../features/drafts/draft-editor';
import { AgendaPanel } from '../features/meeting-room/agenda-panel';
import { HandsPanel } from '../features/meeting-room/hands-panel';
import { PollsPanel } from '../features/meeting-room/polls-panel';
import { PresencePanel } from '../features/meeting-room/presence-panel';
import { RoomAnnouncer } from '../features/meeting-room/room-announcer';
import { RoomConnectionNote } from '../features/meeting-room/room-connection';
import { RoomErrorAlert } from '../features/meeting-room/room-error';
import { EndMeetingControl, LobbyNotice, RoomStatus, RoomTimesLine } from '../features/meeting-room/room-header';
import { roomPhaseAt } from '../features/meeting-room/room-model';
import { DraftSectionFocus } from '../features/meeting-room/draft-section-focus';
import { useHandShortcut } from '../features/meeting-room/use-hand-shortcut';
import { useMeetingRoom, type MeetingRoom } from '../features/meeting-room/use-meeting-room';
import { MeetingNotesEditor } from '../features/meeting-room/meeting-notes-editor';
import { useFormatters } from '../lib/formatters';
import { useSession } from '../lib/session';
import { useNow } from '../lib/use-now';
import '../features/meeting-room/meeting-room.css';

export default function MeetingRoomPage() {
  const { t } = useTranslation();
  const { occurrenceId = '' } = useParams();
  const { user } = useSession();
  const room = useMeetingRoom(occurrenceId, user?.id ?? null);
  const title = room.state?.meeting.title ?? t('meetingRoom.fallbackTitle');
  return (
    <div className="page room-page">
      <PageHeading>{title}</PageHeading>
      <RoomAnnouncer announcements={room.announcements} />
      {room.joinError ? (
        <>
          <RoomErrorAlert error={room.joinError} />
          <p>
            <Link to={`/occurrences/${occurrenceId}`}>{t('meetingRoom.header.detailsLink')}</Link>
          </p>
        </>
      ) : room.state ? (
        <Room room={room} state={room.state} occurrenceId={occurrenceId} />
      ) : room.connection === 'disconnected' ? (
        <RoomConnectionNote connection={room.connection} />
      ) : (
        <LoadingState label={t('meetingRoom.joining')} />
      )}
    </div>
  );
}

function Room({ room, state, occurrenceId }: { room: MeetingRoom; state: RoomState; occurrenceId: string }) {
  const { t } = useTranslation();
  const { user } = useSession();
  const formatters = useFormatters();
  const now = useNow(15_000);
  const selfId = user?.id ?? null;
  const isHost = state.role === 'host';
  // The server's phase holds at join; the clock moves the lobby to live and live to ended without a new event. A
  // meeting the server says is over (at join, or ended by the host) stays over, whatever this device's clock says.
  const phase = state.phase === 'ended' ? 'ended' : roomPhaseAt(state.startsAt, state.endsAt, now);
  const current = state.agenda.find((item) => item.id === state.currentAgendaItem?.agendaItemId) ?? null;
  const linkedDraftId = current?.draftId ?? state.draftId;
  const handRaised = state.hands.some((hand) => hand.user.id === selfId);
  const { actions } = room;
  useHandShortcut(() => void (handRaised ? actions.lowerHand() : actions.raiseHand()));
  // Ending removes the control that had focus: focus goes on to what comes next, the page after the meeting.
  const afterLink = useRef<HTMLAnchorElement>(null);
  const endMeeting = async () => {
    const ended = await actions.endMeeting();
    if (ended) afterLink.current?.focus();
    return ended;
  };

  return (
    <>
      <div className="room-header">
        <RoomStatus phase={phase} />
        <RoomTimesLine
          times={{ startsAt: state.startsAt, endsAt: state.endsAt, timeZone: state.meeting.timeZone }}
          locale={formatters.locale}
          viewerZone={formatters.timeZone}
        />
        <span className="room-header-links">
          <Link to={`/occurrences/${occurrenceId}`}>{t('meetingRoom.header.detailsLink')}</Link>
          <Link ref={afterLink} to={`/occurrences/${occurrenceId}/minutes`}>
            {t('meetingRoom.header.afterLink')}
          </Link>
        </span>
        {isHost && phase === 'live' && <EndMeetingControl onEnd={endMeeting} />}
      </div>
      <RoomConnectionNote connection={room.connection} />
      <LobbyNotice phase={phase} />
      {room.actionError && <RoomErrorAlert error={room.actionError} onDismiss={room.clearActionError} />}
      <nav aria-label={t('meetingRoom.sectionsNav')} className="section-nav room-sections-nav">
        <ul>
          <li>
            <a href="#room-agenda">{t('meetingRoom.agenda.heading')}</a>
          </li>
          <li>
            <a href="#room-notes">{t('meetingRoom.notes.heading')}</a>
          </li>
          {linkedDraftId && (
            <li>
              <a href="#room-draft">{t('meetingRoom.draft.heading')}</a>
            </li>
          )}
          <li>
            <a href="#room-hands">{t('meetingRoom.hands.heading')}</a>
          </li>
          <li>
            <a href="#room-polls">{t('meetingRoom.polls.heading')}</a>
          </li>
        </ul>
      </nav>
      <div className="room-layout">
        <div className="room-main">
          {current && (
            <p className="room-current" data-testid="room-current">
              <span className="room-now-tag">{t('meetingRoom.agenda.now')}</span> {current.title}
            </p>
          )}
          <AgendaPanel
            items={state.agenda}
            currentItemId={current?.id ?? null}
            isHost={isHost}
            onMakeCurrent={(id) => void actions.setAgendaItem(id)}
          />
          <section className="room-panel" aria-labelledby="room-notes">
            <h2 id="room-notes" className="room-panel-heading">
              {t('meetingRoom.notes.heading')}
            </h2>
            <p className="room-hint">{t('meetingRoom.notes.hint')}</p>
            <MeetingNotesEditor docName={state.notesDocName} mayEdit />
          </section>
        </div>
        <div className="room-side">
          <PresencePanel people={state.present} selfId={selfId} />
          <HandsPanel
            hands={state.hands}
            selfId={selfId}
            isHost={isHost}
            onRaise={() => void actions.raiseHand()}
            onLower={(userId) => void actions.lowerHand(userId === selfId ? undefined : userId)}
            onCallNext={() => void actions.nextHand()}
          />
          <PollsPanel
            polls={state.polls}
            isHost={isHost}
            onCreate={async (poll) => {
              await actions.openPoll(poll);
            }}
            onVote={(pollId, optionIds) => void actions.vote(pollId, optionIds)}
            onClose={(pollId) => void actions.closePoll(pollId)}
          />
        </div>
      </div>
      {linkedDraftId && <LinkedDraft draftId={linkedDraftId} section={current?.draftId ? current.draftSection : null} />}
    </>
  );
}

function LinkedDraft({ draftId, section }: { draftId: string; section: string | null }) {
  const { t } = useTranslation();
  const draft = useDraft(draftId);
  return (
    <section className="section room-draft" aria-labelledby="room-draft">
      <h2 id="room-draft">
        {t('meetingRoom.draft.heading')}
        {draft.data && `: ${draft.data.title}`}
      </h2>
      <QueryState query={draft}>
        {(data) => (
          <>
            <p>
              <Link to={`/drafts/${data.id}`}>{t('meetingRoom.draft.openPage')}</Link>
            </p>
            <LinkedDraftEditor key={data.id} draft={data} section={section} />
          </>
        )}
      </QueryState>
    </section>
  );
}

/** The draft exactly as its own page composes it: live co-editing for its editors, comments and suggestions for experts. */
function LinkedDraftEditor({ draft, section }: { draft: Draft; section: string | null }) {
  const comments = useDraftComments(draft);
  const addons = useMemo<DraftEditorAddons>(
    () => ({
      extensions: comments.extensions,
      renderBar: ({ editor, access, shown }) => (
        <>
          {shown && <DraftSectionFocus editor={editor} section={section} />}
          {shown && <SelectionActions comments={comments} editor={editor} access={access} />}
        </>
      ),
      renderSide: ({ editor, access, provider, shown }) => (
        <CommentsPanel comments={comments} editor={editor} access={access} live={liveSourceOf(provider)} shown={shown} />
      ),
      renderSectionExtra: (entry, { ydoc }) => <SectionCommentCount draftId={draft.id} ydoc={ydoc} entry={entry} />,
    }),
    [comments, draft.id, section],
  );
  return <DraftEditor draft={draft} addons={addons} />;
}
