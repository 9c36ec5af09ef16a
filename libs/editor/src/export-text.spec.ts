import { toPlainText } from './export-text';
import { cell, doc, listItem, paragraph, text, openDataDraft } from './testing/documents';

describe('toPlainText', () => {
  it('gives the words of a draft with blank lines between blocks, list markers and tabs between cells', () => {
    expect(toPlainText(openDataDraft)).toBe(
      [
        'Open Data Policy',
        '',
        'The City publishes data by default, in open formats and never in PDF scans, on the open data portal.',
        '',
        'Principles',
        '',
        '- Open by default',
        '- Timely and complete',
        '',
        'Steps',
        '',
        '1. Inventory the datasets',
        '2. Publish them',
        '',
        'Timeline',
        '',
        'Phase\tDeadline',
        'Inventory\tQ1 2027',
      ].join('\n'),
    );
  });

  it('indents nested lists, numbers from the list’s start and keeps hard breaks', () => {
    const plain = toPlainText(
      doc(
        {
          type: 'orderedList',
          attrs: { start: 7, type: null },
          content: [
            listItem(paragraph(text('Seventh')), { type: 'bulletList', content: [listItem(paragraph(text('note')))] }),
            listItem(paragraph(text('Eighth'))),
          ],
        },
        { type: 'horizontalRule' },
        { type: 'blockquote', content: [paragraph(text('first'), { type: 'hardBreak' }, text('second'))] },
        { type: 'table', content: [{ type: 'tableRow', content: [cell('a'), cell('b')] }] },
      ),
    );
    expect(plain).toBe(['7. Seventh', '   - note', '8. Eighth', '', 'first\nsecond', '', 'a\tb'].join('\n'));
  });

  it('leaves out empty paragraphs', () => {
    expect(toPlainText(doc(paragraph(), paragraph(text('only')), { type: 'paragraph' }))).toBe('only');
  });
});
