import { io, type Socket } from 'socket.io-client';
import * as msgpackParser from 'socket.io-msgpack-parser';
import { createPerson, startTestApp, type TestApp } from '../../../test/test-app';

type Outcome = { event: 'session'; payload: { userId: string; roles: { role: string }[] } } | { event: 'connect_error'; message: string };

/** Connects to /events and reports the first answer: the session greeting or the refusal. Never waits forever. */
function firstAnswer(socket: Socket, timeoutMs = 5000): Promise<Outcome> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no answer on /events within ${timeoutMs} ms`)), timeoutMs);
    socket.once('session', (payload) => {
      clearTimeout(timer);
      resolve({ event: 'session', payload });
    });
    socket.once('connect_error', (err: Error) => {
      clearTimeout(timer);
      resolve({ event: 'connect_error', message: err.message });
    });
  });
}

describe('live events channel', () => {
  let t: TestApp;
  const sockets: Socket[] = [];

  const connect = (auth: Record<string, unknown>) => {
    const socket = io(`${t.url}/events`, {
      auth,
      parser: msgpackParser,
      transports: ['websocket'],
      reconnection: false,
      timeout: 5000,
      forceNew: true,
    });
    sockets.push(socket);
    return socket;
  };

  beforeAll(async () => {
    t = await startTestApp();
  });
  afterEach(() => {
    for (const socket of sockets.splice(0)) socket.close();
  });
  afterAll(() => t.close());

  it('greets a signed-in person with their session', async () => {
    const person = await createPerson(t, [{ role: 'expert', hubKey: 'japan' }]);
    const answer = await firstAnswer(connect({ token: person.token }));
    expect(answer).toEqual({ event: 'session', payload: { userId: person.id, roles: [expect.objectContaining({ role: 'expert' })] } });
  });

  it('refuses a connection without a token as unauthenticated', async () => {
    expect(await firstAnswer(connect({}))).toEqual({ event: 'connect_error', message: 'unauthenticated' });
  });

  it('refuses a connection with a forged token as unauthenticated', async () => {
    expect(await firstAnswer(connect({ token: 'not.a.token' }))).toEqual({ event: 'connect_error', message: 'unauthenticated' });
  });
});
