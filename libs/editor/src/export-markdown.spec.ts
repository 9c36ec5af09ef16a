import { toMarkdown } from './export-markdown';
import { cell, doc, headerCell, heading, link, listItem, paragraph, text, openDataDraft } from './testing/documents';

describe('toMarkdown', () => {
  it('writes a draft as Markdown with headings, emphasis, links, lists and a table', () => {
    expect(toMarkdown(openDataDraft)).toBe(
      [
        '# Open Data Policy',
        '',
        'The City publishes data **by default**, in *open formats* and ***never*** in ~~PDF scans~~, on the ' +
          '[open data portal](https://data.example.org/portal).',
        '',
        '## Principles',
        '',
        '- Open by default',
        '- Timely and complete',
        '',
        '## Steps',
        '',
        '1. Inventory the datasets',
        '2. Publish them',
        '',
        '### Timeline',
        '',
        '| Phase | Deadline |',
        '| --- | --- |',
        '| Inventory | Q1 2027 |',
      ].join('\n'),
    );
  });

  it('escapes text that would otherwise read as Markdown', () => {
    const md = toMarkdown(
      doc(
        paragraph(text('# not a heading')),
        paragraph(text('1. not a list, *not emphasis*, [not a link](x), <b>not html</b>, a_b_c, ~x~ and `tick`')),
        paragraph(text('- nor a bullet')),
      ),
    );
    expect(md).toBe(
      [
        '\\# not a heading',
        '',
        '1\\. not a list, \\*not emphasis\\*, \\[not a link\\](x), \\<b\\>not html\\</b\\>, a\\_b\\_c, \\~x\\~ and \\`tick\\`',
        '',
        '\\- nor a bullet',
      ].join('\n'),
    );
  });

  it('moves spaces outside emphasis, where Markdown needs them', () => {
    expect(toMarkdown(doc(paragraph(text('bold ', [{ type: 'bold' }]), text('then plain'))))).toBe('**bold** then plain');
  });

  it('keeps a mark open across runs and nests marks inside links', () => {
    const md = toMarkdown(
      doc(
        paragraph(
          text('see ', [link('https://example.org/a_(b)')]),
          text('this', [link('https://example.org/a_(b)'), { type: 'bold' }]),
          text(' now'),
        ),
      ),
    );
    expect(md).toBe('[see **this**](https://example.org/a_%28b%29) now');
  });

  it('writes code spans with a fence longer than the backticks inside', () => {
    expect(toMarkdown(doc(paragraph(text('run '), text('a `b` c', [{ type: 'code' }]))))).toBe('run ``a `b` c``');
  });

  it('writes an unsafe link as its text', () => {
    expect(toMarkdown(doc(paragraph(text('click', [link('javascript:alert(1)')]))))).toBe('click');
  });

  it('nests lists and keeps later paragraphs of an item inside it', () => {
    const md = toMarkdown(
      doc(
        {
          type: 'orderedList',
          attrs: { start: 3, type: null },
          content: [
            listItem(
              paragraph(text('Third')),
              { type: 'bulletList', content: [listItem(paragraph(text('detail')))] },
              paragraph(text('More on the third.')),
            ),
            listItem(paragraph(text('Fourth'))),
          ],
        },
        { type: 'bulletList', content: [listItem(paragraph(text('first list')))] },
        { type: 'bulletList', content: [listItem(paragraph(text('second list')))] },
      ),
    );
    expect(md).toBe(
      ['3. Third', '   - detail', '', '   More on the third.', '4. Fourth', '', '- first list', '', '* second list'].join('\n'),
    );
  });

  it('writes quotes, rules and hard breaks', () => {
    const md = toMarkdown(
      doc(
        { type: 'blockquote', content: [paragraph(text('Quoted')), paragraph(text('# twice'))] },
        { type: 'horizontalRule' },
        paragraph(text('line one'), { type: 'hardBreak' }, text('- line two')),
      ),
    );
    expect(md).toBe(['> Quoted', '>', '> \\# twice', '', '---', '', 'line one\\', '\\- line two'].join('\n'));
  });

  it('writes tables with a header row, escaped pipes and spanned cells left empty', () => {
    const wide = { ...cell('spans two'), attrs: { colspan: 2, rowspan: 1, colwidth: null, align: null } };
    const md = toMarkdown(
      doc({
        type: 'table',
        content: [
          { type: 'tableRow', content: [headerCell('A | B'), headerCell('C'), headerCell('D')] },
          { type: 'tableRow', content: [wide, cell('x')] },
          {
            type: 'tableRow',
            content: [
              {
                type: 'tableCell',
                attrs: { colspan: 1, rowspan: 1, colwidth: null, align: 'right' },
                content: [paragraph(text('one'), { type: 'hardBreak' }, text('two')), paragraph(text('three'))],
              },
            ],
          },
        ],
      }),
    );
    expect(md).toBe(['| A \\| B | C | D |', '| --- | --- | --- |', '| spans two |  | x |', '| one<br>two<br>three |  |  |'].join('\n'));
  });

  it('writes an empty draft as nothing', () => {
    expect(toMarkdown(doc())).toBe('');
    expect(toMarkdown(doc(heading(2, 'Only')))).toBe('## Only');
  });
});
