// A plan's milestones in due order: status and overdue flag in words, owner, tasks (ticked off by editors) and evidence.
import { useTranslation } from 'react-i18next';
import type { ActionPlan, Milestone } from '@minga/contracts';
import { EmptyState } from '../../components/status-messages';
import { TableExport } from '../../components/table-export';
import { downloadMilestones } from './api';
import { MilestoneItem } from './milestone-item';

interface MilestoneListProps {
  plan: ActionPlan;
  milestones: Milestone[];
  canEdit: boolean;
  /** Removing is for the city's officials only (coordinators help edit but never remove). */
  canDelete: boolean;
  /** File name of the downloads, without extension. */
  filename: string;
}

export function MilestoneList({ plan, milestones, canEdit, canDelete, filename }: MilestoneListProps) {
  const { t } = useTranslation();
  if (milestones.length === 0) return <EmptyState>{t('plans.milestones.empty')}</EmptyState>;
  return (
    <>
      <ol className="milestone-list">
        {milestones.map((milestone) => (
          <MilestoneItem key={milestone.id} plan={plan} milestone={milestone} canEdit={canEdit} canDelete={canDelete} />
        ))}
      </ol>
      <TableExport
        filename={filename}
        subject={t('plans.milestones.exportSubject', {
          plan: plan.modelPolicyName,
          city: plan.cityName,
        })}
        fetchFile={(format) => downloadMilestones(plan.id, format)}
      />
    </>
  );
}
