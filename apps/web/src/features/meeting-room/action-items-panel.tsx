// Action items agreed in the meeting: owner, due date, city; each can be edited in place by the host or its owner
// and go to one of its city's action plans as a milestone, after which it links there.
import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { ActionItem, CityRef, PersonRef } from '@minga/contracts';
import { SelectField, TextField } from '../../components/form-field';
import { ProblemAlert } from '../../components/problem-alert';
import { QueryState } from '../../components/query-state';
import { useDisclosureForm } from '../../components/use-disclosure-form';
import { useFormErrors, type FieldErrors } from '../../components/use-form-errors';
import { ApiError } from '../../lib/api-client';
import { useFormatters } from '../../lib/formatters';
import {
  useActionItems,
  useCityPlans,
  useCohortPolicyId,
  useCreateActionItem,
  useDeleteActionItem,
  useSendToPlan,
  useUpdateActionItem,
} from './api';
import './meeting-room.css';

interface ActionItemsProps {
  occurrenceId: string;
  isHost: boolean;
  /** Who is looking: the owner of an item may edit it. */
  userId: string | null;
  /** The meeting's cohort, whose model policy picks the default plan. */
  cohortId: string | null;
  /** Who may own an item (the meeting's people). */
  people: readonly PersonRef[];
  cities: readonly CityRef[];
}

type ChoiceProps = Pick<ActionItemsProps, 'people' | 'cities'>;

function milestoneLink(item: Pick<ActionItem, 'actionPlanId' | 'milestoneId'>): string | null {
  if (!item.actionPlanId) return null;
  return `/action-plans/${item.actionPlanId}${item.milestoneId ? `#milestone-${item.milestoneId}` : ''}`;
}

export function ActionItemsSection({ occurrenceId, isHost, userId, cohortId, people, cities }: ActionItemsProps) {
  const { t } = useTranslation();
  const items = useActionItems(occurrenceId);
  const remove = useDeleteActionItem(occurrenceId);
  const policyId = useCohortPolicyId(cohortId);
  return (
    <section className="section" aria-labelledby="action-items-heading">
      <h2 id="action-items-heading">{t('meetingRoom.actionItems.heading')}</h2>
      {remove.isError && <ProblemAlert error={remove.error} />}
      <QueryState query={items} emptyText={t('meetingRoom.actionItems.empty')}>
        {(list) => (
          <div className="table-wrap">
            <table className="table">
              <caption>{t('meetingRoom.actionItems.caption')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('meetingRoom.actionItems.title')}</th>
                  <th scope="col">{t('meetingRoom.actionItems.owner')}</th>
                  <th scope="col">{t('meetingRoom.actionItems.due')}</th>
                  <th scope="col">{t('meetingRoom.actionItems.city')}</th>
                  <th scope="col">{t('meetingRoom.actionItems.plan')}</th>
                </tr>
              </thead>
              <tbody>
                {list.map((item) => (
                  <ActionItemRow
                    key={item.id}
                    occurrenceId={occurrenceId}
                    item={item}
                    canEdit={!item.sentAt && (isHost || (userId !== null && item.owner?.id === userId))}
                    canDelete={isHost}
                    deleting={remove.isPending}
                    onDelete={() => remove.mutate(item.id)}
                    policyId={policyId.data ?? null}
                    people={people}
                    cities={cities}
                  />
                ))}
              </tbody>
            </table>
          </div>
        )}
      </QueryState>
      <NewActionItemForm occurrenceId={occurrenceId} people={people} cities={cities} />
    </section>
  );
}

interface RowProps extends ChoiceProps {
  occurrenceId: string;
  item: ActionItem;
  canEdit: boolean;
  canDelete: boolean;
  deleting: boolean;
  onDelete: () => void;
  policyId: string | null;
}

