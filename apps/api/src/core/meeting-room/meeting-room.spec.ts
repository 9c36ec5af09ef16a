import { randomBytes, randomUUID } from 'node:crypto';
import type { Socket } from 'socket.io-client';
import * as encoding from 'lib0/encoding';
import * as syncProtocol from 'y-protocols/sync';
import * as Y from 'yjs';
import {
  COLLAB_EVENTS,
  MEETING_ROOM_EVENTS,
  Y_MESSAGE_SYNC,
  meetingNotesDocName,
  type ActionItem,
  type AgendaEvent,
  type AttendanceReport,
  type EndMeetingAck,
  type HandsEvent,
  type Milestone,
  type Minutes,
  type Notification,
  type Poll,
  type PollEvent,
  type PresenceEvent,
  type RoomError,
  type TimingEvent,
} from '@minga/contracts';
import { DOC_FRAGMENT } from '@minga/editor';
import { allSaved, connected, eventually, join, nextError, openEditor, rawSocket, type Editor } from '../../../test/collab-client';
import { createMeeting, joinRoom, nextEvent, request, roomSocket, type TestMeeting } from '../../../test/meeting-room-client';
import { bearer, cityId, createPerson, hubId, startTestApp, type TestApp, type TestPerson } from '../../../test/test-app';
import { MeetingReminders } from './meeting-reminders.service';
import { MeetingRoomGateway } from './meeting-room.gateway';
import { firstItems, itemAt } from '../../../test/item-at';

const GRACE_SECONDS = 0.6;
/** Open stays are vouched for every third of this, and closed once nobody vouched for them this long. */
const STAY_TIMEOUT_SECONDS = 1.5;

