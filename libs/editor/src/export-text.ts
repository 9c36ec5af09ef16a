// Plain text of a draft, for the search index and for text export: the words in reading order, with just enough
// layout (blank lines between blocks, list markers, tabs between table cells) to stay readable.
import type { JSONContent } from '@tiptap/core';
import { textOf } from './node-text';
import { safeDocument } from './safe-document';

function listItem(item: JSONContent, marker: string): string {
  const indent = ' '.repeat(marker.length);
  const lines = (item.content ?? [])
    .map(block)
    .filter((text) => text !== '')
    .join('\n')
    .split('\n');
  return lines.map((line, i) => (i === 0 ? `${marker}${line}` : line ? `${indent}${line}` : '')).join('\n');
}

function cellText(cell: JSONContent): string {
  return (cell.content ?? [])
    .map(block)
    .filter((text) => text !== '')
    .join(' ')
    .replace(/\s+/g, ' ')
    .trim();
}

function block(node: JSONContent): string {
  const content = node.content ?? [];
  switch (node.type) {
    case 'paragraph':
    case 'heading':
      return textOf(node);
    case 'bulletList':
      return content.map((item) => listItem(item, '- ')).join('\n');
    case 'orderedList': {
      const start = Number(node.attrs?.['start'] ?? 1);
      return content.map((item, i) => listItem(item, `${start + i}. `)).join('\n');
    }
    case 'table':
      return content.map((row) => (row.content ?? []).map(cellText).join('\t')).join('\n');
    case 'horizontalRule':
      return '';
    default:
      return blocks(content);
  }
}

function blocks(nodes: JSONContent[]): string {
  return nodes
    .map(block)
    .filter((text) => text !== '')
    .join('\n\n');
}

export function toPlainText(json: JSONContent): string {
  return blocks(safeDocument(json).content ?? []);
}
