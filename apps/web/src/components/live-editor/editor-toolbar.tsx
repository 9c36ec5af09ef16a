// Formatting for those who may edit: one Tab stop, arrow keys between buttons (the WAI-ARIA toolbar pattern).
import { useRef, useState, type KeyboardEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useEditorState } from '@tiptap/react';
import type { Editor } from '@tiptap/core';
import { LinkForm } from './link-form';
import { BulletListIcon, HeadingIcon, LinkIcon, OrderedListIcon, TableIcon } from './toolbar-icons';
import './live-editor.css';

interface ToolbarButton {
  key: string;
  glyph: ReactNode;
  /** Whether the selection has this format; absent for actions that insert something. */
  pressed?: boolean;
  expanded?: boolean;
  run: () => void;
}

export function EditorToolbar({ editor, controls }: { editor: Editor; controls: string }) {
  const { t } = useTranslation();
  const [focusIndex, setFocusIndex] = useState(0);
  const [linkOpen, setLinkOpen] = useState(false);
  const buttonRefs = useRef<(HTMLButtonElement | null)[]>([]);
  const active = useEditorState({
    editor,
    selector: ({ editor: current }) => ({
      heading1: current.isActive('heading', { level: 1 }),
      heading2: current.isActive('heading', { level: 2 }),
      heading3: current.isActive('heading', { level: 3 }),
      bold: current.isActive('bold'),
      italic: current.isActive('italic'),
      bulletList: current.isActive('bulletList'),
      orderedList: current.isActive('orderedList'),
      link: current.isActive('link'),
    }),
  });

  const chain = () => editor.chain().focus();
  const buttons: ToolbarButton[] = [
    { key: 'heading1', glyph: <HeadingIcon level={1} />, pressed: active.heading1, run: () => chain().toggleHeading({ level: 1 }).run() },
    { key: 'heading2', glyph: <HeadingIcon level={2} />, pressed: active.heading2, run: () => chain().toggleHeading({ level: 2 }).run() },
    { key: 'heading3', glyph: <HeadingIcon level={3} />, pressed: active.heading3, run: () => chain().toggleHeading({ level: 3 }).run() },
    { key: 'bold', glyph: <b>B</b>, pressed: active.bold, run: () => chain().toggleBold().run() },
    { key: 'italic', glyph: <i>I</i>, pressed: active.italic, run: () => chain().toggleItalic().run() },
    { key: 'bulletList', glyph: <BulletListIcon />, pressed: active.bulletList, run: () => chain().toggleBulletList().run() },
    { key: 'orderedList', glyph: <OrderedListIcon />, pressed: active.orderedList, run: () => chain().toggleOrderedList().run() },
    { key: 'link', glyph: <LinkIcon />, pressed: active.link, expanded: linkOpen, run: () => setLinkOpen((open) => !open) },
    { key: 'table', glyph: <TableIcon />, run: () => chain().insertTable({ rows: 3, cols: 3, withHeaderRow: true }).run() },
  ];

  function moveFocus(event: KeyboardEvent<HTMLDivElement>) {
    const last = buttons.length - 1;
    const next =
      event.key === 'ArrowRight'
        ? focusIndex === last
          ? 0
          : focusIndex + 1
        : event.key === 'ArrowLeft'
          ? focusIndex === 0
            ? last
            : focusIndex - 1
          : event.key === 'Home'
            ? 0
            : event.key === 'End'
              ? last
              : null;
    if (next === null) return;
    event.preventDefault();
    setFocusIndex(next);
    buttonRefs.current[next]?.focus();
  }

  function closeLinkForm() {
    setLinkOpen(false);
    buttonRefs.current[buttons.findIndex((button) => button.key === 'link')]?.focus();
  }

  return (
    <div className="editor-toolbar-area">
      <div role="toolbar" aria-label={t('drafts.toolbar.label')} aria-controls={controls} className="editor-toolbar" onKeyDown={moveFocus}>
        {buttons.map((button, index) => {
          const label = t(`drafts.toolbar.${button.key}`);
          return (
            <button
              key={button.key}
              ref={(element) => {
                buttonRefs.current[index] = element;
              }}
              type="button"
              className="editor-toolbar-button"
              tabIndex={index === focusIndex ? 0 : -1}
              aria-label={label}
              title={label}
              aria-pressed={button.pressed}
              aria-expanded={button.expanded}
              onFocus={() => setFocusIndex(index)}
              // Keep the editor's selection: a mouse press on a button would otherwise move focus before the click.
              onMouseDown={(event) => event.preventDefault()}
              onClick={button.run}
            >
              <span aria-hidden="true">{button.glyph}</span>
            </button>
          );
        })}
      </div>
      {linkOpen && <LinkForm editor={editor} onClose={closeLinkForm} />}
    </div>
  );
}
