// Writing a comment: a text area that suggests people to @mention as one types (the people who can see the draft),
// chosen with the arrow keys and Enter or Tab, Escape to close; the list is tied to the text area with
// aria-controls and aria-activedescendant, and its length is announced.
import { useId, useRef, useState, type FormEvent, type KeyboardEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { MAX_COMMENT_BODY, type Mentionable } from '@minga/contracts';
import { FormActions } from '../../components/form-actions';
import { ProblemAlert } from '../../components/problem-alert';
import { useMentionable } from './api';
import { mentionQueryAt, toDisplayBody, toWireBody, type ChosenMentions, type MentionQuery } from './mention-text';
import './comments.css';

interface CommentComposerProps {
  draftId: string;
  label: string;
  submitLabel: string;
  /** The comment's current body when editing, in the API's form. */
  initialBody?: string;
  /** Fields shown before the text (a suggestion's replacement). */
  children?: ReactNode;
  autoFocus?: boolean;
  onSubmit: (body: string) => Promise<unknown>;
  onCancel?: () => void;
}

export function CommentComposer({
  draftId,
  label,
  submitLabel,
  initialBody = '',
  children,
  autoFocus,
  onSubmit,
  onCancel,
}: CommentComposerProps) {
  const { t } = useTranslation();
  const id = useId();
  const [initial] = useState(() => toDisplayBody(initialBody));
  const [text, setText] = useState(initial.text);
  const chosen = useRef<ChosenMentions>(initial.chosen);
  const [query, setQuery] = useState<MentionQuery | null>(null);
  const [activeIndex, setActiveIndex] = useState(0);
  const [error, setError] = useState<unknown>(null);
  const [emptyError, setEmptyError] = useState(false);
  const [pending, setPending] = useState(false);
  const textarea = useRef<HTMLTextAreaElement>(null);
  const people = useMentionable(draftId, query?.text ?? '', query !== null);
  const options: Mentionable[] = query ? (people.data ?? []) : [];
  const open = query !== null && options.length > 0;
  const listId = `${id}-people`;
  const optionId = (index: number) => `${id}-person-${index}`;

  function readQuery(value: string, caret: number) {
    const next = mentionQueryAt(value, caret, chosen.current);
    setQuery(next);
    if (next?.text !== query?.text) setActiveIndex(0);
  }

  function choose(person: Mentionable) {
    if (!query || !textarea.current) return;
    const caret = textarea.current.selectionStart;
    const inserted = `@${person.name} `;
    const next = text.slice(0, query.start) + inserted + text.slice(caret);
    chosen.current.set(person.name, person.id);
    setText(next);
    setQuery(null);
    const position = query.start + inserted.length;
    requestAnimationFrame(() => textarea.current?.setSelectionRange(position, position));
  }

  function onKeyDown(event: KeyboardEvent<HTMLTextAreaElement>) {
    if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
      event.preventDefault();
      setQuery(null);
      event.currentTarget.form?.requestSubmit();
      return;
    }
    if (!open) return;
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault();
      const step = event.key === 'ArrowDown' ? 1 : -1;
      setActiveIndex((index) => (index + step + options.length) % options.length);
    } else if (event.key === 'Enter' || event.key === 'Tab') {
      event.preventDefault();
      const person = options[Math.min(activeIndex, options.length - 1)];
      if (person) choose(person);
    } else if (event.key === 'Escape') {
      // Closes the list only; a second Escape is the form's.
      event.preventDefault();
      event.stopPropagation();
      setQuery(null);
    }
  }

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (text.trim() === '') {
      setEmptyError(true);
      textarea.current?.focus();
      return;
    }
    setEmptyError(false);
    setError(null);
    setPending(true);
    try {
      await onSubmit(toWireBody(text, chosen.current));
      setText('');
      chosen.current = new Map();
    } catch (failure) {
      setError(failure);
    } finally {
      setPending(false);
    }
  }

  const describedBy = [`${id}-hint`, emptyError ? `${id}-error` : ''].filter(Boolean).join(' ');
  return (
    <form
      className="comment-composer"
      onSubmit={(event) => void submit(event)}
      onKeyDown={(event) => {
        if (event.key === 'Escape' && onCancel) {
          event.preventDefault();
          onCancel();
        }
      }}
      noValidate
    >
      {children}
      <div className={emptyError ? 'field field--invalid' : 'field'}>
        <label className="field-label" htmlFor={`${id}-text`}>
          {label}
        </label>
        <p className="field-hint" id={`${id}-hint`}>
          {t('comments.composer.hint')}
        </p>
        <div className="mention-field">
          <textarea
            ref={textarea}
            id={`${id}-text`}
            className="input comment-textarea"
            rows={3}
            value={text}
            maxLength={MAX_COMMENT_BODY}
            autoFocus={autoFocus}
            aria-invalid={emptyError ? true : undefined}
            aria-describedby={describedBy}
            aria-autocomplete="list"
            aria-controls={open ? listId : undefined}
            aria-activedescendant={open ? optionId(Math.min(activeIndex, options.length - 1)) : undefined}
            onChange={(event) => {
              setText(event.target.value);
              readQuery(event.target.value, event.target.selectionStart);
            }}
            onSelect={(event) => readQuery(event.currentTarget.value, event.currentTarget.selectionStart)}
            onKeyDown={onKeyDown}
            onBlur={() => setQuery(null)}
          />
          {open && (
            <ul className="mention-options" role="listbox" id={listId} aria-label={t('comments.composer.people')}>
              {options.map((person, index) => (
                <li
                  key={person.id}
                  id={optionId(index)}
                  role="option"
                  aria-selected={index === activeIndex}
                  className="mention-option"
                  // Chosen on mousedown, before the text area's blur closes the list.
                  onMouseDown={(event) => {
                    event.preventDefault();
                    choose(person);
                  }}
                >
                  <span className="mention-option-name">{person.name}</span>
                  <span className="mention-option-access">{t(`comments.access.${person.access}`)}</span>
                </li>
              ))}
            </ul>
          )}
        </div>
        {emptyError && (
          <p className="field-error" id={`${id}-error`}>
            {t('comments.composer.empty')}
          </p>
        )}
        <p className="visually-hidden" role="status">
          {open ? t('comments.composer.suggestions', { count: options.length }) : ''}
        </p>
      </div>
      {error !== null && <ProblemAlert error={error} />}
      <FormActions submitLabel={submitLabel} pending={pending} pendingLabel={t('comments.composer.sending')} onCancel={onCancel} />
    </form>
  );
}
