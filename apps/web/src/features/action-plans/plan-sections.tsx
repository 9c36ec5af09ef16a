// The parts of a plan's page that belong to plans: its intent (with its editor) and milestones (with a form to add one).
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ActionPlan } from '@minga/contracts';
import { ErrorState, LoadingState } from '../../components/status-messages';
import { useDisclosureForm } from '../../components/use-disclosure-form';
import { useMilestones } from './api';
import { ActionPlanForm } from './action-plan-form';
import { MilestoneForm } from './milestone-form';
import { MilestoneList } from './milestone-list';

export function PlanIntent({ plan, canEdit }: { plan: ActionPlan; canEdit: boolean }) {
  const { t } = useTranslation();
  const { open, setOpen, formArea, openButton } = useDisclosureForm('textarea');
  const [saved, setSaved] = useState(false);
  return (
    <>
      <p className="plan-intent">{plan.statementOfIntent || t('plans.noStatement')}</p>
      {canEdit && (
        <div className="city-editor">
          <p role="status" className="status status--success">
            {saved ? t('plans.edit.saved') : ''}
          </p>
          {open ? (
            <div ref={formArea}>
              <ActionPlanForm
                cityId={plan.cityId}
                plan={plan}
                onSaved={() => {
                  setSaved(true);
                  setOpen(false);
                }}
                onCancel={() => setOpen(false)}
              />
            </div>
          ) : (
            <button
              ref={openButton}
              type="button"
              className="button button--secondary"
              onClick={() => {
                setSaved(false);
                setOpen(true);
              }}
            >
              {t('plans.edit.open')}
            </button>
          )}
        </div>
      )}
    </>
  );
}

export function PlanMilestones({
  plan,
  canEdit,
  canDelete,
  filename,
}: {
  plan: ActionPlan;
  canEdit: boolean;
  canDelete: boolean;
  filename: string;
}) {
  const { t } = useTranslation();
  const milestones = useMilestones(plan.id);
  const { open, setOpen, formArea, openButton } = useDisclosureForm('input');
  return (
    <>
      {milestones.isPending && <LoadingState />}
      {milestones.isError && <ErrorState error={milestones.error} onRetry={() => void milestones.refetch()} />}
      {milestones.data && (
        <MilestoneList plan={plan} milestones={milestones.data} canEdit={canEdit} canDelete={canDelete} filename={filename} />
      )}
      {canEdit && (
        <div className="draft-creator">
          {open ? (
            <div ref={formArea}>
              <h3>{t('plans.milestones.newHeading')}</h3>
              <MilestoneForm plan={plan} onSaved={() => setOpen(false)} onCancel={() => setOpen(false)} />
            </div>
          ) : (
            <button ref={openButton} type="button" className="button" onClick={() => setOpen(true)}>
              {t('plans.milestones.open')}
            </button>
          )}
        </div>
      )}
    </>
  );
}