function ActionItemRow({ occurrenceId, item, canEdit, canDelete, deleting, onDelete, policyId, people, cities }: RowProps) {
  const { t } = useTranslation();
  const formatters = useFormatters();
  const { open, setOpen, formArea, openButton } = useDisclosureForm('input');
  const editId = useId();
  const [sentHere, setSentHere] = useState(false);
  const link = milestoneLink(item);
  return (
    <>
      <tr data-testid="action-item">
        <th scope="row">{item.title}</th>
        <td>{item.owner?.name ?? '–'}</td>
        <td>{item.dueOn ? formatters.day(item.dueOn) : '–'}</td>
        <td>{item.city?.name ?? '–'}</td>
        <td>
          {link ? (
            <SentLink item={item} to={link} focus={sentHere} />
          ) : (
            <>
              <SendToPlan occurrenceId={occurrenceId} item={item} policyId={policyId} onSent={() => setSentHere(true)} />
              <div className="room-actions">
                {canEdit && (
                  <button
                    ref={openButton}
                    type="button"
                    className="button button--secondary button--small"
                    aria-expanded={open}
                    aria-controls={open ? editId : undefined}
                    onClick={() => setOpen(!open)}
                    aria-label={t('meetingRoom.actionItems.editNamed', { title: item.title })}
                  >
                    {t('meetingRoom.actionItems.edit')}
                  </button>
                )}
                {canDelete && (
                  <button
                    type="button"
                    className="button button--danger button--small"
                    disabled={deleting}
                    onClick={onDelete}
                    aria-label={t('meetingRoom.actionItems.deleteNamed', { title: item.title })}
                  >
                    {t('meetingRoom.actionItems.delete')}
                  </button>
                )}
              </div>
              {(!item.city || !item.dueOn) && <p className="room-hint">{t('meetingRoom.actionItems.needsCityAndDate')}</p>}
            </>
          )}
        </td>
      </tr>
      {open && canEdit && (
        <tr>
          <td colSpan={5}>
            <div ref={formArea} id={editId}>
              <EditActionItemForm occurrenceId={occurrenceId} item={item} people={people} cities={cities} onDone={() => setOpen(false)} />
            </div>
          </td>
        </tr>
      )}
    </>
  );
}

/** The link to the milestone; it takes the keyboard focus when it replaces the send button that had it. */
function SentLink({ item, to, focus }: { item: ActionItem; to: string; focus: boolean }) {
  const { t } = useTranslation();
  const link = useRef<HTMLAnchorElement>(null);
  useEffect(() => {
    if (focus) link.current?.focus();
  }, [focus]);
  return (
    <Link ref={link} to={to}>
      {t('meetingRoom.actionItems.sentLink', { title: item.title })}
    </Link>
  );
}

/**
 * Sends the item to its city's plan. With several plans the person chooses one, starting from the plan of the cohort's
 * model policy when there is one; with one plan (or before the city is known) the server picks it.
 */
function SendToPlan({
  occurrenceId,
  item,
  policyId,
  onSent,
}: {
  occurrenceId: string;
  item: ActionItem;
  policyId: string | null;
  onSent: () => void;
}) {
  const { t } = useTranslation();
  const send = useSendToPlan(occurrenceId);
  const plans = useCityPlans(item.city?.id ?? null);
  const choices = plans.data && plans.data.length > 1 ? plans.data : null;
  const defaultPlan = choices?.find((plan) => plan.modelPolicyId === policyId)?.id ?? '';
  const [chosen, setChosen] = useState<string | null>(null);
  const planId = chosen ?? defaultPlan;
  const [missing, setMissing] = useState(false);
  const form = useRef<HTMLFormElement>(null);

  function submit(event: FormEvent) {
    event.preventDefault();
    if (choices && !planId) {
      setMissing(true);
      form.current?.querySelector('select')?.focus();
      return;
    }
    setMissing(false);
    send.mutate({ id: item.id, body: choices ? { actionPlanId: planId } : {} }, { onSuccess: onSent });
  }

  return (
    <form ref={form} className="room-send" onSubmit={submit} noValidate>
      {send.isError && <ProblemAlert error={send.error} />}
      {choices && (
        <SelectField
          label={t('meetingRoom.actionItems.choosePlan', { title: item.title })}
          value={planId}
          onChange={(event) => setChosen(event.target.value)}
          error={
            missing
              ? t('meetingRoom.actionItems.planRequired')
              : send.error instanceof ApiError
                ? send.error.fieldErrors['actionPlanId']
                : undefined
          }
        >
          <option value="">{t('meetingRoom.actionItems.noPlan')}</option>
          {choices.map((plan) => (
            <option key={plan.id} value={plan.id}>
              {plan.modelPolicyName}
            </option>
          ))}
        </SelectField>
      )}
      <button
        type="submit"
        className="button button--secondary button--small"
        disabled={send.isPending || plans.isLoading}
        aria-label={t('meetingRoom.actionItems.sendNamed', { title: item.title })}
      >
        {t('meetingRoom.actionItems.send')}
      </button>
    </form>
  );
}

interface FieldsProps extends ChoiceProps {
  values: ItemValues;
  onChange: (values: ItemValues) => void;
  errors: FieldErrors;
}

interface ItemValues {
  title: string;
  ownerId: string;
  dueOn: string;
  cityId: string;
}

const emptyValues: ItemValues = { title: '', ownerId: '', dueOn: '', cityId: '' };

