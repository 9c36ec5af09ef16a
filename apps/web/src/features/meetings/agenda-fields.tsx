// The agenda of a meeting or one occurrence as editable rows: title, minutes, presenter, linked draft and section.
// Rows are added, removed and moved with buttons, and focus follows the row that moved, for keyboard users.
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AgendaItem, AgendaItemInput } from '@minga/contracts';
import { SelectField, TextField } from '../../components/form-field';
import type { FieldErrors } from '../../components/use-form-errors';
import { useDraftSections } from './api';

export interface Choice {
  id: string;
  name: string;
}

export interface AgendaRow {
  key: string;
  title: string;
  durationMinutes: string;
  presenterId: string;
  draftId: string;
  draftSection: string;
}

export function agendaRowsOf(items: AgendaItem[]): AgendaRow[] {
  return items.map((item) => ({
    key: item.id,
    title: item.title,
    durationMinutes: String(item.durationMinutes),
    presenterId: item.presenter?.id ?? '',
    draftId: item.draft?.id ?? '',
    draftSection: item.draftSection ?? '',
  }));
}

/** What the API takes: blank choices as null, minutes as a number (or the text, for the schema to reject). */
export function agendaInputOf(rows: AgendaRow[]): AgendaItemInput[] {
  return rows.map((row) => ({
    title: row.title,
    durationMinutes: row.durationMinutes.trim() === '' ? Number.NaN : Number(row.durationMinutes),
    presenterId: row.presenterId || null,
    draftId: row.draftId || null,
    draftSection: row.draftSection.trim() || null,
  }));
}

function blankRow(): AgendaRow {
  return { key: crypto.randomUUID(), title: '', durationMinutes: '15', presenterId: '', draftId: '', draftSection: '' };
}

interface AgendaFieldsProps {
  rows: AgendaRow[];
  onChange: (rows: AgendaRow[]) => void;
  presenters: Choice[];
  drafts: Choice[];
  errors: FieldErrors;
  /** Where the API reports the agenda's errors: `agenda` for a meeting, `items` for one occurrence. */
  errorPrefix: string;
}

