// The route table: public pages, then signed-in pages; every page but sign-in loads on demand.
import { lazy } from 'react';
import { Navigate, type RouteObject } from 'react-router';
import { SignInPage } from '../pages/sign-in-page';
import { AppLayout } from './app-layout';
import { PublicLayout } from './public-layout';
import { RouteError } from './route-error';

const HubsPage = lazy(() => import('../pages/hubs-page'));
const HubPage = lazy(() => import('../pages/hub-page'));
const CityPage = lazy(() => import('../pages/city-page'));
const DraftsPage = lazy(() => import('../pages/drafts-page'));
const DraftPage = lazy(() => import('../pages/draft-page'));
const PeoplePage = lazy(() => import('../pages/people-page'));
const ProfilePage = lazy(() => import('../pages/profile-page'));
const InvitationPage = lazy(() => import('../pages/invitation-page'));
const ActionPlanPage = lazy(() => import('../pages/action-plan-page'));
const DashboardsPage = lazy(() => import('../pages/dashboards-page'));
const HubDashboardPage = lazy(() => import('../pages/hub-dashboard-page'));
const CohortDashboardPage = lazy(() => import('../pages/cohort-dashboard-page'));
const OpenCityPage = lazy(() => import('../pages/open-city-page'));
const OpenHubPage = lazy(() => import('../pages/open-hub-page'));
const MeetingRoomPage = lazy(() => import('../pages/meeting-room-page'));
const MeetingMinutesPage = lazy(() => import('../pages/meeting-minutes-page'));
const CohortPage = lazy(() => import('../pages/cohort-page'));
const CohortFormPage = lazy(() => import('../pages/cohort-form-page'));
const MeetingPage = lazy(() => import('../pages/meeting-page'));
const MeetingFormPage = lazy(() => import('../pages/meeting-form-page'));
const OccurrencePage = lazy(() => import('../pages/occurrence-page'));
const MyMeetingsPage = lazy(() => import('../pages/my-meetings-page'));
const NotFoundPage = lazy(() => import('../pages/not-found-page'));

export const routes: RouteObject[] = [
  {
    errorElement: <RouteError />,
    children: [
      {
        element: <PublicLayout />,
        children: [
          { path: 'sign-in', element: <SignInPage /> },
          { path: 'invitations/:token', element: <InvitationPage /> },
          { path: 'open-data/cities/:cityId', element: <OpenCityPage /> },
          { path: 'open-data/hubs/:hubId', element: <OpenHubPage /> },
        ],
      },
      {
        element: <AppLayout />,
        children: [
          { index: true, element: <Navigate to="/hubs" replace /> },
          { path: 'hubs', element: <HubsPage /> },
          { path: 'hubs/:hubId', element: <HubPage /> },
          { path: 'hubs/:hubId/dashboard', element: <HubDashboardPage /> },
          { path: 'dashboards', element: <DashboardsPage /> },
          { path: 'action-plans/:planId', element: <ActionPlanPage /> },
          { path: 'cities/:cityId', element: <CityPage /> },
          { path: 'drafts', element: <DraftsPage /> },
          { path: 'drafts/:draftId', element: <DraftPage /> },
          { path: 'people', element: <PeoplePage /> },
          { path: 'profile', element: <ProfilePage /> },
          { path: 'occurrences/:occurrenceId/room', element: <MeetingRoomPage /> },
          { path: 'occurrences/:occurrenceId/minutes', element: <MeetingMinutesPage /> },
          { path: 'hubs/:hubId/cohorts/new', element: <CohortFormPage /> },
          { path: 'cohorts/:cohortId', element: <CohortPage /> },
          { path: 'cohorts/:cohortId/edit', element: <CohortFormPage /> },
          { path: 'cohorts/:cohortId/dashboard', element: <CohortDashboardPage /> },
          { path: 'cohorts/:cohortId/meetings/new', element: <MeetingFormPage /> },
          { path: 'hubs/:hubId/meetings/new', element: <MeetingFormPage /> },
          { path: 'meetings', element: <MyMeetingsPage /> },
          { path: 'meetings/:meetingId', element: <MeetingPage /> },
          { path: 'meetings/:meetingId/edit', element: <MeetingFormPage /> },
          { path: 'occurrences/:occurrenceId', element: <OccurrencePage /> },
          { path: '*', element: <NotFoundPage /> },
        ],
      },
    ],
  },
];
