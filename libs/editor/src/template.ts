// A model policy template is stored as plain sections; this turns one into the first content of a city's draft.
import type { JSONContent } from '@tiptap/core';

export interface TemplateSection {
  heading: string;
  paragraphs: string[];
}

// ProseMirror rejects empty text nodes, so an empty string becomes an empty block.
function inline(text: string): Pick<JSONContent, 'content'> {
  return text ? { content: [{ type: 'text', text }] } : {};
}

function heading(level: number, text: string): JSONContent {
  return { type: 'heading', attrs: { level }, ...inline(text) };
}

/** An h1 with the title, then per section an h2 and its paragraphs. */
export function templateDocument(title: string, sections: TemplateSection[]): JSONContent {
  return {
    type: 'doc',
    content: [
      heading(1, title),
      ...sections.flatMap((section) => [
        heading(2, section.heading),
        ...section.paragraphs.map((text): JSONContent => ({ type: 'paragraph', ...inline(text) })),
      ]),
    ],
  };
}
