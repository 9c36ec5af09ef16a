import { useTranslation } from 'react-i18next';

/** Fetches the next page of a cursor-paginated list. */
export function LoadMoreButton({ onClick, loading }: { onClick: () => void; loading: boolean }) {
  const { t } = useTranslation();
  return (
    <button type="button" className="button button--secondary load-more" onClick={onClick} disabled={loading}>
      {loading ? t('common.loadingMore') : t('common.loadMore')}
    </button>
  );
}
