// What one milestone of a plan does: its edit form opens in place of its button, its tasks are ticked off (one save
// at a time) or removed, and the milestone itself is removed.
import type { ActionPlan } from '@minga/contracts';
import { useDisclosureForm } from '../../components/use-disclosure-form';
import { useDeletePlanPart, useUpdateTask } from './api';

export function useMilestoneItem(plan: Pick<ActionPlan, 'id' | 'cityId'>) {
  const editor = useDisclosureForm('input');
  const tasks = useTaskActions(plan);
  const deleteMilestone = useDeletePlanPart(plan, 'milestones');
  const removal = {
    remove: (milestoneId: string) => deleteMilestone.mutate(milestoneId),
    pending: deleteMilestone.isPending,
    failed: deleteMilestone.isError,
  };
  return { editor, tasks, removal };
}

export type MilestoneEditorState = ReturnType<typeof useDisclosureForm>;
export type MilestoneRemoval = ReturnType<typeof useMilestoneItem>['removal'];
export type TaskActions = ReturnType<typeof useTaskActions>;

function useTaskActions(plan: Pick<ActionPlan, 'id' | 'cityId'>) {
  const updateTask = useUpdateTask(plan);
  const deleteTask = useDeletePlanPart(plan, 'tasks');
  return {
    /** A second tick while one is saving waits for the first (its checkbox stays enabled, keeping the keyboard focus). */
    setDone(taskId: string, done: boolean) {
      if (!updateTask.isPending) updateTask.mutate({ taskId, body: { done } });
    },
    saving: updateTask.isPending,
    saveFailed: updateTask.isError,
    remove: (taskId: string) => deleteTask.mutate(taskId),
    removing: deleteTask.isPending,
    removeFailed: (taskId: string) => deleteTask.isError && deleteTask.variables === taskId,
  };
}
