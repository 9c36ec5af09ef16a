// The structure of a draft by its headings: the outline shown beside the editor, and the sections two versions are
// compared by.
import type { JSONContent } from '@tiptap/core';
import { textOf } from './node-text';

export interface OutlineEntry {
  level: number;
  text: string;
  /** Position of the heading among the document's top-level blocks. */
  index: number;
}

interface DocumentSection {
  /** The heading's text; '' for what comes before the first heading. */
  heading: string;
  /** The blocks after the heading, up to the next level-1 or level-2 heading (level-3 headings stay inside). */
  blocks: JSONContent[];
}

function headingText(heading: JSONContent): string {
  return textOf(heading).replace(/\s+/g, ' ').trim();
}

function headingLevel(block: JSONContent): number | null {
  return block.type === 'heading' ? Number(block.attrs?.['level'] ?? 1) : null;
}

/** Top-level headings in document order; headings inside quotes, lists or tables are not sections. */
export function outlineOf(json: JSONContent): OutlineEntry[] {
  return (json.content ?? []).flatMap((block, index) => {
    const level = headingLevel(block);
    return level === null ? [] : [{ level, text: headingText(block), index }];
  });
}

export function sectionsOf(json: JSONContent): DocumentSection[] {
  const sections: DocumentSection[] = [];
  let current: DocumentSection | null = null;
  for (const block of json.content ?? []) {
    const level = headingLevel(block);
    if (level !== null && level <= 2) {
      current = { heading: headingText(block), blocks: [] };
      sections.push(current);
      continue;
    }
    if (!current) {
      current = { heading: '', blocks: [] };
      sections.push(current);
    }
    current.blocks.push(block);
  }
  return sections;
}
