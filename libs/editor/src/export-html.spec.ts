import { toHtml } from './export-html';
import { doc, heading, link, paragraph, text, openDataDraft } from './testing/documents';

describe('toHtml', () => {
  it('renders in Node, where there is no DOM', () => {
    expect(typeof (globalThis as { document?: unknown }).document).toBe('undefined');
    expect(toHtml(doc(paragraph(text('Hello'))))).toBe('<p>Hello</p>');
  });

  it('renders a draft with the markup the editor uses', () => {
    const html = toHtml(openDataDraft);
    expect(html).toContain('<h1>Open Data Policy</h1>');
    expect(html).toContain('<strong>by default</strong>, in <em>open formats</em> and <strong><em>never</em></strong>');
    expect(html).toContain('<s>PDF scans</s>');
    expect(html).toContain(
      '<a target="_blank" rel="noopener noreferrer nofollow" href="https://data.example.org/portal">open data portal</a>',
    );
    expect(html).toContain('<ul><li><p>Open by default</p></li><li><p>Timely and complete</p></li></ul>');
    expect(html).toContain('<ol><li><p>Inventory the datasets</p></li><li><p>Publish them</p></li></ol>');
    expect(html).toContain('<th colspan="1" rowspan="1"><p>Phase</p></th>');
    expect(html).toContain('<td colspan="1" rowspan="1"><p>Q1 2027</p></td>');
  });

  it('shows a <script> typed by an official as text', () => {
    const html = toHtml(doc(paragraph(text('<script>alert("x")</script> & <b>'))));
    expect(html).toBe('<p>&lt;script&gt;alert("x")&lt;/script&gt; &amp; &lt;b&gt;</p>');
  });

  it.each(['javascript:alert(1)', ' JaVa\tScRiPt:alert(1)', 'data:text/html,<script>alert(1)</script>', '/relative'])(
    'drops the link %j and keeps its text',
    (href) => {
      const html = toHtml(doc(paragraph(text('click me', [link(href)]))));
      expect(html).toBe('<p>click me</p>');
    },
  );

  it('keeps mailto links', () => {
    expect(toHtml(doc(paragraph(text('write', [link('mailto:clerk@example.org')]))))).toContain('href="mailto:clerk@example.org"');
  });

  it('escapes quotes in attributes', () => {
    const html = toHtml(doc(paragraph(text('portal', [link('https://example.org/?q="><script>')]))));
    expect(html).toContain('href="https://example.org/?q=&quot;&gt;&lt;script&gt;"');
  });

  it('keeps crafted attributes from smuggling markup or CSS into the page', () => {
    const crafted = doc(
      { type: 'heading', attrs: { level: '1><script>alert(1)</script' }, content: [text('Title')] },
      {
        type: 'table',
        content: [
          {
            type: 'tableRow',
            content: [
              {
                type: 'tableCell',
                attrs: { align: 'left; background: url(https://tracker.example)', colwidth: ['1px; color: red'] },
                content: [paragraph(text('cell'))],
              },
            ],
          },
        ],
      },
    );
    const html = toHtml(crafted);
    expect(html).toContain('<h1>Title</h1>');
    expect(html).not.toContain('tracker');
    expect(html).not.toContain('red');
    expect(html).not.toContain('<script');
  });

  it('renders heading levels deeper than the editor allows as level 3', () => {
    expect(toHtml(doc(heading(6, 'Deep')))).toBe('<h3>Deep</h3>');
  });
});
