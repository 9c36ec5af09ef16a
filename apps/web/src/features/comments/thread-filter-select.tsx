// Which threads the panel lists: all of them, or open, resolved, started by me or mentioning me.
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { FilterSelect } from '../../components/filter-select';
import { THREAD_FILTERS, type ThreadFilter } from './thread-filters';

export function ThreadFilterSelect({ filter, onChange }: { filter: ThreadFilter; onChange: (filter: ThreadFilter) => void }) {
  const { t } = useTranslation();
  const filterId = useId();
  return (
    <div className="comments-filter" id={filterId}>
      <FilterSelect<Exclude<ThreadFilter, 'all'>>
        label={t('comments.filter.label')}
        allLabel={t('comments.filter.all')}
        options={THREAD_FILTERS.map((value) => ({ value, label: t(`comments.filter.${value}`) }))}
        value={filter === 'all' ? undefined : filter}
        onChange={(value) => onChange(value ?? 'all')}
      />
    </div>
  );
}
