// What editors do to a milestone itself: its form opens in place of its Edit button (the keyboard goes into the form
// and back to the button), and officials remove it after a question asked in place.
import { useTranslation } from 'react-i18next';
import type { ActionPlan, Milestone } from '@minga/contracts';
import { ConfirmDeleteButton } from '../../components/confirm-delete-button';
import { MilestoneForm } from './milestone-form';
import type { MilestoneEditorState, MilestoneRemoval } from './use-milestone-item';
import './action-plans.css';

interface MilestoneEditorProps {
  plan: ActionPlan;
  milestone: Milestone;
  editor: MilestoneEditorState;
}

export function MilestoneEditor({ plan, milestone, editor }: MilestoneEditorProps) {
  const { t } = useTranslation();
  const { open, setOpen, formArea, openButton } = editor;
  return (
    <div className="milestone-editor">
      {open ? (
        <div ref={formArea}>
          <MilestoneForm plan={plan} milestone={milestone} onSaved={() => setOpen(false)} onCancel={() => setOpen(false)} />
        </div>
      ) : (
        <button
          ref={openButton}
          type="button"
          className="button button--secondary button--small"
          aria-label={t('plans.milestones.editNamed', {
            title: milestone.title,
          })}
          onClick={() => setOpen(true)}
        >
          {t('plans.milestones.edit')}
        </button>
      )}
    </div>
  );
}

export function DeleteMilestoneButton({ milestone, removal }: { milestone: Milestone; removal: MilestoneRemoval }) {
  const { t } = useTranslation();
  return (
    <ConfirmDeleteButton
      label={t('plans.milestones.deleteNamed', { title: milestone.title })}
      question={t('plans.milestones.deleteQuestion', {
        title: milestone.title,
      })}
      onConfirm={() => removal.remove(milestone.id)}
      pending={removal.pending}
      failed={removal.failed}
    />
  );
}
