// The minutes of an occurrence: the host drafts them from the shared notes, edits them, approves them and publishes
// them to the participants, who then read them here. Each step is said in words, with who and when.
import { useEffect, useId, useLayoutEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { EditorContent, useEditor } from '@tiptap/react';
import type { Minutes, UpdateMinutes } from '@minga/contracts';
import { editorExtensions } from '@minga/editor';
import { ApiError } from '../../lib/api-client';
import { useFormatters } from '../../lib/formatters';
import { QueryState } from '../../components/query-state';
import { ErrorState } from '../../components/status-messages';
import { ProblemAlert } from '../../components/problem-alert';
import { useMinutes, useMinutesStep, useUpdateMinutes } from './api';
import './meeting-room.css';

/** `exist`: the occurrence's `minutes` stage is known to this person (see OccurrenceDetail). */
export function MinutesPanel({ occurrenceId, isHost, exist }: { occurrenceId: string; isHost: boolean; exist: boolean }) {
  const { t } = useTranslation();
  const minutes = useMinutes(occurrenceId, exist);
  const step = useMinutesStep(occurrenceId);
  const missing =
    (!exist && !minutes.data) || (minutes.error instanceof ApiError && (minutes.error.status === 404 || minutes.error.status === 403));
  const none = isHost ? (
    <div className="stack">
      <p>{t('meetingRoom.minutes.noneYetHost')}</p>
      <button type="button" className="button" disabled={step.isPending} onClick={() => step.mutate('draft')}>
        {t('meetingRoom.minutes.draftFromNotes')}
      </button>
    </div>
  ) : (
    <p className="status status--empty">{t('meetingRoom.minutes.notPublished')}</p>
  );
  return (
    <section className="section" aria-labelledby="minutes-heading">
      <h2 id="minutes-heading">{t('meetingRoom.minutes.heading')}</h2>
      {step.isError && <ProblemAlert error={step.error} />}
      {missing ? (
        none
      ) : (
        <QueryState query={minutes} renderError={(error) => <ErrorState error={error} onRetry={() => void minutes.refetch()} />}>
          {(data) => <MinutesView minutes={data} isHost={isHost} busy={step.isPending} onStep={(next) => step.mutate(next)} />}
        </QueryState>
      )}
    </section>
  );
}

function MinutesView({
  minutes,
  isHost,
  busy,
  onStep,
}: {
  minutes: Minutes;
  isHost: boolean;
  busy: boolean;
  onStep(step: 'approve' | 'publish'): void;
}) {
  const { t } = useTranslation();
  const formatters = useFormatters();
  const [editing, setEditing] = useState(false);
  return (
    <div className="stack minutes">
      <p className="minutes-status">
        <span className={`minutes-tag minutes-tag--${minutes.status}`} data-testid="minutes-status">
          {t(`meetingRoom.minutes.status.${minutes.status}`)}
        </span>{' '}
        {minutes.publishedAt
          ? t('meetingRoom.minutes.publishedAt', { time: formatters.dateTime(minutes.publishedAt) })
          : minutes.approvedAt && minutes.approvedBy
            ? t('meetingRoom.minutes.approvedBy', { name: minutes.approvedBy.name, time: formatters.dateTime(minutes.approvedAt) })
            : t('meetingRoom.minutes.draftedBy', { name: minutes.createdBy.name, time: formatters.dateTime(minutes.updatedAt) })}
      </p>
      {editing ? (
        <MinutesEditor minutes={minutes} onDone={() => setEditing(false)} />
      ) : (
        // The server renders this HTML from the document with libs/editor (no raw HTML passes through).
        <div className="minutes-text draft-document" dangerouslySetInnerHTML={{ __html: minutes.html }} />
      )}
      {isHost && !editing && (
        <div className="form-actions">
          {minutes.status === 'draft' && (
            <>
              <button type="button" className="button button--secondary" onClick={() => setEditing(true)}>
                {t('meetingRoom.minutes.edit')}
              </button>
              <button type="button" className="button" disabled={busy} onClick={() => onStep('approve')}>
                {t('meetingRoom.minutes.approve')}
              </button>
            </>
          )}
          {minutes.status === 'approved' && (
            <button type="button" className="button" disabled={busy} onClick={() => onStep('publish')}>
              {t('meetingRoom.minutes.publish')}
            </button>
          )}
        </div>
      )}
      {isHost && minutes.status !== 'published' && <p className="room-hint">{t(`meetingRoom.minutes.next.${minutes.status}`)}</p>}
    </div>
  );
}

function MinutesEditor({ minutes, onDone }: { minutes: Minutes; onDone(): void }) {
  const { t } = useTranslation();
  const id = useId();
  const update = useUpdateMinutes(minutes.occurrenceId);
  const [extensions] = useState(() => editorExtensions({ collaboration: false }));
  const editor = useEditor({
    extensions,
    content: minutes.content,
    immediatelyRender: true,
    editorProps: {
      attributes: {
        id,
        class: 'draft-document',
        role: 'textbox',
        'aria-multiline': 'true',
        'aria-label': t('meetingRoom.minutes.editorLabel'),
      },
    },
  });
  useLayoutEffect(() => () => editor.destroy(), [editor]);
  useEffect(() => {
    editor.commands.focus('start');
  }, [editor]);
  return (
    <div className="stack">
      {update.isError && <ProblemAlert error={update.error} />}
      <EditorContent editor={editor} className="draft-document-frame minutes-frame" />
      <div className="form-actions">
        <button
          type="button"
          className="button"
          disabled={update.isPending}
          onClick={() => update.mutate({ content: editor.getJSON() as UpdateMinutes['content'] }, { onSuccess: onDone })}
        >
          {update.isPending ? t('common.saving') : t('meetingRoom.minutes.save')}
        </button>
        <button type="button" className="button button--secondary" onClick={onDone}>
          {t('common.cancel')}
        </button>
      </div>
    </div>
  );
}
