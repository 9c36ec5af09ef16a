// The draft's saved versions, newest first: each opens read-only, and says its kind, who saved it and when.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { DraftVersion } from '@minga/contracts';
import { LoadMoreButton } from '../../components/load-more-button';
import { QueryState } from '../../components/query-state';
import { useFormatters } from '../../lib/formatters';
import { versionName } from './version-name';
import { useVersions } from './api';
import './draft-versions.css';

/** The API keeps up to 200 versions; most people look at the latest few, so the rest wait behind "Show more". */
const PAGE_SIZE = 10;

interface VersionListProps {
  draftId: string;
  openVersionId: string | null;
  onOpen: (version: DraftVersion, trigger: HTMLButtonElement) => void;
}

export function VersionList({ draftId, openVersionId, onOpen }: VersionListProps) {
  const { t } = useTranslation();
  const format = useFormatters();
  const versions = useVersions(draftId);
  const [shown, setShown] = useState(PAGE_SIZE);

  return (
    <QueryState query={versions} emptyText={t('drafts.versions.empty')}>
      {(list) => (
        <>
          <ol className="version-list">
            {list.slice(0, shown).map((version) => (
              <li key={version.id} className="version-item">
                <button
                  type="button"
                  className="version-open"
                  aria-current={version.id === openVersionId ? 'true' : undefined}
                  onClick={(event) => onOpen(version, event.currentTarget)}
                >
                  {versionName(version, format)}
                </button>
                <p className="version-meta">
                  <span className={`version-kind version-kind--${version.kind}`}>{t(`drafts.versions.kind.${version.kind}`)}</span>
                  {version.createdBy && <span>{version.createdBy.name}</span>}
                  {/* An unnamed version is already called by its date. */}
                  {version.label !== null && <time dateTime={version.createdAt}>{format.dateTime(version.createdAt)}</time>}
                </p>
              </li>
            ))}
          </ol>
          {list.length > shown && <LoadMoreButton onClick={() => setShown(shown + PAGE_SIZE)} loading={false} />}
        </>
      )}
    </QueryState>
  );
}
