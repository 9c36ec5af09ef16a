// One milestone of a plan: what everyone sees of it, and for editors a new task, the milestone's own form in place
// of its Edit button, and (for officials) its removal.
import { useTranslation } from 'react-i18next';
import type { ActionPlan, Milestone } from '@minga/contracts';
import { DeleteMilestoneButton, MilestoneEditor } from './milestone-editor';
import { EvidenceLinks, MilestoneFacts, MilestoneHead, MilestoneTasks } from './milestone-view';
import { NewTaskForm } from './new-task-form';
import { useMilestoneItem } from './use-milestone-item';
import './action-plans.css';

interface MilestoneItemProps {
  plan: ActionPlan;
  milestone: Milestone;
  canEdit: boolean;
  /** Removing is for the city's officials only (coordinators help edit but never remove). */
  canDelete: boolean;
}

export function MilestoneItem({ plan, milestone, canEdit, canDelete }: MilestoneItemProps) {
  const { t } = useTranslation();
  const { editor, tasks, removal } = useMilestoneItem(plan);
  const headingId = `milestone-${milestone.id}`;

  return (
    <li className={milestone.overdue ? 'milestone milestone--overdue' : 'milestone'} aria-labelledby={headingId}>
      <MilestoneHead milestone={milestone} headingId={headingId} />
      <MilestoneFacts milestone={milestone} />
      {milestone.tasks.length > 0 && <MilestoneTasks milestone={milestone} canEdit={canEdit} canDelete={canDelete} actions={tasks} />}
      {milestone.evidenceLinks.length > 0 && <EvidenceLinks links={milestone.evidenceLinks} />}
      {canEdit && <NewTaskForm plan={plan} milestone={milestone} />}
      {canEdit && <MilestoneEditor plan={plan} milestone={milestone} editor={editor} />}
      {canDelete && !editor.open && <DeleteMilestoneButton milestone={milestone} removal={removal} />}
      {tasks.saveFailed && (
        <p className="field-error" role="alert">
          {t('plans.milestones.taskFailed')}
        </p>
      )}
    </li>
  );
}
