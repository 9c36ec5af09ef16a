// The draft's versions, below its text: the saved versions to read and restore, naming the text as it is now, and
// comparisons between any two states. What is opened shows beside the list and takes the keyboard with it.
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Draft, DraftVersion } from '@minga/contracts';
import { ComparisonForm, DEFAULT_COMPARISON, type ComparisonChoice } from './comparison-form';
import { DraftComparison } from './draft-comparison';
import { NameVersion } from './name-version-form';
import { VersionList } from './version-list';
import { VersionViewer } from './version-viewer';
import './draft-versions.css';

type Opened = { kind: 'version'; version: DraftVersion } | { kind: 'comparison'; choice: ComparisonChoice };
/** Each opening is counted, so that asking again (the same version, the same comparison) shows it afresh and refocuses it. */
type Detail = (Opened & { opening: number }) | null;

export const VERSIONS_HEADING_ID = 'draft-versions';

export function VersionsPanel({ draft }: { draft: Draft }) {
  const { t } = useTranslation();
  const [detail, setDetail] = useState<Detail>(null);
  const [choice, setChoice] = useState<ComparisonChoice>(DEFAULT_COMPARISON);
  const heading = useRef<HTMLHeadingElement>(null);
  /** What opened the detail, to take the keyboard back to when it closes. */
  const opener = useRef<HTMLElement | null>(null);

  function open(next: Opened, trigger: HTMLElement | null) {
    if (trigger) opener.current = trigger;
    setDetail((previous) => ({ ...next, opening: (previous?.opening ?? 0) + 1 }));
  }

  function close() {
    setDetail(null);
    if (opener.current?.isConnected) opener.current.focus();
    else heading.current?.focus();
  }

  function compareWithCurrent(version: DraftVersion) {
    const next = { from: version.id, to: 'current' };
    setChoice(next);
    // The version's button in the list opened the viewer; closing the comparison returns there.
    open({ kind: 'comparison', choice: next }, null);
  }

  return (
    <section className="section draft-versions" aria-labelledby={VERSIONS_HEADING_ID}>
      <h2 id={VERSIONS_HEADING_ID} ref={heading} tabIndex={-1}>
        {t('drafts.versions.heading')}
      </h2>
      <div className="versions-layout">
        <div className="versions-side">
          <NameVersion draft={draft} />
          <h3>{t('drafts.versions.listHeading')}</h3>
          <VersionList
            draftId={draft.id}
            openVersionId={detail?.kind === 'version' ? detail.version.id : null}
            onOpen={(version, trigger) => open({ kind: 'version', version }, trigger)}
          />
          <ComparisonForm
            draftId={draft.id}
            value={choice}
            onChange={setChoice}
            onCompare={(compared, trigger) => open({ kind: 'comparison', choice: compared }, trigger)}
          />
        </div>
        <div className="versions-detail">
          {detail?.kind === 'version' && (
            <VersionViewer key={detail.opening} draft={draft} version={detail.version} onCompare={compareWithCurrent} onClose={close} />
          )}
          {detail?.kind === 'comparison' && (
            <DraftComparison key={detail.opening} draftId={draft.id} choice={detail.choice} onClose={close} />
          )}
          {!detail && <p className="versions-placeholder">{t('drafts.versions.placeholder')}</p>}
        </div>
      </div>
    </section>
  );
}
