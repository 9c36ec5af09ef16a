// Migrations are listed explicitly: the API is bundled, so TypeORM cannot glob for them.
import { Foundation1764000000000 } from './1764000000000-foundation';
import { Collab1764100000000 } from './1764100000000-collab';
import { Drafts1764200000000 } from './1764200000000-drafts';
import { Versions1764300000000 } from './1764300000000-versions';
import { ActionPlans1764400000000 } from './1764400000000-action-plans';
import { ActionPlanReadIndexes1764450000000 } from './1764450000000-action-plan-read-indexes';
import { Comments1764500000000 } from './1764500000000-comments';
import { Meetings1764600000000 } from './1764600000000-meetings';
import { MeetingRoom1764650000000 } from './1764650000000-meeting-room';
import { MeetingNotices1764700000000 } from './1764700000000-meeting-notices';
import { CollabRevision1764750000000 } from './1764750000000-collab-revision';
import { OccurrenceOwnAgenda1764800000000 } from './1764800000000-occurrence-own-agenda';
import { SignInFailures1764850000000 } from './1764850000000-sign-in-failures';
import { AttendanceLiveness1764900000000 } from './1764900000000-attendance-liveness';

export const MIGRATIONS = [
  Foundation1764000000000,
  Collab1764100000000,
  Drafts1764200000000,
  Versions1764300000000,
  ActionPlans1764400000000,
  ActionPlanReadIndexes1764450000000,
  Comments1764500000000,
  Meetings1764600000000,
  MeetingRoom1764650000000,
  MeetingNotices1764700000000,
  CollabRevision1764750000000,
  OccurrenceOwnAgenda1764800000000,
  SignInFailures1764850000000,
  AttendanceLiveness1764900000000,
];
