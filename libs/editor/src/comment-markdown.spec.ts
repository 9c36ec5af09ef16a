import { commentPlainText, renderCommentMarkdown } from './comment-markdown';

const ID = '5b1e2c3d-4f56-4a78-9b0c-1d2e3f4a5b6c';

describe('comment markdown', () => {
  it('renders the safe subset: emphasis, code, lists, quotes, links to the web', () => {
    const html = renderCommentMarkdown(
      '**Must** be _clear_, ~~maybe~~ `code`\n\n- one\n- two\n\n> quoted\n\nSee [the law](https://example.org/law)',
    );
    expect(html).toContain('<strong>Must</strong>');
    expect(html).toContain('<em>clear</em>');
    expect(html).toContain('<s>maybe</s>');
    expect(html).toContain('<code>code</code>');
    expect(html).toContain('<li>one</li>');
    expect(html).toContain('<blockquote>');
    expect(html).toContain('<a href="https://example.org/law" rel="noopener noreferrer nofollow" target="_blank">the law</a>');
  });

  it.each([
    '<script>alert(1)</script>',
    '<img src=x onerror=alert(1)>',
    '[click](javascript:alert(1))',
    '[click](java\tscript:alert(1))',
    '[data](data:text/html;base64,PHNjcmlwdD4=)',
    '![pic](https://example.org/x.png)',
    '<a href="https://example.org" onclick="alert(1)">x</a>',
  ])('never lets %s through as markup', (body) => {
    const html = renderCommentMarkdown(body);
    expect(html).not.toMatch(/<(script|img|iframe)/i);
    expect(html).not.toMatch(/href="(javascript|data|java)/i);
    expect(html).not.toMatch(/<a [^>]*onclick/i);
  });

  it('keeps the line breaks of a multi-line comment', () => {
    expect(renderCommentMarkdown('First line\nsecond line')).toContain('First line<br>');
  });

  it('shows a mention as a marked name, escaped, and not as a link', () => {
    const html = renderCommentMarkdown(`Thanks @[Ana <b>R</b>](${ID})!`);
    expect(html).toContain(`<span class="mention" data-user-id="${ID}">@Ana &lt;b&gt;R&lt;/b&gt;</span>`);
    expect(html).not.toContain('<a');
  });

  it('reads mentions as names in plain text', () => {
    expect(commentPlainText(`Ask @[Ana R.](${ID}) and @[Li](${ID.toUpperCase()})`)).toBe('Ask @Ana R. and @Li');
  });
});
