// One saved version, read-only: its text as the server rendered it, who saved it and when, and what can be done with it.
import { useEffect, useId, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import type { Draft, DraftVersion } from '@minga/contracts';
import { QueryState } from '../../components/query-state';
import { useFormatters } from '../../lib/formatters';
import { RestoreVersion } from './restore-version';
import { versionName } from './version-name';
import { useVersionContent } from './api';
import './draft-versions.css';

interface VersionViewerProps {
  draft: Draft;
  version: DraftVersion;
  onCompare: (version: DraftVersion) => void;
  onClose: () => void;
}

export function VersionViewer({ draft, version, onCompare, onClose }: VersionViewerProps) {
  const { t } = useTranslation();
  const format = useFormatters();
  const headingId = useId();
  const heading = useRef<HTMLHeadingElement>(null);
  const content = useVersionContent(draft.id, version.id);
  const name = versionName(version, format);

  // Opening a version takes the keyboard and the screen reader to it.
  useEffect(() => {
    heading.current?.focus();
  }, [version.id]);

  return (
    <section className="version-detail" aria-labelledby={headingId}>
      <div className="version-detail-head">
        <h3 id={headingId} ref={heading} tabIndex={-1} className="version-detail-heading">
          {name}
        </h3>
        <button type="button" className="button button--secondary button--small" onClick={onClose}>
          {t('drafts.versions.viewer.close')}
        </button>
      </div>
      <dl className="version-facts">
        <div>
          <dt>{t('drafts.versions.viewer.kind')}</dt>
          <dd>{t(`drafts.versions.kind.${version.kind}`)}</dd>
        </div>
        <div>
          <dt>{t('drafts.versions.viewer.savedBy')}</dt>
          <dd>{version.createdBy?.name ?? t('drafts.versions.viewer.savedAutomatically')}</dd>
        </div>
        <div>
          <dt>{t('drafts.versions.viewer.savedAt')}</dt>
          <dd>
            <time dateTime={version.createdAt}>{format.dateTime(version.createdAt)}</time>
          </dd>
        </div>
      </dl>
      <div className="version-actions">
        <button type="button" className="button button--secondary" onClick={() => onCompare(version)}>
          {t('drafts.versions.viewer.showChanges')}
        </button>
        <RestoreVersion draft={draft} version={version} />
      </div>
      <QueryState query={content}>
        {(data) => (
          <article
            className="draft-document version-document"
            lang={draft.language}
            aria-label={t('drafts.versions.viewer.textLabel', { name })}
            // Sanitised on the server: rendered from the document through the shared editor schema, which knows no scripts.
            dangerouslySetInnerHTML={{ __html: data.html }}
          />
        )}
      </QueryState>
    </section>
  );
}
