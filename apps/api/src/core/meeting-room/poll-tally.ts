import type { Poll, PollKind, PollStatus, RoomErrorCode } from '@minga/contracts';

export interface PollOptionRow {
  id: string;
  position: number;
  label: string;
}

export interface PollHeader {
  id: string;
  occurrenceId: string;
  question: string;
  kind: PollKind;
  status: PollStatus;
  openedBy: { id: string; name: string };
  openedAt: string;
  closedAt: string | null;
}

/**
 * A poll's ballots in memory, so tallies go out as votes arrive without a query per vote. A person holds one ballot
 * (a set of options); voting again replaces it. The database holds the same ballots (written before they count here).
 */
export class PollTally {
  private readonly ballots = new Map<string, ReadonlySet<string>>();
  private readonly counts = new Map<string, number>();

  constructor(
    public header: PollHeader,
    readonly options: PollOptionRow[],
    ballots: Iterable<[userId: string, optionIds: string[]]> = [],
  ) {
    for (const option of options) this.counts.set(option.id, 0);
    for (const [userId, optionIds] of ballots) this.apply(userId, optionIds);
  }

  get isOpen(): boolean {
    return this.header.status === 'open';
  }

  /** Why a ballot cannot be cast, or null when it can. */
  check(optionIds: readonly string[]): RoomErrorCode | null {
    if (!this.isOpen) return 'poll_closed';
    if (optionIds.length === 0 || optionIds.some((id) => !this.counts.has(id))) return 'unknown_option';
    if (new Set(optionIds).size !== optionIds.length) return 'unknown_option';
    if (this.header.kind === 'single' && optionIds.length > 1) return 'too_many_options';
    return null;
  }

  /** Replaces the person's ballot (validated with `check` first). */
  apply(userId: string, optionIds: readonly string[]): void {
    const previous = this.ballots.get(userId);
    if (previous) for (const id of previous) this.counts.set(id, (this.counts.get(id) ?? 0) - 1);
    const next = new Set(optionIds);
    this.ballots.set(userId, next);
    for (const id of next) this.counts.set(id, (this.counts.get(id) ?? 0) + 1);
  }

  choiceOf(userId: string): string[] {
    return [...(this.ballots.get(userId) ?? [])];
  }

  get voterCount(): number {
    return this.ballots.size;
  }

  /** The poll with its tallies; with `viewerId`, that person's own choice too. */
  view(viewerId?: string): Poll {
    return {
      ...this.header,
      options: this.options.map((o) => ({ id: o.id, position: o.position, label: o.label, votes: this.counts.get(o.id) ?? 0 })),
      voterCount: this.voterCount,
      ...(viewerId ? { myOptionIds: this.choiceOf(viewerId) } : {}),
    };
  }
}
