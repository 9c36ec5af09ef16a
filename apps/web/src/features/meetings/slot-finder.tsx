// The fair slot finder: for a date range and a length, the best times for a cohort, each in the viewer's zone and in
// every participating zone, naming who would be outside their working hours (or on their weekend). For a series it
// also shows a rotation that spreads the inconvenient hours across regions. Choosing a slot starts the schedule form.
import { useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { slotQuerySchema, type Slot, type SlotQuery } from '@minga/contracts';
import { TextField } from '../../components/form-field';
import { ProblemAlert } from '../../components/problem-alert';
import { EmptyState, LoadingState } from '../../components/status-messages';
import { useFormErrors, type FieldErrors } from '../../components/use-form-errors';
import { useFormatters } from '../../lib/formatters';
import { validate } from '../../lib/validation';
import { useSlots } from './api';
import { useMeetingClock } from './meeting-time';
import { dayShift, zoneCity } from './zone-times';
import './meetings.css';

interface SlotFinderProps {
  cohortId: string;
  /** The first meeting's slot, for a series how many meetings, and the rotation when one was chosen. */
  onChoose: (slot: Slot, seriesLength: number | null, rotation?: Slot[]) => void;
}

const isoDay = (at: Date) => at.toISOString().slice(0, 10);

export function SlotFinder({ cohortId, onChoose }: SlotFinderProps) {
  const { t } = useTranslation();
  const formRef = useRef<HTMLFormElement>(null);
  const [query, setQuery] = useState<SlotQuery | null>(null);
  const [clientErrors, setClientErrors] = useState<FieldErrors>({});
  const slots = useSlots(cohortId, query);
  const errors = useFormErrors(formRef, clientErrors, slots.error);
  const today = new Date();

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    const series = String(data.get('seriesLength') ?? '').trim();
    const result = validate(
      slotQuerySchema,
      {
        from: String(data.get('from') ?? ''),
        to: String(data.get('to') ?? ''),
        durationMinutes: String(data.get('durationMinutes') ?? ''),
        seriesLength: series === '' ? undefined : series,
      },
      t,
    );
    if (!result.ok) {
      setClientErrors({ ...result.errors, ...customMessages(result.errors, t) });
      return;
    }
    setClientErrors({});
    setQuery({
      from: result.data.from,
      to: result.data.to,
      durationMinutes: result.data.durationMinutes,
      ...(result.data.seriesLength ? { seriesLength: result.data.seriesLength } : {}),
    });
  }

  const seriesLength = query?.seriesLength ? Number(query.seriesLength) : null;
  const rotation = slots.data?.rotation ?? null;
  const firstRotation = rotation?.[0];
  return (
    <div className="slot-finder">
      <form ref={formRef} className="form form--wide" onSubmit={submit} noValidate aria-label={t('meetings.slots.formLabel')}>
        <div className="field-row">
          <TextField
            label={t('meetings.slots.from')}
            name="from"
            type="date"
            required
            defaultValue={isoDay(new Date(today.getTime() + 86_400_000))}
            error={errors['from']}
          />
          <TextField
            label={t('meetings.slots.to')}
            name="to"
            type="date"
            required
            defaultValue={isoDay(new Date(today.getTime() + 15 * 86_400_000))}
            error={errors['to']}
          />
        </div>
        <div className="field-row">
          <TextField
            label={t('meetings.slots.duration')}
            name="durationMinutes"
            type="number"
            inputMode="numeric"
            min={5}
            max={720}
            required
            defaultValue={60}
            error={errors['durationMinutes']}
          />
          <TextField
            label={t('meetings.slots.seriesLength')}
            hint={t('meetings.slots.seriesLengthHint')}
            name="seriesLength"
            type="number"
            inputMode="numeric"
            min={2}
            max={24}
            error={errors['seriesLength']}
          />
        </div>
        <div className="form-actions">
          <button type="submit" className="button" disabled={slots.isFetching}>
            {slots.isFetching ? t('meetings.slots.finding') : t('meetings.slots.find')}
          </button>
        </div>
      </form>
      {slots.isError && <ProblemAlert error={slots.error} />}
      {query && slots.isPending && <LoadingState />}
      {slots.data && (
        <div className="slot-results">
          {/* Only the summary is announced: reading every proposal aloud on arrival would drown the form. */}
          <p role="status">{t('meetings.slots.summary', { number: slots.data.participantCount, options: slots.data.slots.length })}</p>
          {rotation && firstRotation && seriesLength && (
            <Rotation
              slots={rotation}
              burden={slots.data.burdenByZone ?? []}
              onChoose={() => onChoose(firstRotation, seriesLength, rotation)}
            />
          )}
          {slots.data.slots.length === 0 ? (
            <EmptyState>{t('meetings.slots.none')}</EmptyState>
          ) : (
            <>
              <h3>{t('meetings.slots.bestHeading')}</h3>
              <ol className="slot-list">
                {slots.data.slots.map((slot, index) => (
                  <SlotCard key={slot.startsAt} slot={slot} number={index + 1} onChoose={() => onChoose(slot, seriesLength)} />
                ))}
              </ol>
            </>
          )}
        </div>
      )}
    </div>
  );
}

