// The parts of a plan's page that belong to plans: its intent (with its editor) and milestones (with a form to add one).
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ActionPlan } from '@minga/contracts';
import { DisclosureForm } from '../../components/disclosure-form';
import { QueryState } from '../../components/query-state';
import { useMilestones } from './api';
import { ActionPlanForm } from './action-plan-form';
import { MilestoneForm } from './milestone-form';
import { MilestoneList } from './milestone-list';

export function PlanIntent({ plan, canEdit }: { plan: ActionPlan; canEdit: boolean }) {
  const { t } = useTranslation();
  const [saved, setSaved] = useState(false);
  return (
    <>
      <p className="plan-intent">{plan.statementOfIntent || t('plans.noStatement')}</p>
      {canEdit && (
        <div className="city-editor">
          <p role="status" className="status status--success">
            {saved ? t('plans.edit.saved') : ''}
          </p>
          <DisclosureForm
            label={t('plans.edit.open')}
            buttonClassName="button button--secondary"
            focusSelector="textarea"
            onOpen={() => setSaved(false)}
          >
            {(close) => (
              <ActionPlanForm
                cityId={plan.cityId}
                plan={plan}
                onSaved={() => {
                  setSaved(true);
                  close();
                }}
                onCancel={close}
              />
            )}
          </DisclosureForm>
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
  return (
    <>
      <QueryState query={milestones}>
        {(list) => <MilestoneList plan={plan} milestones={list} canEdit={canEdit} canDelete={canDelete} filename={filename} />}
      </QueryState>
      {canEdit && (
        <DisclosureForm label={t('plans.milestones.open')} className="draft-creator" focusSelector="input">
          {(close) => (
            <>
              <h3>{t('plans.milestones.newHeading')}</h3>
              <MilestoneForm plan={plan} onSaved={close} onCancel={close} />
            </>
          )}
        </DisclosureForm>
      )}
    </>
  );
}
