// A plan's milestones in due order: status and overdue flag in words, owner, tasks (ticked off by editors) and evidence.
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { ActionPlan, Milestone } from '@minga/contracts';
import { EmptyState } from '../../components/status-messages';
import { MilestoneStatusTag, OverdueFlag } from '../../components/status-tags';
import { TableExport } from '../../components/table-export';
import { useDisclosureForm } from '../../components/use-disclosure-form';
import { useFormatters } from '../../lib/formatters';
import { ConfirmDeleteButton } from '../../components/confirm-delete-button';
import { downloadMilestones, useDeletePlanPart, useUpdateTask } from './api';
import { MilestoneForm } from './milestone-form';
import { NewTaskForm } from './new-task-form';

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

function MilestoneItem({
  plan,
  milestone,
  canEdit,
  canDelete,
}: {
  plan: ActionPlan;
  milestone: Milestone;
  canEdit: boolean;
  canDelete: boolean;
}) {
  const { t } = useTranslation();
  const format = useFormatters();
  const { open, setOpen, formArea, openButton } = useDisclosureForm('input');
  const updateTask = useUpdateTask(plan);
  const deleteMilestone = useDeletePlanPart(plan, 'milestones');
  const deleteTask = useDeletePlanPart(plan, 'tasks');
  const headingId = `milestone-${milestone.id}`;
  const done = milestone.tasks.filter((task) => task.done).length;

  return (
    <li className={milestone.overdue ? 'milestone milestone--overdue' : 'milestone'} aria-labelledby={headingId}>
      <div className="milestone-head">
        <h3 id={headingId}>{milestone.title}</h3>
        <MilestoneStatusTag status={milestone.status} />
        {milestone.overdue && <OverdueFlag />}
      </div>
      <dl className="milestone-meta">
        <div>
          <dt>{t('plans.milestones.dueDate')}</dt>
          <dd>
            <time dateTime={milestone.dueDate}>{format.day(milestone.dueDate)}</time>
          </dd>
        </div>
        <div>
          <dt>{t('plans.milestones.owner')}</dt>
          <dd>{milestone.owner?.name ?? t('plans.milestones.noOwner')}</dd>
        </div>
        {milestone.fromMeeting && (
          <div>
            <dt>{t('plans.milestones.fromMeeting')}</dt>
            <dd>
              <Link to={`/occurrences/${milestone.fromMeeting.occurrenceId}/minutes`}>
                {t('plans.milestones.fromMeetingLink', {
                  title: milestone.fromMeeting.title,
                  date: format.dateTime(milestone.fromMeeting.startsAt),
                })}
              </Link>
            </dd>
          </div>
        )}
        {milestone.tasks.length > 0 && (
          <div>
            <dt>{t('plans.milestones.tasks')}</dt>
            <dd>
              {t('plans.milestones.tasksDone', {
                done,
                total: milestone.tasks.length,
              })}
            </dd>
          </div>
        )}
      </dl>
      {milestone.tasks.length > 0 && (
        <ul
          className={canEdit ? 'task-list task-list--editable' : 'task-list'}
          aria-label={t('plans.milestones.tasksOf', { title: milestone.title })}
        >
          {milestone.tasks.map((task) => (
            <li key={task.id}>
              {canEdit ? (
                <label className="checkbox">
                  <input
                    type="checkbox"
                    checked={task.done}
                    // Not disabled while saving, which would drop the keyboard focus; a second click waits for the first.
                    aria-busy={updateTask.isPending}
                    onChange={(event) => {
                      if (!updateTask.isPending)
                        updateTask.mutate({
                          taskId: task.id,
                          body: { done: event.target.checked },
                        });
                    }}
                  />
                  {task.title}
                </label>
              ) : (
                <>
                  {task.title}{' '}
                  <span className="muted">({task.done ? t('plans.milestones.taskDone') : t('plans.milestones.taskOpen')})</span>
                </>
              )}
              {canDelete && (
                <ConfirmDeleteButton
                  label={t('plans.milestones.deleteTaskNamed', {
                    title: task.title,
                  })}
                  question={t('plans.milestones.deleteTaskQuestion', {
                    title: task.title,
                  })}
                  onConfirm={() => deleteTask.mutate(task.id)}
                  pending={deleteTask.isPending}
                  failed={deleteTask.isError && deleteTask.variables === task.id}
                />
              )}
            </li>
          ))}
        </ul>
      )}
      {milestone.evidenceLinks.length > 0 && (
        <>
          <p className="muted history-change">{t('plans.milestones.evidence')}</p>
          <ul className="evidence-list">
            {milestone.evidenceLinks.map((link) => (
              <li key={link}>
                <a href={link} rel="noopener noreferrer" target="_blank">
                  {link}
                </a>
              </li>
            ))}
          </ul>
        </>
      )}
      {canEdit && <NewTaskForm plan={plan} milestone={milestone} />}
      {canEdit && (
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
      )}
      {canDelete && !open && (
        <ConfirmDeleteButton
          label={t('plans.milestones.deleteNamed', { title: milestone.title })}
          question={t('plans.milestones.deleteQuestion', {
            title: milestone.title,
          })}
          onConfirm={() => deleteMilestone.mutate(milestone.id)}
          pending={deleteMilestone.isPending}
          failed={deleteMilestone.isError}
        />
      )}
      {updateTask.isError && (
        <p className="field-error" role="alert">
          {t('plans.milestones.taskFailed')}
        </p>
      )}
    </li>
  );
}
