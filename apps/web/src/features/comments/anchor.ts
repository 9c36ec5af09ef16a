// Between the editor's positions and a thread's anchor: Yjs relative positions through the Yjs binding of the
// editor (TipTap's y-prosemirror, @tiptap/y-tiptap), so an anchor follows every concurrent edit without a mark in the
// document (those who only comment may not write to it).
import type { EditorState } from '@tiptap/pm/state';
import { absolutePositionToRelativePosition, relativePositionToAbsolutePosition, ySyncPluginKey } from '@tiptap/y-tiptap';
import * as Y from 'yjs';
import type { Anchor } from '@minga/contracts';

/** What y-tiptap keeps in the editor state: the shared type and the ProseMirror <-> Yjs node mapping. */
interface YSyncState {
  doc: Y.Doc;
  type: Y.XmlFragment;
  binding: { mapping: Map<Y.AbstractType<unknown>, unknown> } | null;
}

function syncState(state: EditorState): YSyncState | null {
  const ystate = ySyncPluginKey.getState(state) as YSyncState | undefined;
  return ystate?.binding ? ystate : null;
}

function toBase64(bytes: Uint8Array): string {
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary);
}

function fromBase64(text: string): Uint8Array {
  return Uint8Array.from(atob(text), (char) => char.charCodeAt(0));
}

/** A relative position at `pos` that sticks to the character after it (assoc 0) or before it (assoc -1). */
function relativeAt(ystate: YSyncState, pos: number, assoc: 0 | -1): Y.RelativePosition {
  // y-tiptap makes positions inside text sticking to the character before; rebuilt here with the side we need.
  const made = absolutePositionToRelativePosition(pos, ystate.type, ystate.binding?.mapping as never);
  const absolute = Y.createAbsolutePositionFromRelativePosition(made, ystate.doc);
  if (!absolute || !(absolute.type instanceof Y.XmlText)) return made;
  return Y.createRelativePositionFromTypeIndex(absolute.type, absolute.index, assoc);
}

export interface SelectedRange {
  anchor: Anchor;
  quote: string;
}

export interface DecodedAnchor {
  start: Y.RelativePosition;
  end: Y.RelativePosition;
}

/**
 * The editor's current selection as relative positions: the start sticks to the first selected character, the end
 * to the last, so text others type just outside stays outside. Null for an empty selection or an unbound editor.
 */
export function relativeSelection(state: EditorState): DecodedAnchor | null {
  const { from, to, empty } = state.selection;
  const ystate = syncState(state);
  if (empty || !ystate) return null;
  return { start: relativeAt(ystate, from, 0), end: relativeAt(ystate, to, -1) };
}

/** A range held as relative positions, as an anchor with the words it covers now; null when they are gone. */
export function selectedRangeOf(state: EditorState, range: DecodedAnchor): SelectedRange | null {
  const resolved = resolveAnchor(state, range);
  if (!resolved) return null;
  const quote = state.doc.textBetween(resolved.from, resolved.to, '\n', ' ').trim();
  if (!quote) return null;
  return {
    anchor: { start: toBase64(Y.encodeRelativePosition(range.start)), end: toBase64(Y.encodeRelativePosition(range.end)) },
    quote,
  };
}

/** The editor's current selection as an anchor and its quote, or null for an empty selection or an unbound editor. */
export function anchorOfSelection(state: EditorState): SelectedRange | null {
  const range = relativeSelection(state);
  return range && selectedRangeOf(state, range);
}

export function decodeAnchor(anchor: Anchor): DecodedAnchor | null {
  try {
    return { start: Y.decodeRelativePosition(fromBase64(anchor.start)), end: Y.decodeRelativePosition(fromBase64(anchor.end)) };
  } catch {
    return null;
  }
}

/** Where an anchor's text is now in the editor; null when the text is gone or the editor is not bound yet. */
export function resolveAnchor(state: EditorState, anchor: DecodedAnchor): { from: number; to: number } | null {
  const ystate = syncState(state);
  if (!ystate) return null;
  const mapping = ystate.binding?.mapping as never;
  const from = relativePositionToAbsolutePosition(ystate.doc, ystate.type, anchor.start, mapping);
  const to = relativePositionToAbsolutePosition(ystate.doc, ystate.type, anchor.end, mapping);
  if (from === null || to === null || to <= from) return null;
  const size = state.doc.content.size;
  return { from: Math.min(from, size), to: Math.min(to, size) };
}