function updateMessage(text: string): Buffer {
  const doc = new Y.Doc();
  const paragraph = new Y.XmlElement('paragraph');
  paragraph.insert(0, [new Y.XmlText(text)]);
  doc.getXmlFragment(DOC_FRAGMENT).insert(0, [paragraph]);
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, Y_MESSAGE_SYNC);
  syncProtocol.writeUpdate(encoder, Y.encodeStateAsUpdate(doc));
  return Buffer.from(encoding.toUint8Array(encoder));
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('live meeting room', () => {
  let t: TestApp;
  let japan: string;
  let tsukuba: string;
  let organiser: TestPerson;
  let official: TestPerson;
  let expert: TestPerson;
  let outsider: TestPerson;
  let coordinator: TestPerson;
  const sockets: Socket[] = [];
  const editors: Editor[] = [];

  const connect = async (person: TestPerson | null) => {
    const socket = roomSocket(t.url, person?.token ?? null);
    sockets.push(socket);
    if (person) await connected(socket);
    return socket;
  };
  const joined = async (person: TestPerson, meeting: TestMeeting) => {
    const socket = await connect(person);
    const result = await joinRoom(socket, meeting.occurrenceId);
    if (!result.ok) throw new Error(`join refused: ${result.error.code}`);
    return { socket, result };
  };
  const meetingWith = (invitees: TestPerson[], extra: Partial<Parameters<typeof createMeeting>[1]> = {}) =>
    createMeeting(t, { hubId: japan, organiserId: organiser.id, inviteeIds: invitees.map((p) => p.id), ...extra });
  const stays = (occurrenceId: string, userId: string): Promise<{ joined_at: Date; left_at: Date | null; room_role: string }[]> =>
    t.db.query(
      'SELECT joined_at, left_at, room_role FROM meeting_attendance WHERE occurrence_id = $1 AND user_id = $2 ORDER BY joined_at',
      [occurrenceId, userId],
    );

  beforeAll(async () => {
    t = await startTestApp({
      MEETING_ROOM_GRACE_SECONDS: String(GRACE_SECONDS),
      MEETING_ROOM_STAY_TIMEOUT_SECONDS: String(STAY_TIMEOUT_SECONDS),
      MEETING_REMINDER_SWEEP_SECONDS: '0',
    });
    japan = await hubId(t, 'japan');
    tsukuba = await cityId(t, 'Tsukuba');
    organiser = await createPerson(t, [{ role: 'expert', hubKey: 'japan' }]);
    official = await createPerson(t, [{ role: 'official', cityName: 'Tsukuba' }]);
    expert = await createPerson(t, [{ role: 'expert', hubKey: 'japan' }]);
    outsider = await createPerson(t, [{ role: 'expert', hubKey: 'latam' }]);
    coordinator = await createPerson(t, [{ role: 'coordinator', hubKey: 'japan' }]);
  });
  afterEach(() => {
    for (const socket of sockets.splice(0)) socket.close();
    for (const editor of editors.splice(0)) editor.close();
  });
  afterAll(() => t.close());

  describe('joining', () => {
    it('lets an invitee in as participant and the organiser as host, with the whole room state', async () => {
      const meeting = await meetingWith([official, expert]);
      const { result } = await joined(official, meeting);
      expect(result.ok && result.role).toBe('participant');
      if (!result.ok) return;
      expect(result.state).toEqual(
        expect.objectContaining({
          occurrenceId: meeting.occurrenceId,
          phase: 'live',
          role: 'participant',
          currentAgendaItem: null,
          hands: [],
          polls: [],
          notesDocName: meetingNotesDocName(meeting.occurrenceId),
        }),
      );
      expect(result.state.agenda.map((a) => a.title)).toEqual(['Welcome', 'Open data portal', 'Next steps']);
      expect(result.state.present).toEqual([
        expect.objectContaining({
          user: { id: official.id, name: expect.any(String) },
          city: { id: tsukuba, name: 'Tsukuba' },
          memberRole: 'official',
          role: 'participant',
        }),
      ]);
      const host = await joined(organiser, meeting);
      expect(host.result.ok && host.result.role).toBe('host');
    });

    it("lets the hub's coordinators in as hosts without an invitation", async () => {
      const meeting = await meetingWith([official]);
      const { result } = await joined(coordinator, meeting);
      expect(result.ok && result.role).toBe('host');
    });

    it('refuses a member who is not invited, and a connection without a token', async () => {
      const meeting = await meetingWith([official]);
      const answer = await joinRoom(await connect(outsider), meeting.occurrenceId);
      expect(answer).toEqual({ ok: false, error: expect.objectContaining({ code: 'forbidden' }) });

      const anonymous = await connect(null);
      const refusal = await nextEvent<Error>(anonymous, 'connect_error');
      expect(refusal.message).toBe('unauthenticated');
    });

    it('answers bad input with an error code and keeps the connection', async () => {
      const socket = await connect(official);
      expect(await request(socket, MEETING_ROOM_EVENTS.join, { occurrenceId: 'nope' })).toEqual({
        ok: false,
        error: expect.objectContaining({ code: 'validation_failed', errors: [expect.objectContaining({ path: 'occurrenceId' })] }),
      });
      expect(await request(socket, MEETING_ROOM_EVENTS.join, 42)).toEqual({
        ok: false,
        error: expect.objectContaining({ code: 'validation_failed' }),
      });
      expect(await joinRoom(socket, '00000000-0000-4000-8000-000000000000')).toEqual({
        ok: false,
        error: expect.objectContaining({ code: 'not_found' }),
      });
      const noAck = nextEvent<RoomError>(socket, MEETING_ROOM_EVENTS.error);
      socket.emit(MEETING_ROOM_EVENTS.raiseHand, { occurrenceId: '00000000-0000-4000-8000-000000000000' });
      expect((await noAck).code).toBe('not_joined');
      expect(socket.connected).toBe(true);
    });

    it('refuses a cancelled occurrence', async () => {
      const meeting = await meetingWith([official]);
      await t.db.query(`UPDATE meeting_occurrences SET status = 'cancelled' WHERE id = $1`, [meeting.occurrenceId]);
      expect(await joinRoom(await connect(official), meeting.occurrenceId)).toEqual({
        ok: false,
        error: expect.objectContaining({ code: 'meeting_cancelled' }),
      });
    });
  });

  describe('presence and attendance', () => {
    it('shows each person once, with city and role, however many tabs; records one stay with its join and leave times', async () => {
      const meeting = await meetingWith([official, expert]);
      const before = new Date();
      const host = await joined(organiser, meeting);
      const arrivals = nextEvent<PresenceEvent>(host.socket, MEETING_ROOM_EVENTS.presence, (e) => e.present.length === 2);
      const tab1 = await joined(official, meeting);
      const tab2 = await joined(official, meeting);
      const presence = await arrivals;
      expect(presence.present.map((p) => [p.user.id, p.city?.name ?? null, p.role])).toEqual([
        [official.id, 'Tsukuba', 'participant'],
        [organiser.id, null, 'host'],
      ]);
      expect(tab2.result.ok && tab2.result.state.present).toHaveLength(2);

      // Closing one tab changes nothing; closing the last one ends the stay once the grace has passed.
      tab1.socket.close();
      await sleep(GRACE_SECONDS * 1000 + 200);
      expect(itemAt(await stays(meeting.occurrenceId, official.id)).left_at).toBeNull();
      const departure = nextEvent<PresenceEvent>(host.socket, MEETING_ROOM_EVENTS.presence, (e) => e.present.length === 1);
      const closedAt = new Date();
      tab2.socket.close();
      expect((await departure).present.map((p) => p.user.id)).toEqual([organiser.id]);
      await eventually('the stay ended', async () => itemAt(await stays(meeting.occurrenceId, official.id)).left_at !== null);
      const rows = await stays(meeting.occurrenceId, official.id);
      expect(rows).toHaveLength(1);
      expect(itemAt(rows).joined_at.getTime()).toBeGreaterThanOrEqual(before.getTime() - 5);
      expect(itemAt(rows).left_at?.getTime()).toBeGreaterThanOrEqual(closedAt.getTime() - 5);
      expect(itemAt(rows).left_at?.getTime()).toBeLessThan(closedAt.getTime() + 500);
    });

    it('continues the stay when a person reconnects within the grace period', async () => {
      const meeting = await meetingWith([official]);
      const first = await joined(official, meeting);
      first.socket.close();
      await sleep(100);
      const again = await joined(official, meeting);
      expect(again.result.ok && again.result.state.present).toHaveLength(1);
      await sleep(GRACE_SECONDS * 1000 + 200);
      const rows = await stays(meeting.occurrenceId, official.id);
      expect(rows).toHaveLength(1);
      expect(itemAt(rows).left_at).toBeNull();
    });

    it("closes the stays of an instance that died, as of its last word, and keeps the living instance's stays open", async () => {
      const meeting = await meetingWith([official, expert]);
      await joined(official, meeting);
      // The expert was in the room through an instance killed 10 minutes ago: its row stayed open.
      const lastWord = new Date(Date.now() - 10 * 60_000);
      await t.db.query(
        `INSERT INTO meeting_attendance (occurrence_id, user_id, room_role, joined_at, seen_at) VALUES ($1, $2, 'participant', $3, $4)`,
        [meeting.occurrenceId, expert.id, new Date(lastWord.getTime() - 20 * 60_000), lastWord],
      );
      await eventually(
        'the dead instance’s stay closed',
        async () => itemAt(await stays(meeting.occurrenceId, expert.id)).left_at !== null,
        5000,
      );
      expect(itemAt(await stays(meeting.occurrenceId, expert.id)).left_at).toEqual(lastWord);
      await sleep(STAY_TIMEOUT_SECONDS * 2000);
      expect((await stays(meeting.occurrenceId, official.id)).map((s) => s.left_at)).toEqual([null]);

      // A sweep that closed a living stay (this instance could not reach the database for a while): it starts again.
      await t.db.query('UPDATE meeting_attendance SET left_at = now() WHERE occurrence_id = $1 AND user_id = $2', [
        meeting.occurrenceId,
        official.id,
      ]);
      await eventually(
        'a new stay for the person still in the room',
        async () => (await stays(meeting.occurrenceId, official.id)).some((s) => s.left_at === null),
        5000,
      );
    });

    it('starts the stay of someone who arrived while their stay could not be stored, once it can be', async () => {
      const meeting = await meetingWith([official]);
      await t.db.query(`CREATE FUNCTION refuse_stay() RETURNS trigger AS $$ BEGIN RAISE EXCEPTION 'no stays now'; END $$ LANGUAGE plpgsql`);
      await t.db.query('CREATE TRIGGER refuse_stay BEFORE INSERT ON meeting_attendance FOR EACH ROW EXECUTE FUNCTION refuse_stay()');
      try {
        await joined(official, meeting);
        await sleep(500);
        expect(await stays(meeting.occurrenceId, official.id)).toEqual([]);
      } finally {
        await t.db.query('DROP TRIGGER refuse_stay ON meeting_attendance');
        await t.db.query('DROP FUNCTION refuse_stay()');
      }
      await eventually(
        'a stay for the person in the room',
        async () => (await stays(meeting.occurrenceId, official.id)).some((s) => s.left_at === null),
        5000,
      );
    });

    it('opens the room as a lobby before the start', async () => {
      const meeting = await meetingWith([official], { startsAt: new Date(Date.now() + 3600_000) });
      const { result } = await joined(official, meeting);
      expect(result.ok && result.state.phase).toBe('lobby');
    });

    it('reports attendance per person to the host: city, role, first join, last leave, minutes present, and who never came', async () => {
      const meeting = await meetingWith([official, expert]);
      await t.db.query(
        `INSERT INTO meeting_attendance (occurrence_id, user_id, room_role, joined_at, left_at) VALUES
           ($1, $2, 'participant', now() - interval '50 minutes', now() - interval '40 minutes'),
           ($1, $2, 'participant', now() - interval '30 minutes', now() - interval '10 minutes'),
           ($1, $3, 'host', now() - interval '55 minutes', now() - interval '5 minutes')`,
        [meeting.occurrenceId, official.id, organiser.id],
      );
      const report: AttendanceReport = (
        await t.http().get(`/api/occurrences/${meeting.occurrenceId}/attendance`).set(bearer(organiser)).expect(200)
      ).body;
      expect(report.attendees.map((a) => [a.user.id, a.city?.name ?? null, a.role, a.minutesPresent, a.stays])).toEqual([
        [official.id, 'Tsukuba', 'participant', 30, 2],
        [organiser.id, null, 'host', 50, 1],
      ]);
      expect(itemAt(report.attendees).lastLeftAt).not.toBeNull();
      expect(report.absent.map((a) => a.user.id)).toEqual([expert.id]);
      await t.http().get(`/api/occurrences/${meeting.occurrenceId}/attendance`).set(bearer(official)).expect(403);
      await t.http().get(`/api/occurrences/${meeting.occurrenceId}/attendance`).set(bearer(outsider)).expect(403);
      await t.http().get(`/api/occurrences/${meeting.occurrenceId}/attendance`).expect(401);
    });

    it('removes a person whose role no longer lets them attend', async () => {
      const temporary = await createPerson(t, [
        { role: 'coordinator', hubKey: 'japan' },
        { role: 'expert', hubKey: 'latam' },
      ]);
      const meeting = await meetingWith([official]);
      const host = await joined(organiser, meeting);
      const { socket } = await joined(temporary, meeting);
      const roles = await t
        .http()
        .get(`/api/role-assignments?userId=${temporary.id}&role=coordinator`)
        .set(bearer(coordinator))
        .expect(200);
      const admin = await createPerson(t, [{ role: 'admin' }]);
      const removed = nextEvent<RoomError>(socket, MEETING_ROOM_EVENTS.error);
      await t.http().delete(`/api/role-assignments/${roles.body[0].id}`).set(bearer(admin)).expect(204);
      expect(await removed).toEqual(expect.objectContaining({ code: 'forbidden', occurrenceId: meeting.occurrenceId }));
      expect(await request(socket, MEETING_ROOM_EVENTS.raiseHand, { occurrenceId: meeting.occurrenceId })).toEqual({
        ok: false,
        error: expect.objectContaining({ code: 'not_joined' }),
      });
      await nextEvent<PresenceEvent>(host.socket, MEETING_ROOM_EVENTS.presence, (e) => !e.present.some((p) => p.user.id === temporary.id));
    });
    it('removes an invitee taken off the meeting from its room at once, and leaves them only reading its notes', async () => {
      const meeting = await meetingWith([official, expert]);
      const host = await joined(organiser, meeting);
      const { socket } = await joined(official, meeting);
      const notes = await openEditor(t.url, meetingNotesDocName(meeting.occurrenceId), official.token);
      editors.push(notes);
      expect(notes.provider.access).toBe('edit');
      const removed = nextEvent<RoomError>(socket, MEETING_ROOM_EVENTS.error);
      const readOnly = new Promise<void>((resolve) => notes.provider.on('access', (access) => access === 'view' && resolve()));
      await t
        .http()
        .patch(`/api/meetings/${meeting.meetingId}`)
        .set(bearer(coordinator))
        .send({ inviteeIds: [expert.id] })
        .expect(200);
      expect(await removed).toEqual(expect.objectContaining({ code: 'forbidden', occurrenceId: meeting.occurrenceId }));
      await readOnly;
      expect(
        await request(socket, MEETING_ROOM_EVENTS.vote, {
          occurrenceId: meeting.occurrenceId,
          pollId: randomUUID(),
          optionIds: [randomUUID()],
        }),
      ).toEqual({
        ok: false,
        error: expect.objectContaining({ code: 'not_joined' }),
      });
      await nextEvent<PresenceEvent>(host.socket, MEETING_ROOM_EVENTS.presence, (e) => !e.present.some((p) => p.user.id === official.id));
    });
  });

  describe('host actions', () => {
    it('refuses every host action to a participant', async () => {
      const meeting = await meetingWith([official, expert]);
      const { socket } = await joined(official, meeting);
      const occurrenceId = meeting.occurrenceId;
      const attempts = [
        request(socket, MEETING_ROOM_EVENTS.setAgendaItem, { occurrenceId, agendaItemId: meeting.agendaIds[1] }),
        request(socket, MEETING_ROOM_EVENTS.openPoll, { occurrenceId, question: 'Lunch?', kind: 'single', options: ['Yes', 'No'] }),
        request(socket, MEETING_ROOM_EVENTS.nextHand, { occurrenceId }),
        request(socket, MEETING_ROOM_EVENTS.lowerHand, { occurrenceId, userId: expert.id }),
        request(socket, MEETING_ROOM_EVENTS.endMeeting, { occurrenceId }),
      ];
      for (const answer of await Promise.all(attempts))
        expect(answer).toEqual({ ok: false, error: expect.objectContaining({ code: 'host_only' }) });
    });

    it('moves everyone to the agenda item the host sets, keeps it for later arrivals, and refuses an item of another agenda', async () => {
      const meeting = await meetingWith([official, expert]);
      const host = await joined(organiser, meeting);
      const participant = await joined(official, meeting);
      const followed = nextEvent<AgendaEvent>(participant.socket, MEETING_ROOM_EVENTS.agenda);
      const answer = await request(host.socket, MEETING_ROOM_EVENTS.setAgendaItem, {
        occurrenceId: meeting.occurrenceId,
        agendaItemId: meeting.agendaIds[1],
      });
      expect(answer.ok).toBe(true);
      expect((await followed).currentAgendaItem).toEqual(
        expect.objectContaining({ agendaItemId: meeting.agendaIds[1], setBy: expect.objectContaining({ id: organiser.id }) }),
      );

      const late = await joined(expert, meeting);
      expect(late.result.ok && late.result.state.currentAgendaItem?.agendaItemId).toBe(meeting.agendaIds[1]);
      const other = await meetingWith([official]);
      expect(
        await request(host.socket, MEETING_ROOM_EVENTS.setAgendaItem, {
          occurrenceId: meeting.occurrenceId,
          agendaItemId: other.agendaIds[0],
        }),
      ).toEqual({
        ok: false,
        error: expect.objectContaining({ code: 'unknown_agenda_item' }),
      });
      const [stored] = await t.db.query('SELECT current_agenda_item_id FROM meeting_room_state WHERE occurrence_id = $1', [
        meeting.occurrenceId,
      ]);
      expect(stored.current_agenda_item_id).toBe(meeting.agendaIds[1]);
    });

    it('ends a meeting under way for everyone: its end is now, later arrivals find it over, and it cannot end twice', async () => {
      const meeting = await meetingWith([official]);
      const host = await joined(organiser, meeting);
      const participant = await joined(official, meeting);
      expect(participant.result.ok && participant.result.state.phase).toBe('live');
      const told = nextEvent<TimingEvent>(participant.socket, MEETING_ROOM_EVENTS.timing);
      const before = Date.now();
      const answer = await request<EndMeetingAck>(host.socket, MEETING_ROOM_EVENTS.endMeeting, { occurrenceId: meeting.occurrenceId });
      if (!answer.ok) throw new Error(`end refused: ${answer.error.code}`);
      const endsAt = Date.parse(answer.endsAt);
      expect(Math.abs(endsAt - before)).toBeLessThan(5_000);
      expect(await told).toEqual({ occurrenceId: meeting.occurrenceId, endsAt: answer.endsAt });

      const again = await joined(official, meeting);
      expect(again.result.ok && again.result.state.phase).toBe('ended');
      const page = await t.http().get(`/api/occurrences/${meeting.occurrenceId}`).set(bearer(official)).expect(200);
      expect(Date.parse(page.body.endsAt)).toBe(endsAt);
      expect(await request(host.socket, MEETING_ROOM_EVENTS.endMeeting, { occurrenceId: meeting.occurrenceId })).toEqual({
        ok: false,
        error: expect.objectContaining({ code: 'not_live' }),
      });
    });

    it('does not end a meeting that has not started', async () => {
      const meeting = await meetingWith([official], { startsAt: new Date(Date.now() + 3600_000) });
      const host = await joined(organiser, meeting);
      expect(await request(host.socket, MEETING_ROOM_EVENTS.endMeeting, { occurrenceId: meeting.occurrenceId })).toEqual({
        ok: false,
        error: expect.objectContaining({ code: 'not_live' }),
      });
    });

    it('keeps raised hands in order; the host calls the next one and lowers anyone’s', async () => {
      const third = await createPerson(t, [{ role: 'official', cityName: 'Tsukuba' }]);
      const meeting = await meetingWith([official, expert, third]);
      const host = await joined(organiser, meeting);
      const a = await joined(official, meeting);
      const b = await joined(expert, meeting);
      const c = await joined(third, meeting);
      const occurrenceId = meeting.occurrenceId;
      const queue = nextEvent<HandsEvent>(host.socket, MEETING_ROOM_EVENTS.hands, (e) => e.hands.length === 3);
      for (const s of [b, a, c, b]) expect((await request(s.socket, MEETING_ROOM_EVENTS.raiseHand, { occurrenceId })).ok).toBe(true);
      expect((await queue).hands.map((h) => h.user.id)).toEqual([expert.id, official.id, third.id]);

      const next = await request<{ ok: true; hand: { user: { id: string } } }>(host.socket, MEETING_ROOM_EVENTS.nextHand, { occurrenceId });
      expect(next.hand.user.id).toBe(expert.id);
      const after = nextEvent<HandsEvent>(a.socket, MEETING_ROOM_EVENTS.hands, (e) => e.hands.length === 1);
      expect((await request(host.socket, MEETING_ROOM_EVENTS.lowerHand, { occurrenceId, userId: third.id })).ok).toBe(true);
      expect((await after).hands.map((h) => h.user.id)).toEqual([official.id]);
      const empty = nextEvent<HandsEvent>(c.socket, MEETING_ROOM_EVENTS.hands, (e) => e.hands.length === 0);
      expect((await request(a.socket, MEETING_ROOM_EVENTS.lowerHand, { occurrenceId })).ok).toBe(true);
      await empty;
    });
  });

  describe('polls', () => {
    it('refuses a poll whose text cannot be stored, naming the fields, instead of failing on the database', async () => {
      const meeting = await meetingWith([official]);
      const host = await joined(organiser, meeting);
      const answer = await request(host.socket, MEETING_ROOM_EVENTS.openPoll, {
        occurrenceId: meeting.occurrenceId,
        question: 'Budget\u0000?',
        kind: 'single',
        // A lone surrogate cannot even travel: msgpack's UTF-8 turns it into U+FFFD on the way.
        options: ['Yes', 'No\u0000'],
      });
      expect(answer).toEqual({
        ok: false,
        error: expect.objectContaining({
          code: 'validation_failed',
          errors: expect.arrayContaining([expect.objectContaining({ path: 'question' }), expect.objectContaining({ path: 'options.1' })]),
        }),
      });
      expect(host.socket.connected).toBe(true);
    });

    it('takes an id in capitals as the same id: one room, and one vote per option', async () => {
      const meeting = await meetingWith([official, expert]);
      const host = await joined(organiser, meeting);
      const shouting = await connect(official);
      const answer = await joinRoom(shouting, meeting.occurrenceId.toUpperCase());
      expect(answer.ok && answer.state.present.map((p) => p.user.id).sort()).toEqual([official.id, organiser.id].sort());
      const opened = await request<{ ok: true; poll: Poll }>(host.socket, MEETING_ROOM_EVENTS.openPoll, {
        occurrenceId: meeting.occurrenceId,
        question: 'Publish the inventory?',
        kind: 'multiple',
        options: ['Yes', 'Later'],
      });
      const yes = itemAt(opened.poll.options).id;
      const twice = await request(shouting, MEETING_ROOM_EVENTS.vote, {
        occurrenceId: meeting.occurrenceId,
        pollId: opened.poll.id,
        optionIds: [yes, yes.toUpperCase()],
      });
      expect(twice).toEqual({ ok: false, error: expect.objectContaining({ code: 'validation_failed' }) });
    });

    it('counts concurrent votes live, lets people change their vote, and stops at the close', async () => {
      const voters = await Promise.all(Array.from({ length: 6 }, () => createPerson(t, [{ role: 'expert', hubKey: 'japan' }])));
      const meeting = await meetingWith(voters);
      const occurrenceId = meeting.occurrenceId;
      const host = await joined(organiser, meeting);
      const rooms = await Promise.all(voters.map((v) => joined(v, meeting)));
      const opened = await request<{ ok: true; poll: Poll }>(host.socket, MEETING_ROOM_EVENTS.openPoll, {
        occurrenceId,
        question: 'Which month for the next call?',
        kind: 'single',
        options: ['March', 'April', 'May'],
      });
      const [march, april, may] = firstItems(
        opened.poll.options.map((o) => o.id),
        3,
      );
      const vote = (i: number, optionIds: string[]) =>
        request<{ ok: boolean; poll: Poll; error?: RoomError }>(itemAt(rooms, i).socket, MEETING_ROOM_EVENTS.vote, {
          occurrenceId,
          pollId: opened.poll.id,
          optionIds,
        });

      const seen: PollEvent[] = [];
      host.socket.on(MEETING_ROOM_EVENTS.poll, (e: PollEvent) => seen.push(e));
      const answers = await Promise.all([
        vote(0, [march]),
        vote(1, [march]),
        vote(2, [april]),
        vote(3, [may]),
        vote(4, [march]),
        vote(0, [april]),
      ]);
      expect(answers.every((a) => a.ok)).toBe(true);
      expect(answers[5].poll.myOptionIds).toEqual([april]);
      await eventually('all six votes broadcast', () => seen.length === 6);
      const tallies = (poll: Poll) => poll.options.map((o) => o.votes);
      expect(tallies(itemAt(seen, 5).poll)).toEqual([2, 2, 1]);
      expect(itemAt(seen, 5).poll.voterCount).toBe(5);
      expect(itemAt(seen, 5).poll.myOptionIds).toBeUndefined();

      expect(await vote(5, [march, april])).toEqual({ ok: false, error: expect.objectContaining({ code: 'too_many_options' }) });
      expect(await vote(5, [itemAt(meeting.agendaIds)])).toEqual({ ok: false, error: expect.objectContaining({ code: 'unknown_option' }) });

      const closed = await request<{ ok: true; poll: Poll }>(host.socket, MEETING_ROOM_EVENTS.closePoll, {
        occurrenceId,
        pollId: opened.poll.id,
      });
      expect(closed.poll.status).toBe('closed');
      expect(closed.poll.closedAt).not.toBeNull();
      expect(await vote(5, [may])).toEqual({ ok: false, error: expect.objectContaining({ code: 'poll_closed' }) });

      const history: Poll[] = (
        await t
          .http()
          .get(`/api/occurrences/${occurrenceId}/polls`)
          .set(bearer(itemAt(voters)))
          .expect(200)
      ).body;
      expect(history).toEqual([expect.objectContaining({ id: opened.poll.id, status: 'closed', voterCount: 5, myOptionIds: [april] })]);
      expect(tallies(itemAt(history))).toEqual([2, 2, 1]);
      await t.http().get(`/api/occurrences/${occurrenceId}/polls`).set(bearer(outsider)).expect(403);
    });

    it('counts every option of a multiple-choice ballot, and shows a later arrival the open poll with its tallies', async () => {
      const meeting = await meetingWith([official, expert]);
      const occurrenceId = meeting.occurrenceId;
      const host = await joined(organiser, meeting);
      const a = await joined(official, meeting);
      const opened = await request<{ ok: true; poll: Poll }>(host.socket, MEETING_ROOM_EVENTS.openPoll, {
        occurrenceId,
        question: 'Which data sets first?',
        kind: 'multiple',
        options: ['Transport', 'Budget', 'Air quality'],
      });
      const ids = opened.poll.options.map((o) => o.id);
      const answer = await request<{ ok: true; poll: Poll }>(a.socket, MEETING_ROOM_EVENTS.vote, {
        occurrenceId,
        pollId: opened.poll.id,
        optionIds: [ids[0], ids[2]],
      });
      expect(answer.poll.options.map((o) => o.votes)).toEqual([1, 0, 1]);
      const late = await joined(expert, meeting);
      expect(late.result.ok && late.result.state.polls).toEqual([
        expect.objectContaining({ id: opened.poll.id, status: 'open', voterCount: 1, myOptionIds: [] }),
      ]);
      expect(
        await request(host.socket, MEETING_ROOM_EVENTS.openPoll, {
          occurrenceId,
          question: 'Same?',
          kind: 'single',
          options: ['Yes', 'yes'],
        }),
      ).toEqual({
        ok: false,
        error: expect.objectContaining({ code: 'validation_failed', errors: [expect.objectContaining({ path: 'options' })] }),
      });
    });
  });

  describe('shared notes', () => {
    it('lets people who may attend edit the notes, which start with the agenda, and other members only read them', async () => {
      const meeting = await meetingWith([official], { title: 'Tsukuba data call' });
      const docName = meetingNotesDocName(meeting.occurrenceId);
      const writer = await openEditor(t.url, docName, official.token);
      editors.push(writer);
      expect(writer.provider.access).toBe('edit');
      expect(writer.text()).toContain('Tsukuba data call');
      expect(writer.text()).toContain('Open data portal');
      writer.type('Decision: publish the bus timetable.');
      await allSaved(writer);

      const reader = await openEditor(t.url, docName, outsider.token);
      editors.push(reader);
      expect(reader.provider.access).toBe('view');
      await eventually('reader sees the notes', () => reader.text().includes('bus timetable'));
      expect(reader.text().match(/Open data portal/g)).toHaveLength(1);

      const socket = rawSocket(t.url, outsider.token);
      sockets.push(socket);
      await connected(socket);
      expect(await join(socket, docName)).toEqual({ ok: true, access: 'view' });
      const refused = nextError(socket);
      socket.emit(COLLAB_EVENTS.y, docName, updateMessage('Injected'));
      expect((await refused).code).toBe('read_only');

      const roleless = await createPerson(t, []);
      const stranger = rawSocket(t.url, roleless.token);
      sockets.push(stranger);
      await connected(stranger);
      expect(await join(stranger, docName)).toEqual({ ok: false, error: expect.objectContaining({ code: 'forbidden' }) });
    });
  });

  describe('minutes', () => {
    it('drafts the minutes from the notes; the host edits, approves and publishes them to the participants', async () => {
      const meeting = await meetingWith([official, expert]);
      const occurrenceId = meeting.occurrenceId;
      const writer = await openEditor(t.url, meetingNotesDocName(occurrenceId), official.token);
      editors.push(writer);
      writer.type('Agreed: Tsukuba opens its budget data in May.');
      await allSaved(writer);
      const path = `/api/occurrences/${occurrenceId}/minutes`;
      // The occurrence tells each reader whether there are minutes for them, so the page asks for none that would 404.
      const stage = async (person: { token: string }) =>
        (await t.http().get(`/api/occurrences/${occurrenceId}`).set(bearer(person)).expect(200)).body.minutes;
      expect(await stage(organiser)).toBeNull();

      await t.http().post(path).set(bearer(official)).expect(403);
      const draft: Minutes = (await t.http().post(path).set(bearer(organiser)).expect(201)).body;
      expect(draft.status).toBe('draft');
      expect([await stage(organiser), await stage(official)]).toEqual(['draft', null]);
      expect(draft.text).toContain('Agreed: Tsukuba opens its budget data in May.');
      expect(draft.html).toContain('<h2>Open data portal</h2>');
      await t.http().get(path).set(bearer(official)).expect(404);

      const content = {
        type: 'doc',
        content: [{ type: 'paragraph', content: [{ type: 'text', text: 'Budget data in May; transport in June.' }] }],
      };
      const edited: Minutes = (await t.http().patch(path).set(bearer(organiser)).send({ content }).expect(200)).body;
      expect(edited.html).toBe('<p>Budget data in May; transport in June.</p>');
      const bad = await t
        .http()
        .patch(path)
        .set(bearer(organiser))
        .send({ content: { type: 'doc', content: [{ type: 'nonsense' }] } })
        .expect(400);
      expect(bad.body.errors.map((e: { path: string }) => e.path)).toEqual(['content']);

      await t.http().post(`${path}/publish`).set(bearer(organiser)).expect(409);
      await t.http().post(`${path}/approve`).set(bearer(official)).expect(403);
      const approved: Minutes = (await t.http().post(`${path}/approve`).set(bearer(organiser)).expect(200)).body;
      expect(approved).toEqual(expect.objectContaining({ status: 'approved', approvedBy: expect.objectContaining({ id: organiser.id }) }));
      await t.http().patch(path).set(bearer(organiser)).send({ content }).expect(409);
      await t.http().post(path).set(bearer(organiser)).expect(409);

      const published: Minutes = (await t.http().post(`${path}/publish`).set(bearer(organiser)).expect(200)).body;
      expect(published.status).toBe('published');
      expect([await stage(organiser), await stage(expert)]).toEqual(['published', 'published']);
      expect((await t.http().get(path).set(bearer(expert)).expect(200)).body.text).toBe('Budget data in May; transport in June.');
      await t.http().get(path).set(bearer(outsider)).expect(403);

      const inbox: Notification[] = (await t.http().get('/api/me/notifications').set(bearer(expert)).expect(200)).body.items;
      expect(inbox).toContainEqual(
        expect.objectContaining({
          kind: 'minutes_published',
          draft: null,
          thread: null,
          meeting: expect.objectContaining({ occurrenceId }),
          actor: expect.objectContaining({ id: organiser.id }),
        }),
      );
      const mine: Notification[] = (await t.http().get('/api/me/notifications').set(bearer(organiser)).expect(200)).body.items;
      expect(mine.filter((n) => n.meeting?.occurrenceId === occurrenceId)).toEqual([]);
    });
  });

  describe('action items', () => {
    it("sends an action item to the city's action plan as a milestone, once", async () => {
      const tag = randomBytes(3).toString('hex');
      const policies: { id: string; key: string }[] = (await t.http().get('/api/model-policies').set(bearer(official)).expect(200)).body;
      const plan = await t
        .http()
        .post(`/api/cities/${tsukuba}/action-plans`)
        .set(bearer(official))
        .send({ modelPolicyId: itemAt(policies).id, statementOfIntent: `Meeting ${tag}` });
      const planId: string =
        plan.status === 201
          ? plan.body.id
          : (await t.db.query('SELECT id FROM action_plans WHERE city_id = $1 AND model_policy_id = $2', [tsukuba, itemAt(policies).id]))[0]
              .id;
      const meeting = await meetingWith([official, expert]);
      const path = `/api/occurrences/${meeting.occurrenceId}/action-items`;

      await t.http().post(path).set(bearer(outsider)).send({ title: 'Nope' }).expect(403);
      const invalid = await t.http().post(path).set(bearer(official)).send({ title: '', dueOn: '2026-13-40' }).expect(400);
      expect(invalid.body.errors.map((e: { path: string }) => e.path).sort()).toEqual(['dueOn', 'title']);
      const item: ActionItem = (
        await t
          .http()
          .post(path)
          .set(bearer(expert))
          .send({ title: `Publish the budget data ${tag}`, ownerId: official.id })
          .expect(201)
      ).body;
      expect(item).toEqual(
        expect.objectContaining({ owner: expect.objectContaining({ id: official.id }), dueOn: null, city: null, milestoneId: null }),
      );

      // The demo data gives Tsukuba several plans, so the plan is named.
      const send = (person: TestPerson) =>
        t.http().post(`/api/meeting-action-items/${item.id}/send-to-plan`).set(bearer(person)).send({ actionPlanId: planId });
      const missing = await send(official).expect(400);
      expect(missing.body.errors.map((e: { path: string }) => e.path).sort()).toEqual(['cityId', 'dueOn']);
      await t.http().patch(`/api/meeting-action-items/${item.id}`).set(bearer(expert)).send({ dueOn: '2027-05-31' }).expect(403);
      await t
        .http()
        .patch(`/api/meeting-action-items/${item.id}`)
        .set(bearer(official))
        .send({ dueOn: '2027-05-31', cityId: tsukuba })
        .expect(200);
      await send(expert).expect(403);

      const sent = await Promise.all([send(official), send(official)]);
      expect(sent.map((r) => r.status).sort()).toEqual([200, 409]);
      const done: ActionItem = sent.find((r) => r.status === 200)?.body;
      expect(done).toEqual(expect.objectContaining({ actionPlanId: planId, milestoneId: expect.any(String), sentAt: expect.any(String) }));
      const milestones: Milestone[] = (await t.http().get(`/api/action-plans/${planId}/milestones`).set(bearer(expert)).expect(200)).body;
      expect(milestones.filter((m) => m.title === `Publish the budget data ${tag}`)).toEqual([
        expect.objectContaining({ id: done.milestoneId, dueDate: '2027-05-31', owner: expect.objectContaining({ id: official.id }) }),
      ]);
      // The plan's milestone links back to the meeting it came from.
      const occurrence = (await t.http().get(`/api/occurrences/${meeting.occurrenceId}`).set(bearer(official)).expect(200)).body;
      expect(milestones.find((m) => m.id === done.milestoneId)?.fromMeeting).toEqual({
        occurrenceId: meeting.occurrenceId,
        title: occurrence.title,
        startsAt: occurrence.startsAt,
      });
      expect(milestones.filter((m) => m.id !== done.milestoneId).every((m) => m.fromMeeting === null)).toBe(true);
      await t.http().patch(`/api/meeting-action-items/${item.id}`).set(bearer(organiser)).send({ title: 'Changed' }).expect(409);
      await t.http().delete(`/api/meeting-action-items/${item.id}`).set(bearer(organiser)).expect(409);
      expect((await t.http().get(path).set(bearer(expert)).expect(200)).body).toEqual([
        expect.objectContaining({ id: item.id, milestoneId: done.milestoneId }),
      ]);
    });
  });

  describe('reminders', () => {
    it('reminds invitees who did not decline 24 hours and 15 minutes before, once each however often the sweep runs', async () => {
      const decliner = await createPerson(t, [{ role: 'expert', hubKey: 'japan' }]);
      const startsAt = new Date(Date.UTC(2031, 2, 10, 9, 0));
      const meeting = await meetingWith([official, expert, decliner], { startsAt });
      await t.db.query(`INSERT INTO meeting_rsvps (occurrence_id, user_id, response) VALUES ($1, $2, 'no')`, [
        meeting.occurrenceId,
        decliner.id,
      ]);
      const reminders = t.app.get(MeetingReminders);
      const mine = (sent: { occurrenceId: string; userId: string; kind: string }[]) =>
        sent
          .filter((s) => s.occurrenceId === meeting.occurrenceId)
          .map((s) => `${s.kind}:${s.userId}`)
          .sort();
      const at = (msBefore: number) => new Date(startsAt.getTime() - msBefore);

      expect(mine(await reminders.sweep(at(25 * 3600_000)))).toEqual([]);
      const day = await Promise.all([reminders.sweep(at(24 * 3600_000 - 30_000)), reminders.sweep(at(24 * 3600_000 - 30_000))]);
      expect(mine(day.flat())).toEqual([`24h:${expert.id}`, `24h:${official.id}`].sort());
      expect(mine(await reminders.sweep(at(3600_000)))).toEqual([]);
      const soon = await Promise.all([reminders.sweep(at(14 * 60_000)), reminders.sweep(at(10 * 60_000))]);
      expect(mine(soon.flat())).toEqual([`15m:${expert.id}`, `15m:${official.id}`].sort());
      expect(mine(await reminders.sweep(at(60_000)))).toEqual([]);

      const count = async (person: TestPerson) =>
        (
          await t.db.query(
            `SELECT count(*)::int AS n FROM notifications WHERE user_id = $1 AND occurrence_id = $2 AND kind = 'meeting_reminder'`,
            [person.id, meeting.occurrenceId],
          )
        )[0].n;
      expect(await count(official)).toBe(2);
      expect(await count(decliner)).toBe(0);
      const inbox: Notification[] = (await t.http().get('/api/me/notifications').set(bearer(official)).expect(200)).body.items;
      expect(inbox[0]).toEqual(
        expect.objectContaining({
          kind: 'meeting_reminder',
          meeting: expect.objectContaining({ occurrenceId: meeting.occurrenceId, startsAt: startsAt.toISOString() }),
        }),
      );
    });
  });

  // Last: the gateway then considers the server as stopping.
  describe('shutdown', () => {
    it('ends every open stay when the server shuts down', async () => {
      const meeting = await meetingWith([official, expert]);
      await joined(official, meeting);
      await joined(expert, meeting);
      await eventually(
        'both stays began',
        async () => (await t.db.query('SELECT 1 FROM meeting_attendance WHERE occurrence_id = $1', [meeting.occurrenceId])).length === 2,
      );
      await t.app.get(MeetingRoomGateway).beforeApplicationShutdown();
      const open = await t.db.query('SELECT user_id FROM meeting_attendance WHERE occurrence_id = $1 AND left_at IS NULL', [
        meeting.occurrenceId,
      ]);
      expect(open).toEqual([]);
    });
  });
});
