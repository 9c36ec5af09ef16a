// Element ids of a thread in the panel: the thread itself (links and notifications point to it) and the words that
// describe its highlight in the text to screen readers.
export function threadElementId(threadId: string): string {
  return `thread-${threadId}`;
}

export function descriptionId(threadId: string): string {
  return `thread-${threadId}-description`;
}
