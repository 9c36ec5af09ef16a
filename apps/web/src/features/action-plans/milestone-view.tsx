// What a milestone shows to everyone: its title with status and overdue flag in words, its facts (due date, owner,
// the meeting it came from, tasks done), its tasks (ticked off by editors) and its evidence links.
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { Milestone } from '@minga/contracts';
import { ConfirmDeleteButton } from '../../components/confirm-delete-button';
import { MilestoneStatusTag, OverdueFlag } from '../../components/status-tags';
import { useFormatters } from '../../lib/formatters';
import type { TaskActions } from './use-milestone-item';
import './action-plans.css';

type Task = Milestone['tasks'][number];

export function MilestoneHead({ milestone, headingId }: { milestone: Milestone; headingId: string }) {
  return (
    <div className="milestone-head">
      <h3 id={headingId}>{milestone.title}</h3>
      <MilestoneStatusTag status={milestone.status} />
      {milestone.overdue && <OverdueFlag />}
    </div>
  );
}

export function MilestoneFacts({ milestone }: { milestone: Milestone }) {
  const { t } = useTranslation();
  const format = useFormatters();
  const { fromMeeting, tasks } = milestone;
  return (
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
      {fromMeeting && (
        <div>
          <dt>{t('plans.milestones.fromMeeting')}</dt>
          <dd>
            <Link to={`/occurrences/${fromMeeting.occurrenceId}/minutes`}>
              {t('plans.milestones.fromMeetingLink', {
                title: fromMeeting.title,
                date: format.dateTime(fromMeeting.startsAt),
              })}
            </Link>
          </dd>
        </div>
      )}
      {tasks.length > 0 && (
        <div>
          <dt>{t('plans.milestones.tasks')}</dt>
          <dd>
            {t('plans.milestones.tasksDone', {
              done: tasks.filter((task) => task.done).length,
              total: tasks.length,
            })}
          </dd>
        </div>
      )}
    </dl>
  );
}

interface TaskListProps {
  milestone: Milestone;
  canEdit: boolean;
  canDelete: boolean;
  actions: TaskActions;
}

export function MilestoneTasks({ milestone, canEdit, canDelete, actions }: TaskListProps) {
  const { t } = useTranslation();
  return (
    <ul
      className={canEdit ? 'task-list task-list--editable' : 'task-list'}
      aria-label={t('plans.milestones.tasksOf', { title: milestone.title })}
    >
      {milestone.tasks.map((task) => (
        <li key={task.id}>
          {canEdit ? <TaskCheckbox task={task} actions={actions} /> : <TaskText task={task} />}
          {canDelete && <DeleteTaskButton task={task} actions={actions} />}
        </li>
      ))}
    </ul>
  );
}

function TaskCheckbox({ task, actions }: { task: Task; actions: TaskActions }) {
  return (
    <label className="checkbox">
      <input
        type="checkbox"
        checked={task.done}
        // Not disabled while saving, which would drop the keyboard focus; a second click waits for the first.
        aria-busy={actions.saving}
        onChange={(event) => actions.setDone(task.id, event.target.checked)}
      />
      {task.title}
    </label>
  );
}

function TaskText({ task }: { task: Task }) {
  const { t } = useTranslation();
  return (
    <>
      {task.title} <span className="muted">({task.done ? t('plans.milestones.taskDone') : t('plans.milestones.taskOpen')})</span>
    </>
  );
}

function DeleteTaskButton({ task, actions }: { task: Task; actions: TaskActions }) {
  const { t } = useTranslation();
  return (
    <ConfirmDeleteButton
      label={t('plans.milestones.deleteTaskNamed', { title: task.title })}
      question={t('plans.milestones.deleteTaskQuestion', { title: task.title })}
      onConfirm={() => actions.remove(task.id)}
      pending={actions.removing}
      failed={actions.removeFailed(task.id)}
    />
  );
}

export function EvidenceLinks({ links }: { links: string[] }) {
  const { t } = useTranslation();
  return (
    <>
      <p className="muted history-change">{t('plans.milestones.evidence')}</p>
      <ul className="evidence-list">
        {links.map((link) => (
          <li key={link}>
            <a href={link} rel="noopener noreferrer" target="_blank">
              {link}
            </a>
          </li>
        ))}
      </ul>
    </>
  );
}