/** Custom refinements (an end before the start, a range too long) in the interface language. */
function customMessages(errors: FieldErrors, t: (key: string) => string): FieldErrors {
  const invalid = t('validation.invalid');
  return errors['to'] === invalid ? { to: t('meetings.slots.rangeError') } : {};
}

function SlotTime({ slot }: { slot: Slot }) {
  const { t } = useTranslation();
  const format = useFormatters();
  const clock = useMeetingClock();
  const start = new Date(slot.startsAt);
  return (
    <>{t('meetings.time.range', { from: clock(start, format.timeZone, true), to: clock(new Date(slot.endsAt), format.timeZone, false) })}</>
  );
}

function SlotCard({ slot, number, onChoose }: { slot: Slot; number: number; onChoose: () => void }) {
  const { t } = useTranslation();
  const format = useFormatters();
  const clock = useMeetingClock();
  const start = new Date(slot.startsAt);
  const headingId = `slot-${slot.startsAt.replace(/\W/g, '')}`;
  return (
    <li className="slot" aria-labelledby={headingId}>
      <div className="slot-head">
        <h4 className="slot-title" id={headingId}>
          {t('meetings.slots.option', { number })}: <SlotTime slot={slot} /> {t('meetings.slots.yourTime')}
        </h4>
        <button type="button" className="button button--secondary" onClick={onChoose} aria-describedby={headingId}>
          {t('meetings.slots.choose')}
        </button>
      </div>
      <p className="meeting-item-meta">
        {slot.local
          .map((zone) => {
            const shift = dayShift(start, format.timeZone, zone.timeZone);
            const places = zone.places.length > 0 ? zone.places.join(', ') : zoneCity(zone.timeZone);
            const shiftText =
              shift === 0
                ? ''
                : ` ${t(Math.abs(shift) === 1 ? 'meetings.time.dayShiftOne' : 'meetings.time.dayShiftMany', { shift: shift > 0 ? `+${shift}` : `${shift}` })}`;
            return t('meetings.slots.localIn', { places, time: clock(start, zone.timeZone, false) + shiftText });
          })
          .join(' · ')}
      </p>
      {slot.outside.length === 0 ? (
        <p className="slot-fits">{t('meetings.slots.everyoneInside')}</p>
      ) : (
        <>
          <p>{t('meetings.slots.outsideCount', { outside: slot.outside.length, inside: slot.insideCount })}</p>
          <ul className="slot-outside" aria-label={t('meetings.slots.outsideLabel')}>
            {slot.outside.map((person) => (
              <li key={person.person.id}>
                {t('meetings.slots.outsidePerson', {
                  name: person.person.name,
                  place: person.cityName ?? zoneCity(person.timeZone),
                  time: clock(start, person.timeZone, false),
                })}{' '}
                {person.weekend
                  ? t('meetings.slots.weekend')
                  : t('meetings.slots.minutesOutside', { minutes: format.number(person.minutesOutside) })}
              </li>
            ))}
          </ul>
        </>
      )}
    </li>
  );
}

function Rotation({
  slots,
  burden,
  onChoose,
}: {
  slots: Slot[];
  burden: { timeZone: string; places: string[]; meetingsOutsideHours: number }[];
  onChoose: () => void;
}) {
  const { t } = useTranslation();
  const format = useFormatters();
  return (
    <section className="slot-rotation" aria-labelledby="slot-rotation-heading">
      <h3 id="slot-rotation-heading">{t('meetings.slots.rotationHeading', { number: slots.length })}</h3>
      <p>{t('meetings.slots.rotationIntro')}</p>
      <ol className="agenda-list">
        {slots.map((slot) => (
          <li key={slot.startsAt}>
            <SlotTime slot={slot} />{' '}
            <span className="meeting-item-meta">
              {slot.outside.length === 0
                ? t('meetings.slots.everyoneInside')
                : t('meetings.slots.outsideNames', { names: slot.outside.map((person) => person.person.name).join(', ') })}
            </span>
          </li>
        ))}
      </ol>
      {burden.length > 0 && (
        <div className="table-wrap">
          <table className="table">
            <caption>{t('meetings.slots.burdenCaption')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('meetings.slots.zone')}</th>
                <th scope="col" className="numeric">
                  {t('meetings.slots.meetingsOutside')}
                </th>
              </tr>
            </thead>
            <tbody>
              {burden.map((zone) => (
                <tr key={zone.timeZone}>
                  <th scope="row">{zone.places.length > 0 ? zone.places.join(', ') : zoneCity(zone.timeZone)}</th>
                  <td className="numeric">{format.number(zone.meetingsOutsideHours)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <button type="button" className="button" onClick={onChoose}>
        {t('meetings.slots.chooseSeries', { number: slots.length })}
      </button>
    </section>
  );
}
