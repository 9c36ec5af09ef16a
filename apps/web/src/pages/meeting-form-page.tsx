// Scheduling a cohort's meeting (/cohorts/:cohortId/meetings/new, prefilled by the slot finder through ?start, zone,
// duration, series and rotate), a hub's (/hubs/:hubId/meetings/new), or changing one (/meetings/:meetingId/edit).
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams, useSearchParams } from 'react-router';
import type { CohortOverview, Meeting } from '@minga/contracts';
import { PageHeading } from '../components/page-heading';
import { QueryState } from '../components/query-state';
import { EmptyState } from '../components/status-messages';
import { useCohortOverview } from '../features/cohorts/api';
import { useHub } from '../features/hubs/api';
import { useDraftChoices, useMeeting, usePresenterChoices } from '../features/meetings/api';
import { MeetingForm, type MeetingPrefill } from '../features/meetings/meeting-form';
import { useSession } from '../lib/session';

function choicesOf(overview: CohortOverview | undefined) {
  const people = (overview?.people ?? []).map((person) => ({ id: person.id, name: person.name }));
  return {
    presenters: people,
    invitees: people,
    drafts: (overview?.cities ?? []).flatMap((city) =>
      city.draft ? [{ id: city.draft.id, name: `${city.draft.title} (${city.city.name})` }] : [],
    ),
  };
}

export default function MeetingFormPage() {
  const { meetingId } = useParams();
  return meetingId ? <EditMeeting meetingId={meetingId} /> : <NewMeeting />;
}

function NewMeeting() {
  const { cohortId, hubId } = useParams();
  return cohortId ? <NewCohortMeeting cohortId={cohortId} /> : <NewHubMeeting hubId={hubId ?? ''} />;
}

/** The prefill the slot finder hands over in the query string. */
function usePrefill(): MeetingPrefill {
  const [search] = useSearchParams();
  const number = (value: string | null) => (value && /^\d+$/.test(value) ? Number(value) : undefined);
  return {
    localStart: search.get('start') ?? undefined,
    timeZone: search.get('zone') ?? undefined,
    durationMinutes: number(search.get('duration')),
    seriesLength: number(search.get('series')),
    rotation: (search.get('rotate') ?? '').split(',').filter((time) => /^\d{2}:\d{2}$/.test(time)),
  };
}

/** A meeting of the whole hub: its members are invited; presenters and drafts come from the hub. */
function NewHubMeeting({ hubId }: { hubId: string }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const hub = useHub(hubId);
  const presenters = usePresenterChoices(hubId);
  const drafts = useDraftChoices(hubId);
  return (
    <div className="page page--medium">
      <PageHeading>{hub.data ? t('meetings.form.newHubHeading', { hub: hub.data.name }) : t('meetings.form.newLabel')}</PageHeading>
      <MeetingForm
        owner={{ kind: 'hub', hubId }}
        prefill={usePrefill()}
        presenters={presenters.data ?? []}
        drafts={(drafts.data ?? []).map((draft) => ({ id: draft.id, name: `${draft.title} (${draft.cityName})` }))}
        onSaved={(meeting) => void navigate(`/meetings/${meeting.id}`)}
        onCancel={() => void navigate(`/hubs/${hubId}`)}
      />
    </div>
  );
}

function NewCohortMeeting({ cohortId }: { cohortId: string }) {
  const { t } = useTranslation();
  const { ability } = useSession();
  const canSchedule = (hubId: string) => ability.can('create', { kind: 'Meeting', id: '', hubId, organiserId: '', invited: false });
  const navigate = useNavigate();
  const overview = useCohortOverview(cohortId);
  const prefill = usePrefill();
  const saved = (meeting: Meeting) => void navigate(`/meetings/${meeting.id}`);
  return (
    <div className="page page--medium">
      <PageHeading>
        {overview.data ? t('meetings.form.newHeading', { cohort: overview.data.cohort.name }) : t('meetings.form.newLabel')}
      </PageHeading>
      <QueryState query={overview}>
        {(data) =>
          canSchedule(data.cohort.hubId) ? (
            <MeetingForm
              owner={{ kind: 'cohort', cohortId }}
              prefill={prefill}
              {...choicesOf(data)}
              onSaved={saved}
              onCancel={() => void navigate(`/cohorts/${cohortId}`)}
            />
          ) : (
            <EmptyState>{t('meetings.form.notAllowed')}</EmptyState>
          )
        }
      </QueryState>
    </div>
  );
}

function EditMeeting({ meetingId }: { meetingId: string }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const meeting = useMeeting(meetingId);
  const overview = useCohortOverview(meeting.data?.cohort?.id ?? '');
  // A hub meeting takes its presenters and drafts from the hub, a cohort's from the cohort.
  const hubId = meeting.data && !meeting.data.cohort ? meeting.data.hubId : '';
  const hubPresenters = usePresenterChoices(hubId);
  const hubDrafts = useDraftChoices(hubId);
  const choices = hubId
    ? {
        presenters: hubPresenters.data ?? [],
        drafts: (hubDrafts.data ?? []).map((draft) => ({ id: draft.id, name: `${draft.title} (${draft.cityName})` })),
      }
    : choicesOf(overview.data);
  const back = () => void navigate(`/meetings/${meetingId}`);
  return (
    <div className="page page--medium">
      <PageHeading>
        {meeting.data ? t('meetings.form.editLabel', { title: meeting.data.title }) : t('meetings.occurrence.fallbackTitle')}
      </PageHeading>
      <QueryState query={meeting}>
        {(data) => (
          <MeetingForm
            owner={data.cohort ? { kind: 'cohort', cohortId: data.cohort.id } : { kind: 'hub', hubId: data.hubId }}
            meeting={data}
            {...choices}
            onSaved={back}
            onCancel={back}
          />
        )}
      </QueryState>
    </div>
  );
}
