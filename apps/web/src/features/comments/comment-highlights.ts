// Open threads shown in the editor: the anchored words underlined on a tint (never colour alone), described by their
// thread for screen readers; suggestions as the old words struck through (<del>) followed by the new ones (<ins>),
// with Accept and Reject for those who may edit. Ranges are resolved from the threads' Yjs relative positions after
// every remote change, and mapped through local edits, so highlights move with the text.
import { Extension } from '@tiptap/core';
import { Plugin, PluginKey, type EditorState, type Transaction } from '@tiptap/pm/state';
import { Decoration, DecorationSet, type EditorView } from '@tiptap/pm/view';
import { ySyncPluginKey } from '@tiptap/y-tiptap';
import type { ThreadKind } from '@minga/contracts';
import { anchorOfSelection, relativeSelection, resolveAnchor, selectedRangeOf, type DecodedAnchor, type SelectedRange } from './anchor';
import './comments.css';

export interface HighlightSuggestion {
  replacement: string;
  /** Whether this person may accept or reject it; others see it as pending. */
  decidable: boolean;
}

export interface HighlightItem {
  threadId: string;
  anchor: DecodedAnchor;
  /** The id of an element that describes the thread (its author and text). */
  describedBy: string;
  active: boolean;
  suggestion: HighlightSuggestion | null;
}

/** Words the widgets need; given by the panel in the reader's language. */
export interface HighlightLabels {
  accept: string;
  reject: string;
  pending: string;
  /** The accessible name of a suggestion's new text, e.g. "Suggested text". */
  inserted: string;
}

export interface HighlightHandlers {
  /** A highlight was clicked or chosen by keyboard; `focus` asks to move the keyboard to its thread. */
  activate(threadId: string, focus: boolean): void;
  decide(threadId: string, decision: 'accept' | 'reject'): void;
  /** Asks to comment on (or suggest a change to) the selected words. */
  startThread(kind: ThreadKind, range: SelectedRange): void;
  /** Whether this person may comment; set by the panel once access is known. */
  mayComment?: boolean;
  /**
   * What this person last selected, kept as relative positions. The selection ProseMirror restores after a remote
   * change grows to take in text typed at its edges; this does not, so a comment covers exactly the chosen words.
   */
  selected?: DecodedAnchor | null;
  labels: HighlightLabels;
}

interface HighlightState {
  items: HighlightItem[];
  decorations: DecorationSet;
  /** Whether the last transaction came from another person (through the Yjs binding). */
  remote: boolean;
}

const commentHighlightsKey = new PluginKey<HighlightState>('commentHighlights');

function suggestionWidget(item: HighlightItem, suggestion: HighlightSuggestion, handlers: HighlightHandlers): HTMLElement {
  const { labels } = handlers;
  const wrapper = document.createElement('span');
  wrapper.className = 'suggestion-widget';
  wrapper.contentEditable = 'false';
  const inserted = document.createElement('ins');
  inserted.className = 'suggestion-new';
  inserted.textContent = suggestion.replacement;
  inserted.setAttribute('aria-label', `${labels.inserted}: ${suggestion.replacement}`);
  wrapper.append(inserted);
  if (suggestion.decidable) {
    for (const decision of ['accept', 'reject'] as const) {
      const button = document.createElement('button');
      button.type = 'button';
      button.className = `suggestion-button suggestion-button--${decision}`;
      button.textContent = labels[decision];
      button.addEventListener('mousedown', (event) => event.preventDefault());
      button.addEventListener('click', () => handlers.decide(item.threadId, decision));
      wrapper.append(button);
    }
  } else {
    const pending = document.createElement('span');
    pending.className = 'suggestion-pending';
    pending.textContent = labels.pending;
    wrapper.append(pending);
  }
  return wrapper;
}

function decorate(state: EditorState, items: HighlightItem[], handlers: HighlightHandlers): DecorationSet {
  const decorations: Decoration[] = [];
  for (const item of items) {
    const range = resolveAnchor(state, item.anchor);
    if (!range) continue;
    const classes = [
      'comment-highlight',
      item.suggestion ? 'comment-highlight--suggestion' : '',
      item.active ? 'comment-highlight--active' : '',
    ]
      .filter(Boolean)
      .join(' ');
    decorations.push(
      Decoration.inline(
        range.from,
        range.to,
        {
          class: classes,
          'data-thread-id': item.threadId,
          'aria-describedby': item.describedBy,
          ...(item.suggestion ? { nodeName: 'del' } : {}),
        },
        { threadId: item.threadId },
      ),
    );
    const suggestion = item.suggestion;
    if (suggestion) {
      decorations.push(
        Decoration.widget(range.to, () => suggestionWidget(item, suggestion, handlers), {
          side: 1,
          key: `${item.threadId}:${suggestion.decidable}:${suggestion.replacement}:${handlers.labels.accept}`,
          ignoreSelection: true,
          stopEvent: () => true,
          threadId: item.threadId,
        }),
      );
    }
  }
  return DecorationSet.create(state.doc, decorations);
}

