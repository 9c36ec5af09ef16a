// One published plan as the public sees it: stage, progress, intent, milestones and KPIs with their charts.
import { useTranslation } from 'react-i18next';
import type { OpenCityPlans } from '@minga/contracts';
import { DataTable } from '../../components/data-table';
import { KpiChart } from '../../components/kpi-chart';
import { ProgressMeter } from '../../components/progress-meter';
import { StageTag } from '../../components/stage-tag';
import { EmptyState } from '../../components/status-messages';
import { KpiStatusTag, MilestoneStatusTag, OverdueFlag } from '../../components/status-tags';
import { useFormatters } from '../../lib/formatters';
import { slug } from '../../lib/slug';

type OpenPlanData = OpenCityPlans['plans'][number];

export function OpenPlan({ plan }: { plan: OpenPlanData }) {
  const { t } = useTranslation();
  const format = useFormatters();
  const headingId = `open-plan-${plan.id}`;
  const withUnit = (value: number, unit: string) => t('kpis.valueWithUnit', { value: format.number(value), unit });
  return (
    <section className="section" aria-labelledby={headingId}>
      <h2 id={headingId}>{plan.modelPolicyName}</h2>
      <dl className="facts plan-summary">
        <div className="facts-item">
          <dt>{t('plans.stageLabel')}</dt>
          <dd>
            <StageTag stage={plan.stage} />
          </dd>
        </div>
        <div className="facts-item">
          <dt>{t('plans.progress')}</dt>
          <dd>
            <ProgressMeter share={plan.progress / 100} />
          </dd>
        </div>
        <div className="facts-item">
          <dt>{t('plans.publication')}</dt>
          <dd>{t('plans.publishedOn', { date: format.date(plan.publishedAt) })}</dd>
        </div>
        <div className="facts-item">
          <dt>{t('openData.updated')}</dt>
          <dd>{format.date(plan.updatedAt)}</dd>
        </div>
      </dl>
      <h3 className="subsection-heading">{t('plans.statementOfIntent')}</h3>
      <p className="plan-intent">{plan.statementOfIntent || t('plans.noStatement')}</p>

      <h3 className="subsection-heading">{t('plans.milestonesLabel')}</h3>
      <DataTable
        caption={t('openData.milestonesCaption', { plan: plan.modelPolicyName, city: plan.cityName })}
        emptyText={t('plans.milestones.empty')}
        rows={plan.milestones}
        rowKey={(milestone) => milestone.id}
        columns={[
          { header: t('plans.milestones.title'), rowHeader: true, cell: (milestone) => milestone.title },
          {
            header: t('plans.milestones.dueDate'),
            cell: (milestone) => <time dateTime={milestone.dueDate}>{format.day(milestone.dueDate)}</time>,
          },
          {
            header: t('plans.milestones.status'),
            cell: (milestone) => (
              <>
                <MilestoneStatusTag status={milestone.status} /> {milestone.overdue && <OverdueFlag />}
              </>
            ),
          },
          {
            header: t('plans.milestones.tasks'),
            cell: (milestone) =>
              milestone.taskCount === 0
                ? t('plans.milestones.noTasks')
                : t('plans.milestones.tasksDone', { done: milestone.tasksDone, total: milestone.taskCount }),
          },
        ]}
      />

      <h3 className="subsection-heading">{t('kpis.title')}</h3>
      {plan.kpis.length === 0 ? (
        <EmptyState>{t('kpis.empty')}</EmptyState>
      ) : (
        <ul className="milestone-list">
          {plan.kpis.map((kpi) => (
            <li key={kpi.id} className="milestone">
              <div className="milestone-head">
                <h4 className="kpi-name">{kpi.name}</h4>
                <KpiStatusTag status={kpi.status} />
              </div>
              <p>
                {kpi.latestValue === null || kpi.latestDate === null
                  ? t('kpis.noMeasurement')
                  : t('openData.kpiLine', {
                      latest: withUnit(kpi.latestValue, kpi.unit),
                      date: format.day(kpi.latestDate),
                      target: withUnit(kpi.targetValue, kpi.unit),
                      targetDate: format.day(kpi.targetDate),
                    })}
              </p>
              <KpiChart kpi={kpi} measurements={kpi.measurements} filename={slug(plan.cityName, kpi.name)} />
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
