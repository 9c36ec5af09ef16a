// A comment body on screen, through the one renderer the API shares (@minga/editor): Markdown without raw HTML,
// links only to http, https and mailto, mentions as "@Name".
import { useMemo } from 'react';
import { renderCommentMarkdown } from '@minga/editor';
import './comments.css';

export function CommentMarkdown({ source }: { source: string }) {
  const html = useMemo(() => renderCommentMarkdown(source), [source]);
  // The renderer escapes every character of the body it does not turn into one of its own safe elements.
  return <div className="comment-body" dangerouslySetInnerHTML={{ __html: html }} />;
}