/** The thread whose highlight covers `pos`, the innermost (latest) first. */
function threadAt(state: EditorState, pos: number): string | null {
  const decorations = commentHighlightsKey.getState(state)?.decorations.find(pos, pos, (spec) => typeof spec['threadId'] === 'string');
  const last = decorations?.at(-1);
  return last ? (last.spec['threadId'] as string) : null;
}

/** The words to comment on: those this person selected, as they are now; else the editor's selection. */
export function selectedRange(state: EditorState, handlers: HighlightHandlers): SelectedRange | null {
  const kept = handlers.selected ? selectedRangeOf(state, handlers.selected) : null;
  return kept ?? anchorOfSelection(state);
}

/** Hands the highlights the panel's current open threads. */
export function setHighlights(view: EditorView, items: HighlightItem[]): void {
  view.dispatch(view.state.tr.setMeta(commentHighlightsKey, items).setMeta('addToHistory', false));
}

/** A getter, not the object: TipTap deep-copies plain objects in options, and the panel fills in this very object. */
export const CommentHighlights = Extension.create<{ handlers: () => HighlightHandlers }>({
  name: 'commentHighlights',

  addOptions() {
    const fallback: HighlightHandlers = {
      activate: () => undefined,
      decide: () => undefined,
      startThread: () => undefined,
      labels: { accept: 'Accept', reject: 'Reject', pending: 'Pending', inserted: 'Suggested text' },
    };
    return { handlers: () => fallback };
  },

  addKeyboardShortcuts() {
    const toThread = (requireReadOnly: boolean) => () => {
      if (requireReadOnly && this.editor.isEditable) return false;
      const threadId = threadAt(this.editor.state, this.editor.state.selection.from);
      if (!threadId) return false;
      this.options.handlers().activate(threadId, true);
      return true;
    };
    const comment = () => {
      const handlers = this.options.handlers();
      const range = selectedRange(this.editor.state, handlers);
      if (!range || !handlers.mayComment) return false;
      handlers.startThread('comment', range);
      return true;
    };
    // Enter would break the line for those who edit; Alt+Enter works for everyone. Ctrl+Alt+M as in other editors.
    return { Enter: toThread(true), 'Alt-Enter': toThread(false), 'Mod-Alt-m': comment };
  },

  addProseMirrorPlugins() {
    const handlers = this.options.handlers();
    return [
      new Plugin<HighlightState>({
        key: commentHighlightsKey,
        state: {
          init: () => ({ items: [], decorations: DecorationSet.empty, remote: false }),
          apply(tr, value, _old, state) {
            const items = tr.getMeta(commentHighlightsKey) as HighlightItem[] | undefined;
            const sync = tr.getMeta(ySyncPluginKey) as { isChangeOrigin?: boolean } | undefined;
            // A transaction other plugins append to a remote change is part of that remote change.
            const root = (tr.getMeta('appendedTransaction') as Transaction | undefined) ?? tr;
            const remote = (root.getMeta(ySyncPluginKey) as { isChangeOrigin?: boolean } | undefined)?.isChangeOrigin === true;
            // Remote changes and the binding's first render come from y-sync: resolve the anchors again.
            if (items || sync !== undefined) {
              const next = items ?? value.items;
              return { items: next, decorations: decorate(state, next, handlers), remote };
            }
            if (!tr.docChanged) return value.remote ? { ...value, remote } : value;
            return { items: value.items, decorations: value.decorations.map(tr.mapping, tr.doc), remote };
          },
        },
        // After the binding has written local changes to Yjs (its view updates first), so positions are current.
        view: () => ({
          update(view, previous) {
            if (commentHighlightsKey.getState(view.state)?.remote) return;
            if (previous.selection.eq(view.state.selection) && previous.doc === view.state.doc) return;
            handlers.selected = relativeSelection(view.state);
          },
        }),
        props: {
          decorations(state) {
            return commentHighlightsKey.getState(state)?.decorations;
          },
          handleClick(view, pos) {
            const threadId = threadAt(view.state, pos);
            // Those who type keep the keyboard in the text; a reader is taken to the thread.
            if (threadId) handlers.activate(threadId, !view.editable);
            return false;
          },
        },
      }),
    ];
  },
});
