// After the meeting: each poll's final result, in the same words and bars as in the room.
import { useTranslation } from 'react-i18next';
import { QueryState } from '../../components/query-state';
import { useFormatters } from '../../lib/formatters';
import { usePolls } from './api';
import { PollResults } from './polls-panel';
import './meeting-room.css';

export function PollResultsSection({ occurrenceId }: { occurrenceId: string }) {
  const { t } = useTranslation();
  const formatters = useFormatters();
  const polls = usePolls(occurrenceId);
  return (
    <section className="section" aria-labelledby="poll-results-heading">
      <h2 id="poll-results-heading">{t('meetingRoom.polls.heading')}</h2>
      <QueryState query={polls} emptyText={t('meetingRoom.polls.empty')}>
        {(list) =>
          list.map((poll) => (
            <article key={poll.id} className="room-poll" aria-labelledby={`poll-${poll.id}`}>
              <h3 id={`poll-${poll.id}`} className="room-poll-question">
                {poll.question}
              </h3>
              <p className="room-poll-meta">
                {t(`meetingRoom.polls.status.${poll.status}`)} · {t(`meetingRoom.polls.kind.${poll.kind}`)} ·{' '}
                {t('meetingRoom.polls.voters', { count: poll.voterCount })}
                {' · '}
                {t('meetingRoom.polls.openedBy', { name: poll.openedBy.name, time: formatters.dateTime(poll.openedAt) })}
              </p>
              <PollResults poll={poll} />
            </article>
          ))
        }
      </QueryState>
    </section>
  );
}
