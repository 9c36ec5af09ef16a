import { useTranslation } from 'react-i18next';
import type { DraftStatus } from '@minga/contracts';

/** A draft's status in words; the tint only repeats what the words say. */
export function DraftStatusTag({ status }: { status: DraftStatus }) {
  const { t } = useTranslation();
  return <span className={`status-tag status-tag--${status}`}>{t(`drafts.status.${status}`)}</span>;
}
