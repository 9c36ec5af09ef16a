import { DRAFT_TRANSITIONS, type DraftStatus } from '@minga/contracts';

/** The statuses a person may move a draft to from here: none unless they may update it. */
export function statusActions(status: DraftStatus, canUpdate: boolean): DraftStatus[] {
  return canUpdate ? DRAFT_TRANSITIONS[status] : [];
}
