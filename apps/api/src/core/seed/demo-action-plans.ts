// Demo action plans. Workplans and KPI figures come from seed-facts.json (public reports); stages, due dates and
// statuses are demo choices, and so is everything marked "illustrative": the reports give no such figures.
import type { AdoptionStage, KpiDirection, MilestoneStatus } from '@minga/contracts';
import seedFacts from './seed-facts.json';

interface DemoMilestone {
  title: string;
  dueDate: string;
  status: MilestoneStatus;
  tasks?: { title: string; done: boolean }[];
  evidenceLinks?: string[];
}
interface DemoKpi {
  name: string;
  unit: string;
  direction: KpiDirection;
  baseline: { value: number; date: string };
  target: { value: number; date: string };
  measurements: { value: number; date: string; source: string; note?: string }[];
}
interface DemoActionPlan {
  city: string;
  country: string;
  policy: string;
  stage: AdoptionStage;
  published: boolean;
  statementOfIntent: string;
  milestones: DemoMilestone[];
  kpis: DemoKpi[];
}

interface FactCity {
  name: string;
  country: string;
  goal?: string;
  workplan?: string[];
  draft_sections?: string[];
  discussion_group?: string[];
  kpis?: {
    name: string;
    unit: string;
    direction: KpiDirection;
    points: { date: string; value: number }[];
    target?: { date: string; value: number };
  }[];
}
const facts = seedFacts.cities as FactCity[];
const city = (name: string): FactCity => {
  const found = facts.find((c) => c.name === name);
  if (!found) throw new Error(`seed-facts.json has no city ${name}`);
  return found;
};
const kpiFact = (cityName: string, name: string) => {
  const found = city(cityName).kpis?.find((k) => k.name === name);
  if (!found) throw new Error(`seed-facts.json has no KPI ${name} for ${cityName}`);
  const [first] = found.points;
  const last = found.points.at(-1);
  if (!first || !last) throw new Error(`seed-facts.json has no figures for KPI ${name} of ${cityName}`);
  return { ...found, first, last };
};
/** The first six steps of a city's workplan, which its demo milestones are named after. */
const workplan = (cityName: string): [string, string, string, string, string, string] => {
  const [a, b, c, d, e, f] = city(cityName).workplan ?? [];
  if (a === undefined || b === undefined || c === undefined || d === undefined || e === undefined || f === undefined) {
    throw new Error(`seed-facts.json has fewer than six workplan steps for ${cityName}`);
  }
  return [a, b, c, d, e, f];
};
const REPORT = 'Governing Smart Cities white paper (Nov 2023)';

function mexicoCity(): DemoActionPlan {
  const facts = city('Mexico City');
  const [intent, analysis, responsibility, portal, monitoring, share] = workplan('Mexico City');
  const crime = kpiFact('Mexico City', 'High-impact crime cases per month');
  const safe = kpiFact('Mexico City', 'Residents who consider the city safe');
  return {
    city: 'Mexico City',
    country: 'MX',
    policy: 'open-data',
    stage: 'implementing',
    published: true,
    statementOfIntent: facts.goal ?? '',
    milestones: [
      { title: intent, dueDate: '2019-03-31', status: 'done' },
      { title: analysis, dueDate: '2019-09-30', status: 'done' },
      { title: responsibility, dueDate: '2020-06-30', status: 'done' },
      { title: portal, dueDate: '2021-12-31', status: 'done', evidenceLinks: ['https://datos.cdmx.gob.mx/'] },
      { title: monitoring, dueDate: '2023-06-30', status: 'done' },
      {
        title: share,
        dueDate: '2027-06-30',
        status: 'in_progress',
        tasks: [
          { title: 'Publish the portal source code under an open licence', done: true },
          { title: 'Document deployment for other cities', done: false },
        ],
      },
    ],
    // The report gives where the figures went, not a target: the figure reached is used as the target (illustrative).
    kpis: [crime, safe].map((k) => ({
      name: k.name,
      unit: k.unit,
      direction: k.direction,
      baseline: k.first,
      target: k.last,
      measurements: k.points.map((p) => ({ ...p, source: REPORT })),
    })),
  };
}

