import { resolveExtensions } from '@tiptap/core';
import { DOC_FRAGMENT, editorExtensions, editorSchema } from './extensions';

const names = (collaboration?: boolean) =>
  resolveExtensions(editorExtensions(collaboration === undefined ? undefined : { collaboration })).map((e) => e.name);

describe('editor schema', () => {
  it('has the blocks and marks a policy draft uses, and nothing else', () => {
    expect(Object.keys(editorSchema.nodes).sort()).toEqual(
      [
        'blockquote',
        'bulletList',
        'doc',
        'hardBreak',
        'heading',
        'horizontalRule',
        'listItem',
        'orderedList',
        'paragraph',
        'table',
        'tableCell',
        'tableHeader',
        'tableRow',
        'text',
      ].sort(),
    );
    expect(Object.keys(editorSchema.marks).sort()).toEqual(['bold', 'code', 'italic', 'link', 'strike']);
  });

  it('leaves undo to Yjs in a collaborative editor, and keeps it in one without Yjs', () => {
    expect(names()).not.toContain('undoRedo');
    expect(names(true)).not.toContain('undoRedo');
    expect(names(false)).toContain('undoRedo');
  });

  it('configures links not to open on click and to accept only web and mail addresses', () => {
    const link = resolveExtensions(editorExtensions()).find((e) => e.name === 'link');
    const options = link?.options as { openOnClick: boolean; isAllowedUri: (url: string, ctx: unknown) => boolean };
    expect(options.openOnClick).toBe(false);
    expect(options.isAllowedUri('https://example.org', {})).toBe(true);
    expect(options.isAllowedUri('javascript:alert(1)', {})).toBe(false);
  });

  it('shares the Collaboration extension’s default fragment name', () => {
    expect(DOC_FRAGMENT).toBe('default');
  });
});
