// Live polls: the host asks (one answer or several), participants vote, and everyone sees the results as they come,
// in words (votes and share) with a bar beside them.
import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { MAX_POLL_OPTION_LABEL, MAX_POLL_OPTIONS, MAX_POLL_QUESTION, type Poll, type PollKind } from '@minga/contracts';
import { tallyRows, type TallyRow } from './room-model';
import './meeting-room.css';

export interface NewPoll {
  question: string;
  kind: PollKind;
  options: string[];
}

interface PollsPanelProps {
  polls: readonly Poll[];
  isHost: boolean;
  onCreate(poll: NewPoll): Promise<void> | void;
  onVote(pollId: string, optionIds: string[]): void;
  onClose(pollId: string): void;
}

export function PollsPanel({ polls, isHost, onCreate, onVote, onClose }: PollsPanelProps) {
  const { t } = useTranslation();
  const [creating, setCreating] = useState(false);
  return (
    <section className="room-panel" aria-labelledby="room-polls">
      <h2 id="room-polls" className="room-panel-heading">
        {t('meetingRoom.polls.heading')}
      </h2>
      {isHost &&
        (creating ? (
          <NewPollForm
            onCancel={() => setCreating(false)}
            onSubmit={async (poll) => {
              await onCreate(poll);
              setCreating(false);
            }}
          />
        ) : (
          <button type="button" className="button button--secondary" onClick={() => setCreating(true)}>
            {t('meetingRoom.polls.new')}
          </button>
        ))}
      {polls.length === 0 ? (
        <p className="muted">{t('meetingRoom.polls.empty')}</p>
      ) : (
        polls.map((poll) => <PollCard key={poll.id} poll={poll} isHost={isHost} onVote={onVote} onClose={onClose} />)
      )}
    </section>
  );
}

function PollCard({ poll, isHost, onVote, onClose }: { poll: Poll; isHost: boolean } & Pick<PollsPanelProps, 'onVote' | 'onClose'>) {
  const { t } = useTranslation();
  const headingId = useId();
  const voted = (poll.myOptionIds ?? []).length > 0;
  const [changing, setChanging] = useState(false);
  const voting = poll.status === 'open' && (!voted || changing);
  return (
    <article className="room-poll" aria-labelledby={headingId} data-testid="room-poll">
      <h3 id={headingId} className="room-poll-question">
        {poll.question}
      </h3>
      <p className="room-poll-meta">
        <span className={`room-poll-status room-poll-status--${poll.status}`}>{t(`meetingRoom.polls.status.${poll.status}`)}</span>
        {' · '}
        {t(`meetingRoom.polls.kind.${poll.kind}`)}
        {' · '}
        {t('meetingRoom.polls.voters', { count: poll.voterCount })}
      </p>
      {voting ? (
        <VoteForm
          poll={poll}
          onVote={(choice) => {
            onVote(poll.id, choice);
            setChanging(false);
          }}
        />
      ) : (
        <>
          <PollResults poll={poll} />
          {poll.status === 'open' && voted && (
            <button type="button" className="button button--secondary button--small" onClick={() => setChanging(true)}>
              {t('meetingRoom.polls.changeVote')}
            </button>
          )}
        </>
      )}
      {isHost && poll.status === 'open' && (
        <button type="button" className="button button--danger button--small" onClick={() => onClose(poll.id)}>
          {t('meetingRoom.polls.close')}
        </button>
      )}
    </article>
  );
}

function VoteForm({ poll, onVote }: { poll: Poll; onVote(choice: string[]): void }) {
  const { t } = useTranslation();
  const [choice, setChoice] = useState<string[]>(poll.myOptionIds ?? []);
  const [error, setError] = useState(false);
  const name = useId();
  function submit(event: FormEvent) {
    event.preventDefault();
    if (choice.length === 0) {
      setError(true);
      return;
    }
    onVote(choice);
  }
  const errorId = `${name}-error`;
  return (
    <form className="room-vote" onSubmit={submit} noValidate>
      <fieldset aria-describedby={error ? errorId : undefined}>
        <legend className="visually-hidden">{poll.question}</legend>
        {tallyRows(poll.options, poll.voterCount).map((row) => (
          <div key={row.id} className="room-result" data-testid="room-result">
            <span className="room-result-text">
              <label className="room-choice">
                <input
                  type={poll.kind === 'single' ? 'radio' : 'checkbox'}
                  name={name}
                  value={row.id}
                  checked={choice.includes(row.id)}
                  onChange={(event) => {
                    setError(false);
                    setChoice((previous) =>
                      poll.kind === 'single'
                        ? [row.id]
                        : event.target.checked
                          ? [...previous, row.id]
                          : previous.filter((id) => id !== row.id),
                    );
                  }}
                />
                {row.label}
              </label>
              <TallyText row={row} />
            </span>
            <TallyBar share={row.share} />
          </div>
        ))}
      </fieldset>
      {error && (
        <p className="field-error" id={errorId}>
          {t('meetingRoom.polls.chooseFirst')}
        </p>
      )}
      <button type="submit" className="button button--small">
        {t('meetingRoom.polls.vote')}
      </button>
    </form>
  );
}

