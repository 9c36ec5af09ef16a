// Test data for action plans, KPIs and dashboards, shaped by the contracts: Mexico City's open-data plan in the Latin America hub.
import type { ActionPlan, DashboardCity, HubDashboard, Kpi, Milestone, RoleAssignment } from '@minga/contracts';
import { OPEN_DATA_POLICY_ID, role } from './fixtures';

export const LATAM_HUB_ID = '1b2c3d4e-5f6a-4b7c-8d9e-0f1a2b3c4d5e';
export const MEXICO_CITY_ID = '2c3d4e5f-6a7b-4c8d-9e0f-1a2b3c4d5e6f';
const MEDELLIN_ID = '3d4e5f6a-7b8c-4d9e-8f0a-2b3c4d5e6f7a';
const PIA_POLICY_ID = '4e5f6a7b-8c9d-4e0f-9a1b-3c4d5e6f7a8b';
export const PLAN_ID = '5f6a7b8c-9d0e-4f1a-8b2c-4d5e6f7a8b9c';
export const KPI_ID = '6a7b8c9d-0e1f-4a2b-9c3d-5e6f7a8b9c0d';

export const officialOfMexicoCity: RoleAssignment = role({
  role: 'official',
  cityId: MEXICO_CITY_ID,
  scopeHubId: LATAM_HUB_ID,
  scopeName: 'Mexico City',
});
export const expertOfLatam: RoleAssignment = role({
  role: 'expert',
  hubId: LATAM_HUB_ID,
  scopeHubId: LATAM_HUB_ID,
  scopeName: 'Latin America',
});

export const coordinatorOfLatam: RoleAssignment = role({
  role: 'coordinator',
  hubId: LATAM_HUB_ID,
  scopeHubId: LATAM_HUB_ID,
  scopeName: 'Latin America',
});

export function actionPlan(overrides: Partial<ActionPlan> = {}): ActionPlan {
  return {
    id: PLAN_ID,
    cityId: MEXICO_CITY_ID,
    cityName: 'Mexico City',
    hubId: LATAM_HUB_ID,
    modelPolicyId: OPEN_DATA_POLICY_ID,
    modelPolicyKey: 'open-data',
    modelPolicyName: 'Open data',
    statementOfIntent: 'Let residents, NGOs and companies use data on crime, accidents and mobility.',
    stage: 'implementing',
    published: true,
    publishedAt: '2026-01-10T09:00:00.000Z',
    draftId: null,
    progress: 50,
    milestoneCount: 2,
    overdueCount: 1,
    kpiCount: 1,
    createdAt: '2026-01-05T09:00:00.000Z',
    updatedAt: '2026-01-12T09:00:00.000Z',
    ...overrides,
  };
}

export function milestone(overrides: Partial<Milestone> = {}): Milestone {
  return {
    id: '7b8c9d0e-1f2a-4b3c-8d4e-6f7a8b9c0d1e',
    actionPlanId: PLAN_ID,
    title: 'Update the open data portal with resident feedback',
    dueDate: '2026-02-01',
    owner: {
      id: '22222222-2222-4222-8222-222222222222',
      name: 'Lucía Hernández',
    },
    status: 'in_progress',
    evidenceLinks: ['https://datos.cdmx.gob.mx/'],
    tasks: [
      {
        id: '8c9d0e1f-2a3b-4c4d-9e5f-7a8b9c0d1e2f',
        milestoneId: '7b8c9d0e-1f2a-4b3c-8d4e-6f7a8b9c0d1e',
        title: 'Survey residents',
        done: true,
      },
      {
        id: '9d0e1f2a-3b4c-4d5e-8f6a-8b9c0d1e2f3a',
        milestoneId: '7b8c9d0e-1f2a-4b3c-8d4e-6f7a8b9c0d1e',
        title: 'Publish changes',
        done: false,
      },
    ],
    overdue: true,
    fromMeeting: null,
    createdAt: '2026-01-05T09:00:00.000Z',
    updatedAt: '2026-01-12T09:00:00.000Z',
    ...overrides,
  };
}

export function kpi(overrides: Partial<Kpi> = {}): Kpi {
  return {
    id: KPI_ID,
    actionPlanId: PLAN_ID,
    name: 'High-impact crime cases per month',
    unit: 'cases',
    direction: 'down',
    baselineValue: 6708,
    baselineDate: '2018-10-01',
    targetValue: 2000,
    targetDate: '2024-12-31',
    latestValue: 2500,
    latestDate: '2023-03-01',
    status: 'on_track',
    progress: 0.89,
    measurementCount: 2,
    createdAt: '2026-01-05T09:00:00.000Z',
    updatedAt: '2026-01-12T09:00:00.000Z',
    ...overrides,
  };
}

function dashboardCity(overrides: Partial<DashboardCity> & Pick<DashboardCity, 'id' | 'name'>): DashboardCity {
  return {
    country: 'MX',
    status: 'on_track',
    planCount: 1,
    milestonesDue: 0,
    milestonesOverdue: 0,
    kpis: { total: 1, onTrack: 1, atRisk: 0, offTrack: 0, noData: 0 },
    kpiProgress: 0.89,
    overdueMilestones: [],
    offTrackKpis: [],
    ...overrides,
  };
}

export function hubDashboard(): HubDashboard {
  return {
    hub: { id: LATAM_HUB_ID, key: 'latam', name: 'Latin America' },
    filters: {},
    modelPolicies: [
      { id: OPEN_DATA_POLICY_ID, key: 'open-data', name: 'Open data' },
      { id: PIA_POLICY_ID, key: 'pia', name: 'Privacy impact assessment' },
    ],
    cities: [
      dashboardCity({ id: MEXICO_CITY_ID, name: 'Mexico City' }),
      dashboardCity({
        id: MEDELLIN_ID,
        name: 'Medellín',
        country: 'CO',
        status: 'behind',
        milestonesOverdue: 1,
        kpis: { total: 1, onTrack: 0, atRisk: 0, offTrack: 1, noData: 0 },
        kpiProgress: 0.2,
        overdueMilestones: [
          {
            id: '0e1f2a3b-4c5d-4e6f-9a7b-9c0d1e2f3a4b',
            actionPlanId: '1f2a3b4c-5d6e-4f7a-8b8c-0d1e2f3a4b5c',
            title: 'Legal team review',
            dueDate: '2025-11-30',
          },
        ],
        offTrackKpis: [
          {
            id: '2a3b4c5d-6e7f-4a8b-9c9d-1e2f3a4b5c6d',
            actionPlanId: '1f2a3b4c-5d6e-4f7a-8b8c-0d1e2f3a4b5c',
            name: 'Assessments published',
            progress: 0.2,
          },
        ],
      }),
    ],
    cells: [
      {
        cityId: MEXICO_CITY_ID,
        modelPolicyId: OPEN_DATA_POLICY_ID,
        actionPlanId: PLAN_ID,
        stage: 'implementing',
        published: true,
        progress: 50,
        overdueCount: 0,
      },
      {
        cityId: MEDELLIN_ID,
        modelPolicyId: PIA_POLICY_ID,
        actionPlanId: '1f2a3b4c-5d6e-4f7a-8b8c-0d1e2f3a4b5c',
        stage: 'legal_review',
        published: false,
        progress: 20,
        overdueCount: 1,
      },
    ],
    totals: {
      cities: 2,
      plans: 2,
      milestonesDue: 0,
      milestonesOverdue: 1,
      kpisOffTrack: 1,
      citiesBehind: 1,
    },
  };
}
