import { outlineOf, sectionsOf } from './outline';
import { doc, heading, paragraph, text, openDataDraft } from './testing/documents';

describe('outlineOf', () => {
  it('lists the headings in order with their level and place among the top-level blocks', () => {
    expect(outlineOf(openDataDraft)).toEqual([
      { level: 1, text: 'Open Data Policy', index: 0 },
      { level: 2, text: 'Principles', index: 2 },
      { level: 2, text: 'Steps', index: 4 },
      { level: 3, text: 'Timeline', index: 6 },
    ]);
  });

  it('reads a heading with marks and a line break as one line of text', () => {
    const marked = {
      type: 'heading',
      attrs: { level: 2 },
      content: [text('Data '), text('owners', [{ type: 'bold' }]), { type: 'hardBreak' }, text('and stewards')],
    };
    expect(outlineOf(doc(paragraph(text('intro')), marked))).toEqual([{ level: 2, text: 'Data owners and stewards', index: 1 }]);
  });
});

describe('sectionsOf', () => {
  it('splits a draft at level-1 and level-2 headings, level-3 headings staying inside their section', () => {
    const [title, principles, steps, ...rest] = sectionsOf(openDataDraft);
    const blocks = openDataDraft.content ?? [];
    expect(rest).toEqual([]);
    expect(title).toEqual({ heading: 'Open Data Policy', blocks: [blocks[1]] });
    expect(principles).toEqual({ heading: 'Principles', blocks: [blocks[3]] });
    expect(steps).toEqual({ heading: 'Steps', blocks: [blocks[5], blocks[6], blocks[7]] });
  });

  it('puts what comes before the first heading in a section without a heading', () => {
    const preamble = paragraph(text('Preamble'));
    const body = paragraph(text('Body'));
    expect(sectionsOf(doc(preamble, heading(2, 'Scope'), body, heading(2, 'Empty')))).toEqual([
      { heading: '', blocks: [preamble] },
      { heading: 'Scope', blocks: [body] },
      { heading: 'Empty', blocks: [] },
    ]);
  });

  it('gives no sections for an empty draft', () => {
    expect(sectionsOf(doc())).toEqual([]);
    expect(sectionsOf({ type: 'doc' })).toEqual([]);
  });
});
