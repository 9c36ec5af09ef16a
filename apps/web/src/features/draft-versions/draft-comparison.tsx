// The differences between two states of a draft, section by section: each change named in words, added and removed
// words marked as <ins> and <del> (underlined and struck through, and announced as such), unchanged sections folded away.
import { useEffect, useId, useRef, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { DraftComparison as Comparison, DraftVersion } from '@minga/contracts';
import { QueryState } from '../../components/query-state';
import { ErrorState } from '../../components/status-messages';
import { ApiError } from '../../lib/api-client';
import { useFormatters } from '../../lib/formatters';
import type { ComparisonChoice } from './comparison-form';
import { versionName } from './version-name';
import { useComparison, useVersions, type ComparisonSide } from './api';
import './draft-versions.css';

type Section = Comparison['sections'][number];

/** Consecutive unchanged sections fold into one disclosure, so the changes stand out and the order is kept. */
type Block = { kind: 'section'; section: Section; index: number } | { kind: 'unchanged'; sections: Section[]; index: number };

function blocksOf(sections: Section[]): Block[] {
  const blocks: Block[] = [];
  sections.forEach((section, index) => {
    const last = blocks.at(-1);
    if (section.change !== 'unchanged') blocks.push({ kind: 'section', section, index });
    else if (last?.kind === 'unchanged') last.sections.push(section);
    else blocks.push({ kind: 'unchanged', sections: [section], index });
  });
  return blocks;
}

interface DraftComparisonProps {
  draftId: string;
  choice: ComparisonChoice;
  onClose: () => void;
}

export function DraftComparison({ draftId, choice, onClose }: DraftComparisonProps) {
  const { t } = useTranslation();
  const headingId = useId();
  const heading = useRef<HTMLHeadingElement>(null);
  const comparison = useComparison(draftId, choice.from, choice.to);
  const sideName = useSideName(draftId);

  // Opening a comparison takes the keyboard and the screen reader to it.
  useEffect(() => {
    heading.current?.focus();
  }, [choice]);

  return (
    <section className="version-detail" aria-labelledby={headingId}>
      <div className="version-detail-head">
        <h3 id={headingId} ref={heading} tabIndex={-1} className="version-detail-heading">
          {t('drafts.comparison.resultHeading', { from: sideName(choice.from), to: sideName(choice.to) })}
        </h3>
        <button type="button" className="button button--secondary button--small" onClick={onClose}>
          {t('drafts.comparison.close')}
        </button>
      </div>
      <QueryState
        query={comparison}
        renderError={(error) =>
          error instanceof ApiError && error.code === 'validation_failed' ? (
            // Not a passing failure: these two sides cannot be compared (a model policy without a template).
            <div className="alert alert--error" role="alert">
              <p className="alert-title">{t('drafts.comparison.cannotCompare')}</p>
              {error.problem.detail && <p className="alert-detail">{error.problem.detail}</p>}
            </div>
          ) : (
            <ErrorState error={error} onRetry={() => void comparison.refetch()} />
          )
        }
      >
        {(data) => <ComparisonSections sections={data.sections} />}
      </QueryState>
    </section>
  );
}

function useSideName(draftId: string): (side: ComparisonSide) => string {
  const { t } = useTranslation();
  const format = useFormatters();
  const versions = useVersions(draftId);
  return (side) => {
    if (side === 'model') return t('drafts.comparison.model');
    if (side === 'current') return t('drafts.comparison.current');
    const version: DraftVersion | undefined = versions.data?.find((candidate) => candidate.id === side);
    return version ? versionName(version, format) : t('drafts.comparison.version');
  };
}

function ComparisonSections({ sections }: { sections: Section[] }) {
  const { t } = useTranslation();
  const changed = sections.filter((section) => section.change !== 'unchanged').length;
  return (
    <>
      <p className="comparison-summary">
        {changed === 0 ? t('drafts.comparison.noChanges') : t('drafts.comparison.changedCount', { count: changed })}
      </p>
      <div className="comparison">
        {blocksOf(sections).map((block) =>
          block.kind === 'section' ? (
            <ComparedSection key={block.index} section={block.section} />
          ) : (
            <details key={block.index} className="comparison-unchanged">
              <summary>
                {t('drafts.comparison.unchangedGroup', {
                  count: block.sections.length,
                  names: block.sections.map((section) => section.heading || t('drafts.comparison.untitled')).join(', '),
                })}
              </summary>
              {block.sections.map((section, index) => (
                <ComparedSection key={index} section={section} />
              ))}
            </details>
          ),
        )}
      </div>
    </>
  );
}

function ComparedSection({ section }: { section: Section }) {
  const { t } = useTranslation();
  const headingId = useId();
  return (
    <section className={`comparison-section comparison-section--${section.change}`} aria-labelledby={headingId}>
      <h4 id={headingId} className="comparison-heading">
        <span>{section.heading || t('drafts.comparison.untitled')}</span>{' '}
        <span className={`change-badge change-badge--${section.change}`}>{t(`drafts.comparison.change.${section.change}`)}</span>
      </h4>
      <p className="comparison-text">
        {section.parts.map((part, index) => (
          <Part key={index} op={part.op}>
            {part.text}
          </Part>
        ))}
      </p>
    </section>
  );
}

function Part({ op, children }: { op: Section['parts'][number]['op']; children: ReactNode }) {
  const { t } = useTranslation();
  // Screen readers do not announce <ins> and <del> by default: a hidden word says what happened to the text.
  if (op === 'insert') {
    return (
      <ins>
        <span className="visually-hidden">{t('drafts.comparison.added')} </span>
        {children}
      </ins>
    );
  }
  if (op === 'delete') {
    return (
      <del>
        <span className="visually-hidden">{t('drafts.comparison.removed')} </span>
        {children}
      </del>
    );
  }
  return children;
}
