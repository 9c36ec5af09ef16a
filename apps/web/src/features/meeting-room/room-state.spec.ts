import { announcementsFor, applyRoomEvent } from './room-state';
import { OCCURRENCE_ID, hand, person, poll, roomState } from '../../testing/meeting-room-fixtures';

describe('applyRoomEvent', () => {
  it('keeps the viewer’s own vote when a broadcast tally (which never carries it) arrives', () => {
    const mine = poll();
    const [chosen] = mine.options;
    assert(chosen, 'the poll has options');
    const state = roomState({ polls: [{ ...mine, myOptionIds: [chosen.id] }] });
    const broadcast = { ...mine, voterCount: 6, options: mine.options.map((o, i) => (i === 1 ? { ...o, votes: 2 } : o)) };
    delete broadcast.myOptionIds;
    const next = applyRoomEvent(state, { type: 'poll', event: { occurrenceId: OCCURRENCE_ID, poll: broadcast } });
    expect(next.polls[0]?.voterCount).toBe(6);
    expect(next.polls[0]?.myOptionIds).toEqual([chosen.id]);
  });

  it('ignores events of another room', () => {
    const state = roomState();
    const next = applyRoomEvent(state, {
      type: 'hands',
      event: { occurrenceId: '9f0e0d0c-0b0a-4908-8706-050403020100', hands: [hand(person('A'))] },
    });
    expect(next).toBe(state);
  });
});

describe('announcementsFor', () => {
  it('announces arrivals, raised hands, the new agenda item and a new poll made by others, never one’s own', () => {
    const self = person('Me');
    const other = person('Tokyo Official');
    const before = roomState({ present: [self] });
    const [, second] = before.agenda;
    assert(second, 'the room has a second agenda item');
    const after = roomState({
      ...before,
      present: [self, other],
      hands: [hand(self), hand(other)],
      currentAgendaItem: { agendaItemId: second.id, setAt: '2026-11-24T01:20:00Z', setBy: { id: self.user.id, name: 'Me' } },
      polls: [poll()],
    });
    expect(announcementsFor(before, after, self.user.id)).toEqual([
      { key: 'joined', name: 'Tokyo Official' },
      { key: 'raisedHand', name: 'Tokyo Official' },
      { key: 'agenda', title: 'Open data clause' },
      { key: 'pollOpened', question: 'Adopt the open data clause?' },
    ]);
  });

  it('says nothing when only a tally changed', () => {
    const open = poll();
    const before = roomState({ polls: [open] });
    const after = roomState({ ...before, polls: [{ ...open, voterCount: 9 }] });
    expect(announcementsFor(before, after, null)).toEqual([]);
  });
});