function ActionItemFields({ values, onChange, errors, people, cities }: FieldsProps) {
  const { t } = useTranslation();
  const set = (field: keyof ItemValues) => (event: { target: { value: string } }) => onChange({ ...values, [field]: event.target.value });
  return (
    <div className="room-form-grid">
      <TextField
        label={t('meetingRoom.actionItems.title')}
        value={values.title}
        onChange={set('title')}
        error={errors['title']}
        maxLength={300}
      />
      <SelectField label={t('meetingRoom.actionItems.owner')} value={values.ownerId} onChange={set('ownerId')} error={errors['ownerId']}>
        <option value="">{t('meetingRoom.actionItems.noOwner')}</option>
        {people.map((person) => (
          <option key={person.id} value={person.id}>
            {person.name}
          </option>
        ))}
      </SelectField>
      <TextField
        label={t('meetingRoom.actionItems.due')}
        type="date"
        value={values.dueOn}
        onChange={set('dueOn')}
        error={errors['dueOn']}
      />
      <SelectField label={t('meetingRoom.actionItems.city')} value={values.cityId} onChange={set('cityId')} error={errors['cityId']}>
        <option value="">{t('meetingRoom.actionItems.noCity')}</option>
        {cities.map((city) => (
          <option key={city.id} value={city.id}>
            {city.name}
          </option>
        ))}
      </SelectField>
    </div>
  );
}

function checkTitle(values: ItemValues, message: string): FieldErrors {
  return values.title.trim() ? {} : { title: message };
}

function bodyOf(values: ItemValues) {
  return { title: values.title.trim(), ownerId: values.ownerId || null, dueOn: values.dueOn || null, cityId: values.cityId || null };
}

/** Choices that the lists lack (an owner who is not among the meeting's people) stay selectable. */
function withCurrent<T extends { id: string }>(list: readonly T[], current: T | null): readonly T[] {
  return current && !list.some((entry) => entry.id === current.id) ? [...list, current] : list;
}

function EditActionItemForm({
  occurrenceId,
  item,
  people,
  cities,
  onDone,
}: ChoiceProps & { occurrenceId: string; item: ActionItem; onDone: () => void }) {
  const { t } = useTranslation();
  const update = useUpdateActionItem(occurrenceId);
  const form = useRef<HTMLFormElement>(null);
  const headingId = useId();
  const [values, setValues] = useState<ItemValues>({
    title: item.title,
    ownerId: item.owner?.id ?? '',
    dueOn: item.dueOn ?? '',
    cityId: item.city?.id ?? '',
  });
  const [clientErrors, setClientErrors] = useState<FieldErrors>({});
  const errors = useFormErrors(form, clientErrors, update.error);

  function submit(event: FormEvent) {
    event.preventDefault();
    const found = checkTitle(values, t('meetingRoom.actionItems.titleRequired'));
    setClientErrors(found);
    if (Object.keys(found).length > 0) return;
    update.mutate({ id: item.id, body: bodyOf(values) }, { onSuccess: onDone });
  }

  return (
    <form ref={form} className="room-new-item" onSubmit={submit} noValidate aria-labelledby={headingId}>
      <h3 id={headingId}>{t('meetingRoom.actionItems.editHeading', { title: item.title })}</h3>
      {update.isError && <ProblemAlert error={update.error} />}
      <ActionItemFields
        values={values}
        onChange={setValues}
        errors={errors}
        people={withCurrent(people, item.owner)}
        cities={withCurrent(cities, item.city)}
      />
      <div className="room-actions">
        <button type="submit" className="button" disabled={update.isPending}>
          {t('meetingRoom.actionItems.save')}
        </button>
        <button type="button" className="button button--secondary" onClick={onDone}>
          {t('meetingRoom.actionItems.cancel')}
        </button>
      </div>
    </form>
  );
}

function NewActionItemForm({ occurrenceId, people, cities }: ChoiceProps & { occurrenceId: string }) {
  const { t } = useTranslation();
  const create = useCreateActionItem(occurrenceId);
  const form = useRef<HTMLFormElement>(null);
  const [values, setValues] = useState<ItemValues>(emptyValues);
  const [clientErrors, setClientErrors] = useState<FieldErrors>({});
  const errors = useFormErrors(form, clientErrors, create.error);

  function submit(event: FormEvent) {
    event.preventDefault();
    const found = checkTitle(values, t('meetingRoom.actionItems.titleRequired'));
    setClientErrors(found);
    if (Object.keys(found).length > 0) return;
    create.mutate(bodyOf(values), { onSuccess: () => setValues(emptyValues) });
  }

  return (
    <form ref={form} className="room-new-item" onSubmit={submit} noValidate aria-labelledby="new-action-item">
      <h3 id="new-action-item">{t('meetingRoom.actionItems.new')}</h3>
      {create.isError && <ProblemAlert error={create.error} />}
      <ActionItemFields values={values} onChange={setValues} errors={errors} people={people} cities={cities} />
      <button type="submit" className="button" disabled={create.isPending}>
        {t('meetingRoom.actionItems.add')}
      </button>
    </form>
  );
}