export function AgendaFields({ rows, onChange, presenters, drafts, errors, errorPrefix }: AgendaFieldsProps) {
  const { t } = useTranslation();
  const list = useRef<HTMLOListElement>(null);
  const [focus, setFocus] = useState<{ key: string; control: string } | null>(null);

  useEffect(() => {
    if (!focus) return;
    list.current?.querySelector<HTMLElement>(`[data-row="${focus.key}"] [data-control="${focus.control}"]`)?.focus();
    setFocus(null);
  }, [focus]);

  const update = (index: number, patch: Partial<AgendaRow>) => onChange(rows.map((row, i) => (i === index ? { ...row, ...patch } : row)));
  const move = (index: number, by: number, control: string) => {
    const next = [...rows];
    const [row] = next.splice(index, 1);
    if (!row) return;
    next.splice(index + by, 0, row);
    onChange(next);
    setFocus({ key: row.key, control: index + by === 0 && by < 0 ? 'down' : index + by === rows.length - 1 && by > 0 ? 'up' : control });
  };
  const remove = (index: number) => {
    onChange(rows.filter((_, i) => i !== index));
    const neighbour = rows[index + 1] ?? rows[index - 1];
    if (neighbour) setFocus({ key: neighbour.key, control: 'title' });
  };
  const add = () => {
    const row = blankRow();
    onChange([...rows, row]);
    setFocus({ key: row.key, control: 'title' });
  };
  const error = (index: number, field: string) => errors[`${errorPrefix}.${index}.${field}`];

  return (
    <fieldset className="fieldset">
      <legend>{t('meetings.agenda.heading')}</legend>
      {rows.length === 0 && <p className="field-hint">{t('meetings.agenda.empty')}</p>}
      {errors[errorPrefix] && <p className="field-error">{errors[errorPrefix]}</p>}
      <ol className="plain-list" ref={list}>
        {rows.map((row, index) => {
          const label = (name: string) => t('meetings.agenda.fieldOf', { field: name, number: index + 1 });
          return (
            <li key={row.key} data-row={row.key} className="agenda-editor-item">
              <div className="field-row">
                <TextField
                  label={label(t('meetings.agenda.title'))}
                  value={row.title}
                  maxLength={200}
                  data-control="title"
                  onChange={(event) => update(index, { title: event.target.value })}
                  error={error(index, 'title')}
                />
                <TextField
                  label={label(t('meetings.agenda.minutes'))}
                  type="number"
                  inputMode="numeric"
                  min={1}
                  value={row.durationMinutes}
                  onChange={(event) => update(index, { durationMinutes: event.target.value })}
                  error={error(index, 'durationMinutes')}
                />
              </div>
              <div className="field-row">
                <SelectField
                  label={label(t('meetings.agenda.presenter'))}
                  value={row.presenterId}
                  onChange={(event) => update(index, { presenterId: event.target.value })}
                  error={error(index, 'presenterId')}
                >
                  <option value="">{t('meetings.agenda.noPresenter')}</option>
                  {presenters.map((person) => (
                    <option key={person.id} value={person.id}>
                      {person.name}
                    </option>
                  ))}
                </SelectField>
                <SelectField
                  label={label(t('meetings.agenda.draft'))}
                  value={row.draftId}
                  onChange={(event) =>
                    update(index, { draftId: event.target.value, draftSection: event.target.value ? row.draftSection : '' })
                  }
                  error={error(index, 'draftId')}
                >
                  <option value="">{t('meetings.agenda.noDraft')}</option>
                  {drafts.map((draft) => (
                    <option key={draft.id} value={draft.id}>
                      {draft.name}
                    </option>
                  ))}
                </SelectField>
              </div>
              {row.draftId && (
                <SectionField
                  draftId={row.draftId}
                  label={label(t('meetings.agenda.section'))}
                  value={row.draftSection}
                  onChange={(draftSection) => update(index, { draftSection })}
                  error={error(index, 'draftSection')}
                />
              )}
              <div className="agenda-editor-item-actions">
                {index > 0 && (
                  <button
                    type="button"
                    className="button button--secondary button--small"
                    data-control="up"
                    onClick={() => move(index, -1, 'up')}
                  >
                    {t('meetings.agenda.moveUp', { number: index + 1 })}
                  </button>
                )}
                {index < rows.length - 1 && (
                  <button
                    type="button"
                    className="button button--secondary button--small"
                    data-control="down"
                    onClick={() => move(index, 1, 'down')}
                  >
                    {t('meetings.agenda.moveDown', { number: index + 1 })}
                  </button>
                )}
                <button type="button" className="button button--danger button--small" onClick={() => remove(index)}>
                  {t('meetings.agenda.remove', { number: index + 1 })}
                </button>
              </div>
            </li>
          );
        })}
      </ol>
      <button type="button" className="button button--secondary" onClick={add}>
        {t('meetings.agenda.add')}
      </button>
    </fieldset>
  );
}

interface SectionFieldProps {
  draftId: string;
  label: string;
  value: string;
  onChange: (section: string) => void;
  error?: string;
}

/**
 * The section of the linked draft, chosen among its headings as they are now (the room opens the draft there, by the
 * heading's text). A section since renamed in the draft stays listed, marked. While the headings load the choice
 * waits, disabled, so the control never changes type under the user; if they cannot be read, the section is typed.
 */
function SectionField({ draftId, label, value, onChange, error }: SectionFieldProps) {
  const { t } = useTranslation();
  const sections = useDraftSections(draftId);
  if (sections.isError) {
    return (
      <TextField
        label={label}
        hint={t('meetings.agenda.sectionHint')}
        value={value}
        maxLength={300}
        onChange={(event) => onChange(event.target.value)}
        error={error}
      />
    );
  }
  const current = value.trim();
  const headings = sections.data ?? [];
  // Until the headings are here, the current section is listed as it is; once they are, it is marked if it is gone.
  const unlisted = current !== '' && !headings.includes(current);
  return (
    <SelectField
      label={label}
      hint={t('meetings.agenda.sectionChoiceHint')}
      value={current}
      disabled={sections.isPending}
      aria-busy={sections.isPending}
      onChange={(event) => onChange(event.target.value)}
      error={error}
    >
      <option value="">{t('meetings.agenda.wholeDraft')}</option>
      {unlisted && <option value={current}>{sections.data ? t('meetings.agenda.sectionGone', { section: current }) : current}</option>}
      {headings.map((section) => (
        <option key={section} value={section}>
          {section}
        </option>
      ))}
    </SelectField>
  );
}
