import { render } from '@testing-library/react';
import { CommentMarkdown } from './comment-markdown';

function html(source: string): string {
  return render(<CommentMarkdown source={source} />).container.innerHTML;
}

describe('CommentMarkdown', () => {
  it('renders the safe subset: emphasis, code, lists and quotes', () => {
    const { container } = render(
      <CommentMarkdown source={'**Keep** the *clause*, use `CC0`.\nSecond line\n\n- one\n- two\n\n1. first\n\n> quoted'} />,
    );
    expect(container.querySelector('strong')).toHaveTextContent('Keep');
    expect(container.querySelector('em')).toHaveTextContent('clause');
    expect(container.querySelector('code')).toHaveTextContent('CC0');
    expect(container.querySelectorAll('ul li')).toHaveLength(2);
    expect(container.querySelectorAll('ol li')).toHaveLength(1);
    expect(container.querySelector('blockquote')).toHaveTextContent('quoted');
  });

  it('shows HTML as text and never creates a script or an event handler', () => {
    const out = html('<script>alert(1)</script> <img src=x onerror="alert(2)"> <b>bold</b>');
    expect(out).not.toContain('<script');
    expect(out).not.toContain('<img');
    expect(out).not.toContain('<b>');
    expect(out).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
  });

  it('links http, https and mailto addresses, and never links javascript: or data: addresses', () => {
    const { container } = render(
      <CommentMarkdown
        source={
          '[law](https://example.org/law) [mail](mailto:a@example.org) [click](javascript:alert(1)) [x](JaVa\tScRiPt:alert(1)) [d](data:text/html,hi) see https://example.org/a.'
        }
      />,
    );
    const hrefs = [...container.querySelectorAll('a')].map((a) => a.getAttribute('href'));
    expect(hrefs).toEqual(['https://example.org/law', 'mailto:a@example.org', 'https://example.org/a']);
    // A refused address stays readable as text, never as a link or any attribute.
    expect(container.querySelectorAll('[href*="script:" i], [href^="data:"], [src]')).toHaveLength(0);
    expect(container).toHaveTextContent('click');
    for (const link of container.querySelectorAll('a')) expect(link.getAttribute('rel')).toContain('noopener');
  });

  it('shows mentions as @Name, and leaves underscores inside words alone', () => {
    const { container } = render(
      <CommentMarkdown source={'ask @[Aiko Tanaka](11111111-1111-4111-8111-111111111111) about snake_case_names'} />,
    );
    expect(container.querySelector('.mention')).toHaveTextContent('@Aiko Tanaka');
    expect(container).toHaveTextContent('ask @Aiko Tanaka about snake_case_names');
    expect(container.querySelector('em')).toBeNull();
  });
});
