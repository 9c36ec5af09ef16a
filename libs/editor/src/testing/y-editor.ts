// An editor bound to a Y.Doc the way TipTap's Collaboration extension binds the browser's, without a DOM: every change
// is written by y-tiptap's updateYFragment, the function its sync plugin runs after each ProseMirror transaction, in a
// Yjs transaction of the same origin. So the updates a spec sees are the ones a browser sends.
import type { JSONContent } from '@tiptap/core';
import type { Node as PMNode } from '@tiptap/pm/model';
import { EditorState, TextSelection, type Command, type Selection, type Transaction } from '@tiptap/pm/state';
import { initProseMirrorDoc, updateYFragment, ySyncPluginKey } from '@tiptap/y-tiptap';
import * as Y from 'yjs';
import { DOC_FRAGMENT, editorSchema } from '../extensions';

export class YEditor {
  state: EditorState;
  readonly fragment: Y.XmlFragment;
  /** What y-tiptap's ProsemirrorBinding keeps between transactions: which Yjs type shows which ProseMirror node. */
  private readonly meta: { mapping: Map<unknown, unknown>; isOMark: Map<unknown, boolean> };

  /** Opens the document as it is in `doc` (an empty one shows an empty paragraph, as TipTap does). */
  constructor(readonly doc: Y.Doc) {
    this.fragment = doc.getXmlFragment(DOC_FRAGMENT);
    if (this.fragment.length > 0) {
      const init = initProseMirrorDoc(this.fragment, editorSchema);
      this.meta = init.meta;
      this.state = EditorState.create({ schema: editorSchema, doc: init.doc });
    } else {
      this.meta = { mapping: new Map(), isOMark: new Map() };
      this.state = EditorState.create({ schema: editorSchema });
    }
  }

  /** Applies a ProseMirror command, which must apply, and writes the new document to Yjs. */
  run(command: Command): this {
    const applied = command(this.state, (tr) => {
      this.state = this.state.apply(tr);
    });
    if (!applied) throw new Error('the command does not apply here');
    return this.write();
  }

  /** Applies a transaction built on the current state and writes the new document to Yjs. */
  change(build: (tr: Transaction, doc: PMNode) => Transaction): this {
    this.state = this.state.apply(build(this.state.tr, this.state.doc));
    return this.write();
  }

  select(selection: (doc: PMNode) => Selection): this {
    this.state = this.state.apply(this.state.tr.setSelection(selection(this.state.doc)));
    return this;
  }

  /** Selects the first occurrence of `words` in one text node. */
  selectText(words: string): this {
    return this.select((doc) => {
      const from = textPosition(doc, words);
      return TextSelection.create(doc, from, from + words.length);
    });
  }

  /** Replaces the whole document, as pasting over a select-all does. */
  setContent(json: JSONContent): this {
    const content = editorSchema.nodeFromJSON(json).content;
    return this.change((tr, doc) => tr.replaceWith(0, doc.content.size, content));
  }

  json(): JSONContent {
    return this.state.doc.toJSON() as JSONContent;
  }

  private write(): this {
    this.doc.transact(() => updateYFragment(this.doc, this.fragment, this.state.doc, this.meta as never), ySyncPluginKey);
    return this;
  }
}

/** The position of the first occurrence of `words` inside one text node of `doc`. */
export function textPosition(doc: PMNode, words: string): number {
  let found = -1;
  doc.descendants((node, pos) => {
    if (found >= 0) return false;
    const index = node.isText ? (node.text ?? '').indexOf(words) : -1;
    if (index >= 0) found = pos + index;
    return true;
  });
  if (found < 0) throw new Error(`"${words}" is not in the document`);
  return found;
}

/** The position just before the table cell whose text is `text`. */
export function cellPosition(doc: PMNode, text: string): number {
  let found = -1;
  doc.descendants((node, pos) => {
    if (found >= 0) return false;
    if ((node.type.name === 'tableCell' || node.type.name === 'tableHeader') && node.textContent === text) {
      found = pos;
      return false;
    }
    return true;
  });
  if (found < 0) throw new Error(`no cell reads "${text}"`);
  return found;
}