export function PollResults({ poll }: { poll: Pick<Poll, 'options' | 'voterCount' | 'myOptionIds'> }) {
  const { t } = useTranslation();
  return (
    <ul className="room-results">
      {tallyRows(poll.options, poll.voterCount).map((row) => (
        <li key={row.id} className="room-result" data-testid="room-result">
          <span className="room-result-text">
            <span className="room-result-label">
              {row.label}
              {(poll.myOptionIds ?? []).includes(row.id) && <span className="room-result-flag">{t('meetingRoom.polls.yourChoice')}</span>}
            </span>
            <TallyText row={row} />
          </span>
          <TallyBar share={row.share} />
        </li>
      ))}
    </ul>
  );
}

/** Results as they come, in words: the votes and their share, with the leading option named. */
function TallyText({ row }: { row: TallyRow }) {
  const { t, i18n } = useTranslation();
  const percent = new Intl.NumberFormat(i18n.language, { style: 'percent', maximumFractionDigits: 0 });
  return (
    <span className="room-result-tally">
      {row.leading && <span className="room-result-flag">{t('meetingRoom.polls.leading')}</span>}
      {t('meetingRoom.polls.tally', { count: row.votes, share: percent.format(row.share) })}
    </span>
  );
}

/** The same share as a bar, for a glance; the words beside it say it to everyone. */
function TallyBar({ share }: { share: number }) {
  return (
    <span className="room-result-bar" aria-hidden="true">
      <span className="room-result-fill" style={{ width: `${Math.round(share * 100)}%` }} />
    </span>
  );
}

function NewPollForm({ onSubmit, onCancel }: { onSubmit(poll: NewPoll): Promise<void>; onCancel(): void }) {
  const { t } = useTranslation();
  const id = useId();
  const [question, setQuestion] = useState('');
  const [kind, setKind] = useState<PollKind>('single');
  const [options, setOptions] = useState(['', '']);
  const [errors, setErrors] = useState<{ question?: string; options?: string }>({});
  const [sending, setSending] = useState(false);

  async function submit(event: FormEvent) {
    event.preventDefault();
    const filled = options.map((option) => option.trim()).filter(Boolean);
    const found = {
      question: question.trim() ? undefined : t('meetingRoom.polls.questionRequired'),
      options: filled.length >= 2 ? undefined : t('meetingRoom.polls.optionsRequired'),
    };
    setErrors(found);
    if (found.question || found.options) return;
    setSending(true);
    try {
      await onSubmit({ question: question.trim(), kind, options: filled });
    } finally {
      setSending(false);
    }
  }

  return (
    <form className="room-new-poll" onSubmit={(event) => void submit(event)} noValidate aria-labelledby={`${id}-title`}>
      <h3 id={`${id}-title`} className="room-poll-question">
        {t('meetingRoom.polls.new')}
      </h3>
      <div className={errors.question ? 'field field--invalid' : 'field'}>
        <label className="field-label" htmlFor={`${id}-question`}>
          {t('meetingRoom.polls.question')}
        </label>
        <input
          id={`${id}-question`}
          className="input"
          value={question}
          maxLength={MAX_POLL_QUESTION}
          onChange={(event) => setQuestion(event.target.value)}
          aria-invalid={errors.question ? true : undefined}
          aria-describedby={errors.question ? `${id}-question-error` : undefined}
        />
        {errors.question && (
          <p className="field-error" id={`${id}-question-error`}>
            {errors.question}
          </p>
        )}
      </div>
      <fieldset className="room-kind">
        <legend className="field-label">{t('meetingRoom.polls.kindLabel')}</legend>
        {(['single', 'multiple'] as const).map((value) => (
          <label key={value} className="room-choice">
            <input type="radio" name={`${id}-kind`} value={value} checked={kind === value} onChange={() => setKind(value)} />
            {t(`meetingRoom.polls.kind.${value}`)}
          </label>
        ))}
      </fieldset>
      <fieldset className="room-options" aria-describedby={errors.options ? `${id}-options-error` : undefined}>
        <legend className="field-label">{t('meetingRoom.polls.options')}</legend>
        {options.map((option, index) => (
          <div key={index} className="field">
            <label className="field-label" htmlFor={`${id}-option-${index}`}>
              {t('meetingRoom.polls.optionLabel', { number: index + 1 })}
            </label>
            <input
              id={`${id}-option-${index}`}
              className="input"
              value={option}
              maxLength={MAX_POLL_OPTION_LABEL}
              onChange={(event) => setOptions((previous) => previous.map((value, i) => (i === index ? event.target.value : value)))}
            />
          </div>
        ))}
        {errors.options && (
          <p className="field-error" id={`${id}-options-error`}>
            {errors.options}
          </p>
        )}
        {options.length < MAX_POLL_OPTIONS && (
          <button
            type="button"
            className="button button--secondary button--small"
            onClick={() => setOptions((previous) => [...previous, ''])}
          >
            {t('meetingRoom.polls.addOption')}
          </button>
        )}
      </fieldset>
      <div className="form-actions">
        <button type="submit" className="button" disabled={sending}>
          {t('meetingRoom.polls.start')}
        </button>
        <button type="button" className="button button--secondary" onClick={onCancel}>
          {t('common.cancel')}
        </button>
      </div>
    </form>
  );
}
