import { Editor } from '@tiptap/core';
import Collaboration from '@tiptap/extension-collaboration';
import * as Y from 'yjs';
import { DOC_FRAGMENT, editorExtensions } from '@minga/editor';
import { decodeAnchor, resolveAnchor } from './anchor';
import { CommentHighlights, selectedRange, type HighlightHandlers } from './comment-highlights';

const SENTENCE = 'The City treats its data as a public asset.';

/** Two Yjs documents kept in step, as two browsers are through the server. */
function linkedDocs() {
  const mine = new Y.Doc();
  const theirs = new Y.Doc();
  mine.on('update', (update: Uint8Array, origin: unknown) => origin !== 'remote' && Y.applyUpdate(theirs, update, 'remote'));
  theirs.on('update', (update: Uint8Array, origin: unknown) => origin !== 'remote' && Y.applyUpdate(mine, update, 'remote'));
  return { mine, theirs };
}

function collaborativeEditor(doc: Y.Doc, handlers: HighlightHandlers) {
  return new Editor({
    extensions: [
      ...editorExtensions(),
      Collaboration.configure({ document: doc, field: DOC_FRAGMENT }),
      CommentHighlights.configure({ handlers: () => handlers }),
    ],
  });
}

function handlers(): HighlightHandlers {
  return {
    activate: vi.fn(),
    decide: vi.fn(),
    startThread: vi.fn(),
    labels: { accept: 'Accept', reject: 'Reject', pending: 'Pending', inserted: 'Suggested text' },
  };
}

function positionOf(editor: Editor, text: string): number {
  let found = -1;
  editor.state.doc.descendants((node, pos) => {
    if (found < 0 && node.isText && node.text?.includes(text)) found = pos + (node.text?.indexOf(text) ?? 0);
  });
  return found;
}

describe('comment anchors in a live document', () => {
  it('keeps the selected words, not the text another person types just before them, and highlights exactly them', () => {
    const { mine, theirs } = linkedDocs();
    const expertHandlers = handlers();
    const expert = collaborativeEditor(mine, expertHandlers);
    const official = collaborativeEditor(theirs, handlers());
    official.commands.setContent(`<p>Intro. ${SENTENCE} More.</p>`);

    const start = positionOf(expert, SENTENCE);
    expert.commands.setTextSelection({ from: start, to: start + SENTENCE.length });
    // The official types right before the sentence while the expert's selection is up.
    official.commands.insertContentAt(positionOf(official, SENTENCE), 'Every department publishes. ');

    // ProseMirror's restored selection has grown over the new words; the kept range has not.
    const grown = expert.state.doc.textBetween(expert.state.selection.from, expert.state.selection.to);
    expect(grown.endsWith(SENTENCE)).toBe(true);
    const range = selectedRange(expert.state, expertHandlers);
    expect(range?.quote).toBe(SENTENCE);

    // More typing before and after the words leaves the anchor on them.
    official.commands.insertContentAt(positionOf(official, SENTENCE), 'Also: ');
    official.commands.insertContentAt(positionOf(official, SENTENCE) + SENTENCE.length, ' Indeed.');
    const anchor = decodeAnchor(range?.anchor ?? { start: '', end: '' });
    const resolved = anchor && resolveAnchor(expert.state, anchor);
    expect(resolved && expert.state.doc.textBetween(resolved.from, resolved.to)).toBe(SENTENCE);
    expect(official.getText()).toContain(`Every department publishes. Also: ${SENTENCE} Indeed.`);

    expert.destroy();
    official.destroy();
  });
});
