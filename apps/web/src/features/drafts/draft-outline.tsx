// The draft's sections, from its headings, as links that bring each heading into view.
import { useEffect, useState, type MouseEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { Editor } from '@tiptap/core';
import { outlineOf, type OutlineEntry } from '@minga/editor';
import './drafts.css';

/** Headings change as people type; recomputing the outline at most this often keeps typing smooth. */
const OUTLINE_INTERVAL_MS = 250;

function useOutline(editor: Editor): OutlineEntry[] {
  const [outline, setOutline] = useState<OutlineEntry[]>(() => outlineOf(editor.getJSON()));
  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    let changedMeanwhile = false;
    const read = () => setOutline(outlineOf(editor.getJSON()));
    // The first change shows at once (the text arriving); changes while typing are gathered into one read per interval.
    const update = () => {
      if (timer) {
        changedMeanwhile = true;
        return;
      }
      read();
      timer = setTimeout(function settle() {
        if (changedMeanwhile) {
          changedMeanwhile = false;
          read();
          timer = setTimeout(settle, OUTLINE_INTERVAL_MS);
        } else {
          timer = undefined;
        }
      }, OUTLINE_INTERVAL_MS);
    };
    editor.on('update', update);
    read();
    return () => {
      clearTimeout(timer);
      editor.off('update', update);
    };
  }, [editor]);
  return outline;
}

/** The document position where the top-level block at `index` starts. */
function positionOfBlock(editor: Editor, index: number): number | null {
  let position: number | null = null;
  editor.state.doc.forEach((_node, offset, i) => {
    if (i === index) position = offset;
  });
  return position;
}

interface DraftOutlineProps {
  editor: Editor;
  /** Shown after a section's link, e.g. how many comments it has. */
  renderSectionExtra?: (entry: OutlineEntry) => ReactNode;
}

export function DraftOutline({ editor, renderSectionExtra }: DraftOutlineProps) {
  const { t } = useTranslation();
  const outline = useOutline(editor);

  function jump(event: MouseEvent, entry: OutlineEntry) {
    event.preventDefault();
    const position = positionOfBlock(editor, entry.index);
    if (position === null) return;
    const heading = editor.view.nodeDOM(position);
    if (heading instanceof HTMLElement) heading.scrollIntoView({ block: 'start' });
    // Those who may edit continue typing at the heading; a reader's place is where it scrolled to.
    if (editor.isEditable)
      editor
        .chain()
        .focus(position + 1, { scrollIntoView: false })
        .run();
  }

  return (
    <nav className="draft-panel" aria-labelledby="draft-outline">
      <h2 id="draft-outline" className="draft-panel-heading">
        {t('drafts.outline.heading')}
      </h2>
      {outline.length === 0 ? (
        <p className="muted">{t('drafts.outline.empty')}</p>
      ) : (
        <ol className="draft-outline">
          {outline.map((entry) => (
            <li key={`${entry.index}`} className={`draft-outline-item draft-outline-item--${entry.level}`}>
              <a href={`#draft-section-${entry.index}`} onClick={(event) => jump(event, entry)}>
                {entry.text || t('drafts.outline.untitled')}
              </a>
              {renderSectionExtra?.(entry)}
            </li>
          ))}
        </ol>
      )}
    </nav>
  );
}
