import type { JSONContent } from '@tiptap/core';

/** The text inside a node, hard breaks as newlines; block structure is the caller's business. */
export function textOf(node: JSONContent): string {
  if (node.type === 'text') return node.text ?? '';
  if (node.type === 'hardBreak') return '\n';
  return (node.content ?? []).map(textOf).join('');
}
