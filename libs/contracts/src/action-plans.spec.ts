import { createMilestoneSchema, evidenceLinkSchema, importQuerySchema, updateActionPlanSchema } from './action-plans';
import { createKpiSchema, kpiStatusOf, type KpiTrajectory } from './kpis';

describe('evidence links', () => {
  it.each([
    ['https://datos.cdmx.gob.mx/dataset/victimas', true],
    ['http://datos.cdmx.gob.mx/', false],
    ['ftp://example.org/file', false],
    ['javascript:alert(1)', false],
    ['https://', false],
  ])('%s is accepted: %s', (url, ok) => {
    expect(evidenceLinkSchema.safeParse(url).success).toBe(ok);
  });

  it('names the link that is wrong', () => {
    const result = createMilestoneSchema.safeParse({
      title: 'Portal',
      dueDate: '2024-01-31',
      evidenceLinks: ['https://ok.example.org', 'http://no.example.org'],
    });
    expect(result.error?.issues.map((i) => i.path.join('.'))).toEqual(['evidenceLinks.1']);
  });
});

describe('action plans', () => {
  it('keeps a PATCH to what it names', () => {
    expect(updateActionPlanSchema.parse({ stage: 'adopted' })).toEqual({ stage: 'adopted' });
    expect(updateActionPlanSchema.safeParse({ stage: 'signed' }).success).toBe(false);
    expect(updateActionPlanSchema.safeParse({ cityId: 'x' }).success).toBe(false);
  });

  it('reads dryRun only as true or false', () => {
    expect(importQuerySchema.parse({}).dryRun).toBe(false);
    expect(importQuerySchema.parse({ dryRun: 'true' }).dryRun).toBe(true);
    expect(importQuerySchema.safeParse({ dryRun: 'yes' }).success).toBe(false);
  });
});

describe('KPI trajectory', () => {
  const crime = {
    name: 'High-impact crime',
    unit: 'cases',
    direction: 'down',
    baselineValue: 6708,
    baselineDate: '2018-10-01',
    targetValue: 2500,
    targetDate: '2023-03-01',
  };

  it('accepts a target below the baseline for a KPI where down is good', () => {
    expect(createKpiSchema.safeParse(crime).success).toBe(true);
  });

  it('rejects a target in the wrong direction and a target date before the baseline', () => {
    const result = createKpiSchema.safeParse({ ...crime, direction: 'up', targetDate: '2018-01-01' });
    expect(result.error?.issues.map((i) => i.path.join('.')).sort()).toEqual(['targetDate', 'targetValue']);
  });
});

describe('KPI status rule', () => {
  // 800,000 services in 2019 towards 2.5 million at the end of 2024: 1.7 million over 1827 days.
  const services: KpiTrajectory = {
    direction: 'up',
    baselineValue: 800_000,
    baselineDate: '2019-12-31',
    targetValue: 2_500_000,
    targetDate: '2024-12-31',
  };
  const crime: KpiTrajectory = {
    direction: 'down',
    baselineValue: 6708,
    baselineDate: '2018-10-01',
    targetValue: 2500,
    targetDate: '2023-03-01',
  };

  it.each([
    ['no measurement', services, null, 'no_data'],
    ['at the baseline on its date', services, { date: '2019-12-31', value: 800_000 }, 'on_track'],
    ['half way at half time', services, { date: '2022-07-01', value: 1_700_000 }, 'on_track'],
    ['5% of the distance behind at half time', services, { date: '2022-07-01', value: 1_600_000 }, 'at_risk'],
    ['20% of the distance behind at half time', services, { date: '2022-07-01', value: 1_300_000 }, 'off_track'],
    ['past the target date, short of the target', services, { date: '2025-06-30', value: 2_300_000 }, 'off_track'],
    ['past the target date, beyond it', services, { date: '2025-06-30', value: 2_600_000 }, 'on_track'],
    ['a measurement before the baseline is held to the baseline', services, { date: '2018-01-01', value: 790_000 }, 'at_risk'],
    ['down is good: fewer cases than expected', crime, { date: '2020-12-01', value: 4000 }, 'on_track'],
    ['down is good: cases still at the baseline half way', crime, { date: '2020-12-15', value: 6708 }, 'off_track'],
    ['down is good: the target reached on its date', crime, { date: '2023-03-01', value: 2500 }, 'on_track'],
  ] as const)('%s → %s', (_, kpi, latest, status) => {
    expect(kpiStatusOf(kpi, latest)).toBe(status);
  });
});
