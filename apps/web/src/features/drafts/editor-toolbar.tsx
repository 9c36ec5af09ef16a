// Formatting for those who may edit: one Tab stop, arrow keys between buttons (the WAI-ARIA toolbar pattern).
import { useRef, useState, type KeyboardEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useEditorState } from '@tiptap/react';
import type { Editor } from '@tiptap/core';
import { LinkForm } from './link-form';

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

function Icon({ children }: { children: ReactNode }) {
  return (
    <svg
      viewBox="0 0 20 20"
      width="18"
      height="18"
      fill="none"
      stroke="currentColor"
      strokeWidth="1.8"
      strokeLinecap="round"
      focusable="false"
    >
      {children}
    </svg>
  );
}

// Drawn rather than written: "H1" as text would not match the button's spoken name ("Heading 1") for speech input.
const LEVEL_STROKES: Record<1 | 2 | 3, string> = {
  1: 'M14 8.5l2-1.5v9.5',
  2: 'M13.3 9a1.9 1.9 0 1 1 3.3 1.6L13.3 16h3.7',
  3: 'M13.4 7.5h3.2l-1.8 2.6a2 2 0 1 1-1.6 3.6',
};

function HeadingIcon({ level }: { level: 1 | 2 | 3 }) {
  return (
    <Icon>
      <path d="M2.5 4v12M9.5 4v12M2.5 10h7" />
      <path d={LEVEL_STROKES[level]} strokeWidth="1.5" strokeLinejoin="round" />
    </Icon>
  );
}

function BulletListIcon() {
  return (
    <Icon>
      <circle cx="4" cy="5" r="1.2" fill="currentColor" stroke="none" />
      <circle cx="4" cy="10" r="1.2" fill="currentColor" stroke="none" />
      <circle cx="4" cy="15" r="1.2" fill="currentColor" stroke="none" />
      <path d="M8 5h9M8 10h9M8 15h9" />
    </Icon>
  );
}

function OrderedListIcon() {
  return (
    <Icon>
      <path d="M3 3.5h1.5v4M3 7.5h3M3 12.5h2.5l-2.5 4h3" strokeWidth="1.4" />
      <path d="M9 5h8M9 10h8M9 15h8" />
    </Icon>
  );
}

function LinkIcon() {
  return (
    <Icon>
      <path d="M8.5 11.5a3.5 3.5 0 0 0 5 0l2.5-2.5a3.5 3.5 0 0 0-5-5l-1 1" />
      <path d="M11.5 8.5a3.5 3.5 0 0 0-5 0L4 11a3.5 3.5 0 0 0 5 5l1-1" />
    </Icon>
  );
}

function TableIcon() {
  return (
    <Icon>
      <rect x="2.5" y="3.5" width="15" height="13" rx="1" />
      <path d="M2.5 8h15M2.5 12.5h15M7.5 8v8.5M12.5 8v8.5" />
    </Icon>
  );
}