function istanbul(): DemoActionPlan {
  const facts = city('Istanbul');
  const [strategy, awareness, localize, draft, legal, finalize] = workplan('Istanbul');
  const services = kpiFact('Istanbul', 'Annual social services delivered');
  return {
    city: 'Istanbul',
    country: 'TR',
    policy: 'ict-accessibility',
    stage: 'legal_review',
    published: false,
    statementOfIntent: facts.goal ?? '',
    milestones: [
      { title: strategy, dueDate: '2021-06-30', status: 'done' },
      { title: awareness, dueDate: '2021-12-31', status: 'done' },
      { title: localize, dueDate: '2022-06-30', status: 'done' },
      { title: draft, dueDate: '2022-12-31', status: 'done' },
      { title: legal, dueDate: '2027-03-31', status: 'in_progress' },
      { title: finalize, dueDate: '2027-09-30', status: 'planned' },
    ],
    kpis: [
      {
        name: services.name,
        unit: services.unit,
        direction: services.direction,
        baseline: services.first,
        target: services.target ?? services.first,
        measurements: services.points.map((p) => ({ ...p, source: REPORT })),
      },
    ],
  };
}

function tsukuba(): DemoActionPlan {
  const facts = city('Tsukuba');
  return {
    city: 'Tsukuba',
    country: 'JP',
    policy: 'pia',
    stage: 'draft',
    published: false,
    statementOfIntent: facts.goal ?? '',
    milestones: [
      {
        title: 'Convene the discussion group',
        dueDate: '2025-09-30',
        status: 'done',
        tasks: (facts.discussion_group ?? []).map((member) => ({ title: `Invite ${member}`, done: true })),
      },
      {
        title: 'Draft the privacy impact assessment ordinance',
        dueDate: '2027-03-31',
        status: 'in_progress',
        tasks: (facts.draft_sections ?? []).map((section, i) => ({ title: `Section: ${section}`, done: i < 2 })),
      },
      { title: 'Public consultation on the draft', dueDate: '2027-09-30', status: 'planned' },
    ],
    kpis: [],
  };
}

/** A Latin America plan that is behind, so the hub dashboard shows who and why (illustrative figures). */
function medellin(): DemoActionPlan {
  return {
    city: 'Medellin',
    country: 'CO',
    policy: 'open-data',
    stage: 'localize',
    published: false,
    statementOfIntent: 'Open the city’s mobility and safety data to residents and researchers (illustrative demo plan).',
    milestones: [
      { title: 'Statement of intent', dueDate: '2024-06-30', status: 'done' },
      { title: 'Comparative analysis against the model policy', dueDate: '2025-06-30', status: 'in_progress' },
      { title: 'Assign responsibility for continuous data updates', dueDate: '2025-12-31', status: 'blocked' },
      { title: 'Launch the open data portal', dueDate: '2027-12-31', status: 'planned' },
    ],
    kpis: [
      {
        name: 'Open datasets on the portal',
        unit: 'datasets',
        direction: 'up',
        baseline: { value: 40, date: '2024-01-01' },
        target: { value: 200, date: '2026-12-31' },
        measurements: [
          { value: 40, date: '2024-01-01', source: 'Illustrative demo figure' },
          { value: 52, date: '2026-06-30', source: 'Illustrative demo figure' },
        ],
      },
    ],
  };
}

/** A second Mexico City plan, at risk: a milestone due soon and a KPI just behind (illustrative figures). */
function mexicoCityCyber(): DemoActionPlan {
  return {
    city: 'Mexico City',
    country: 'MX',
    policy: 'cyber-accountability',
    stage: 'assess',
    published: false,
    statementOfIntent: 'Assign accountability for the cybersecurity of city systems (illustrative demo plan).',
    milestones: [{ title: 'Inventory of critical city systems', dueDate: '2027-12-31', status: 'in_progress' }],
    kpis: [
      {
        name: 'City systems with a named security owner',
        unit: '%',
        direction: 'up',
        baseline: { value: 10, date: '2025-01-01' },
        target: { value: 90, date: '2027-01-01' },
        measurements: [{ value: 60, date: '2026-06-30', source: 'Illustrative demo figure' }],
      },
    ],
  };
}

export function demoActionPlans(): DemoActionPlan[] {
  return [mexicoCity(), mexicoCityCyber(), istanbul(), tsukuba(), medellin()];
}
