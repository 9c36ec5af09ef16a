import { Injectable } from '@nestjs/common';
import type { OpenPoll } from '@minga/contracts';
import { SocketProblem } from '../../platform/realtime/socket-problem';
import type { LiveRoom } from './live-room';
import type { PollTally } from './poll-tally';
import { PollClosedError, RoomStore } from './room-store';

/**
 * The polls of live rooms: opening, voting and closing, stored first and counted in memory after. The gateway checks
 * who may do it and tells the room; this decides what a vote or a close means.
 */
@Injectable()
export class RoomPolls {
  /** Vote writes in flight per poll and person: one person's votes are written in the order they were cast. */
  private readonly voteChains = new Map<string, Map<string, Promise<void>>>();

  constructor(private readonly store: RoomStore) {}

  async open(room: LiveRoom, input: OpenPoll, by: { id: string; name: string }): Promise<PollTally> {
    const tally = await this.store.openPoll(input, by);
    room.polls.set(tally.header.id, tally);
    return tally;
  }

  /**
   * Stores the person's ballot (replacing an earlier one), then counts it and calls `counted`, in the order the
   * person voted. Refused when the poll is unknown or closed, or the options do not fit it.
   */
  async vote(room: LiveRoom, pollId: string, userId: string, optionIds: string[], counted: (tally: PollTally) => void): Promise<PollTally> {
    const tally = this.tallyOf(room, pollId);
    const refused = tally.check(optionIds);
    if (refused) throw new SocketProblem(refused);
    const chains = this.voteChains.get(pollId) ?? new Map<string, Promise<void>>();
    this.voteChains.set(pollId, chains);
    const previous = chains.get(userId) ?? Promise.resolve();
    const write = previous.catch(() => undefined).then(() => this.store.vote(pollId, userId, optionIds));
    const done = write.then(() => {
      tally.apply(userId, optionIds);
      counted(tally);
    });
    chains.set(userId, done);
    try {
      await done;
    } catch (err) {
      if (err instanceof PollClosedError) throw new SocketProblem('poll_closed');
      throw err;
    } finally {
      if (chains.get(userId) === done) chains.delete(userId);
      if (chains.size === 0) this.voteChains.delete(pollId);
    }
    return tally;
  }

  /** Closes a poll: no vote is taken from now on, and votes already being written are counted before it returns. */
  async close(room: LiveRoom, pollId: string): Promise<PollTally> {
    const tally = this.tallyOf(room, pollId);
    if (!tally.isOpen) throw new SocketProblem('poll_closed');
    tally.header = { ...tally.header, status: 'closed' };
    await Promise.allSettled([...(this.voteChains.get(pollId)?.values() ?? [])]);
    const closedAt = await this.store.closePoll(pollId);
    tally.header = { ...tally.header, closedAt: (closedAt ?? new Date()).toISOString() };
    return tally;
  }

  private tallyOf(room: LiveRoom, pollId: string): PollTally {
    const tally = room.polls.get(pollId);
    if (!tally) throw new SocketProblem('unknown_poll', 'No such poll in this meeting');
    return tally;
  }
}
