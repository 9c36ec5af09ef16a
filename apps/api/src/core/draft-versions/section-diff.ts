import { diffWords } from 'diff';
import type { DraftComparison } from '@minga/contracts';
import { sectionsOf, toPlainText } from '@minga/editor';
import type { JSONContent as EditorDocument } from '@tiptap/core';

type SectionChange = DraftComparison['sections'][number];

/**
 * Compares two documents section by section (split at their headings), word by word inside a section.
 * Sections are matched by heading text; a section only on one side is wholly added or removed.
 */
export function compareSections(from: EditorDocument, to: EditorDocument): SectionChange[] {
  const before = sectionTexts(from);
  const after = sectionTexts(to);
  const result: SectionChange[] = [];
  const seen = new Set<string>();
  for (const [heading, text] of after) {
    seen.add(heading);
    const old = before.get(heading);
    if (old === undefined) {
      result.push({ heading, change: 'added', parts: [{ op: 'insert', text }] });
      continue;
    }
    const parts = diffWords(old, text).map((d) => ({
      op: d.added ? ('insert' as const) : d.removed ? ('delete' as const) : ('equal' as const),
      text: d.value,
    }));
    result.push({ heading, change: parts.some((p) => p.op !== 'equal') ? 'changed' : 'unchanged', parts });
  }
  for (const [heading, text] of before) {
    if (!seen.has(heading)) result.push({ heading, change: 'removed', parts: [{ op: 'delete', text }] });
  }
  return result;
}

function sectionTexts(doc: EditorDocument): Map<string, string> {
  const sections = new Map<string, string>();
  for (const section of sectionsOf(doc)) {
    const text = toPlainText({ type: 'doc', content: section.blocks });
    // Two sections with the same heading are compared as one, in document order.
    sections.set(section.heading, sections.has(section.heading) ? `${sections.get(section.heading)}\n\n${text}` : text);
  }
  return sections;
}
