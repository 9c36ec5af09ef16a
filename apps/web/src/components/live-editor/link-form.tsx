// Adds, changes or removes the link on the selected text; only web and email addresses are accepted.
import { useEffect, useRef, useState, type FormEvent, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { Editor } from '@tiptap/core';
import { isSafeHref } from '@minga/editor';
import { TextField } from '../form-field';

/** "example.org" means the web site and "name@example.org" the address: add the scheme people leave out. */
export function normaliseHref(input: string): string {
  const text = input.trim();
  if (/^[a-z][a-z0-9+.-]*:/i.test(text)) return text;
  if (/^[^\s@/]+@[^\s@/]+\.[^\s@/]+$/.test(text)) return `mailto:${text}`;
  return `https://${text}`;
}

export function LinkForm({ editor, onClose }: { editor: Editor; onClose: () => void }) {
  const { t } = useTranslation();
  const current: unknown = editor.getAttributes('link')['href'];
  const [error, setError] = useState<string | undefined>();
  const formRef = useRef<HTMLFormElement>(null);

  useEffect(() => {
    formRef.current?.querySelector('input')?.focus();
  }, []);

  function apply(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const text = String(new FormData(event.currentTarget).get('href') ?? '').trim();
    if (!text) return setError(t('validation.required'));
    const href = normaliseHref(text);
    if (!isSafeHref(href)) return setError(t('drafts.link.unsafe'));
    const chain = editor.chain().focus().extendMarkRange('link');
    // With nothing selected, the address itself becomes the linked text.
    if (editor.state.selection.empty && !editor.isActive('link')) {
      chain.insertContent({ type: 'text', text, marks: [{ type: 'link', attrs: { href } }] }).run();
    } else {
      chain.setLink({ href }).run();
    }
    onClose();
  }

  function remove() {
    editor.chain().focus().extendMarkRange('link').unsetLink().run();
    onClose();
  }

  function closeOnEscape(event: KeyboardEvent) {
    if (event.key !== 'Escape') return;
    event.preventDefault();
    onClose();
  }

  return (
    <form ref={formRef} className="link-form" onSubmit={apply} onKeyDown={closeOnEscape} noValidate>
      <TextField
        label={t('drafts.link.address')}
        hint={t('drafts.link.hint')}
        name="href"
        type="url"
        inputMode="url"
        autoComplete="off"
        defaultValue={typeof current === 'string' ? current : ''}
        error={error}
      />
      <div className="form-actions">
        <button type="submit" className="button button--small">
          {t('drafts.link.apply')}
        </button>
        {typeof current === 'string' && (
          <button type="button" className="button button--secondary button--small" onClick={remove}>
            {t('drafts.link.remove')}
          </button>
        )}
        <button type="button" className="button button--secondary button--small" onClick={onClose}>
          {t('common.cancel')}
        </button>
      </div>
    </form>
  );
}
