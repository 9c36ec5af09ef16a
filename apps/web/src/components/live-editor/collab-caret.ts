// Another person's caret in a live document: a coloured bar with their name.
// The presence list says who is here in words; the carets inside the text would only repeat names to screen readers.
export function renderCollabCaret(user: Record<string, unknown>): HTMLElement {
  const caret = document.createElement('span');
  caret.className = 'collaboration-carets__caret';
  caret.setAttribute('aria-hidden', 'true');
  caret.style.borderColor = String(user['color']);
  const label = document.createElement('span');
  label.className = 'collaboration-carets__label';
  label.style.backgroundColor = String(user['color']);
  label.textContent = String(user['name'] ?? '');
  caret.append(label);
  return caret;
}
