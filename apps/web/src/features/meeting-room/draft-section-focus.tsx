// When the current agenda item names a section of the linked draft, the draft scrolls to that heading, and the bar
// says which section is being discussed (the scroll alone would go unnoticed without sight).
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import type { Editor } from '@tiptap/core';
import './meeting-room.css';

/** The position of the first heading whose text is `section` (compared without case or surrounding space). */
export function headingPosition(editor: Editor, section: string): number | null {
  const wanted = section.trim().toLocaleLowerCase();
  let found: number | null = null;
  editor.state.doc.descendants((node, pos) => {
    if (found !== null) return false;
    if (node.type.name === 'heading' && node.textContent.trim().toLocaleLowerCase() === wanted) {
      found = pos;
      return false;
    }
    return node.type.name !== 'heading';
  });
  return found;
}

function isTypingOutside(editorDom: HTMLElement): boolean {
  const active = document.activeElement;
  if (!(active instanceof HTMLElement) || editorDom.contains(active)) return false;
  return (
    active.isContentEditable ||
    active instanceof HTMLInputElement ||
    active instanceof HTMLTextAreaElement ||
    active instanceof HTMLSelectElement
  );
}

export function DraftSectionFocus({ editor, section }: { editor: Editor; section: string | null }) {
  const { t } = useTranslation();
  useEffect(() => {
    if (!section || editor.isDestroyed) return;
    const position = headingPosition(editor, section);
    if (position === null) return;
    // Someone typing elsewhere (the notes, a poll) keeps their place; the note in the bar still says where the meeting is.
    if (isTypingOutside(editor.view.dom)) return;
    const dom = editor.view.nodeDOM(position);
    if (dom instanceof HTMLElement) dom.scrollIntoView({ block: 'start', behavior: 'smooth' });
  }, [editor, section]);
  if (!section) return null;
  return <p className="room-section-note">{t('meetingRoom.draft.section', { section })}</p>;
}
