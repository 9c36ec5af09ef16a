// Beside a section in the outline: how many open threads it has, in words (nothing when none).
import { useTranslation } from 'react-i18next';
import * as Y from 'yjs';
import { DOC_FRAGMENT, sectionIdOf, type OutlineEntry } from '@minga/editor';
import { useThreads } from './api';
import { openCountsBySection } from './thread-filters';
import './comments.css';

export function SectionCommentCount({ draftId, ydoc, entry }: { draftId: string; ydoc: Y.Doc; entry: OutlineEntry }) {
  const { t } = useTranslation();
  const { threads } = useThreads(draftId);
  const block = ydoc.getXmlFragment(DOC_FRAGMENT).get(entry.index);
  const sectionId = block instanceof Y.XmlElement ? sectionIdOf(block) : null;
  const count = sectionId ? (openCountsBySection(threads).get(sectionId) ?? 0) : 0;
  if (count === 0) return null;
  return <span className="outline-comment-count">{t('comments.sectionCount', { count })}</span>;
}
