// After the meeting: each poll's final result, in the same words and bars as in the room.
import { useTranslation } from 'react-i18next';
import { EmptyState, ErrorState, LoadingState } from '../../components/status-messages';
import { useFormatters } from '../../lib/formatters';
import { usePolls } from './api';
import { PollResults } from './polls-panel';

export function PollResultsSection({ occurrenceId }: { occurrenceId: string }) {
  const { t } = useTranslation();
  const formatters = useFormatters();
  const polls = usePolls(occurrenceId);
  return (
    <section className="section" aria-labelledby="poll-results-heading">
      <h2 id="poll-results-heading">{t('meetingRoom.polls.heading')}</h2>
      {polls.isPending && <LoadingState />}
      {polls.isError && <ErrorState error={polls.error} onRetry={() => void polls.refetch()} />}
      {polls.data &&
        (polls.data.length === 0 ? (
          <EmptyState>{t('meetingRoom.polls.empty')}</EmptyState>
        ) : (
          polls.data.map((poll) => (
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
        ))}
    </section>
  );
}
