import { render, screen } from '@testing-library/react';
import { Editor } from '@tiptap/core';
import { editorExtensions } from '@minga/editor';
import { DraftSectionFocus, headingPosition } from './draft-section-focus';

function draftEditor() {
  return new Editor({
    extensions: editorExtensions({ collaboration: false }),
    content: '<h1>Open data</h1><h2>Purpose</h2><p>The City treats its data as a public asset.</p><h2>Scope</h2><p>Every department.</p>',
  });
}

describe('DraftSectionFocus', () => {
  // jsdom does not scroll; each test watches the call instead.
  afterEach(() => {
    delete (Element.prototype as Partial<Element>).scrollIntoView;
  });

  it('finds the agenda item’s section among the draft’s headings, whatever its case and spacing', () => {
    const editor = draftEditor();
    const position = headingPosition(editor, '  scope ');
    expect(position).not.toBeNull();
    expect(editor.state.doc.nodeAt(position as number)?.textContent).toBe('Scope');
    expect(headingPosition(editor, 'Budget')).toBeNull();
    editor.destroy();
  });

  it('scrolls the draft to the section and says in words which one it is, so the scroll is not the only cue', () => {
    const scrolled = vi.fn();
    Element.prototype.scrollIntoView = scrolled;
    const editor = draftEditor();
    render(<DraftSectionFocus editor={editor} section="Purpose" />);
    expect(screen.getByText('Now discussing the section “Purpose”')).toBeInTheDocument();
    expect(scrolled.mock.contexts[0]).toHaveProperty('textContent', 'Purpose');
    editor.destroy();
  });

  it('leaves the page where it is while the viewer types elsewhere, such as in the notes', () => {
    const scrolled = vi.fn();
    Element.prototype.scrollIntoView = scrolled;
    const editor = draftEditor();
    render(
      <>
        <textarea aria-label="Elsewhere" autoFocus />
        <DraftSectionFocus editor={editor} section="Scope" />
      </>,
    );
    expect(screen.getByText('Now discussing the section “Scope”')).toBeInTheDocument();
    expect(scrolled).not.toHaveBeenCalled();
    editor.destroy();
  });
});
