// What bench:flood prepares through Minga's API before measuring: a victim document and a large target document
// (drafts of Tsukuba), one account per victim client, and the attacker's account.
import * as Y from 'yjs';
import { MingaClient } from '../clients/minga-client.mjs';
import { BENCH_DEMO_PASSWORD, api, prepareMingaDocuments } from './servers.mjs';

const DEMO_ADMIN = 'admin@demo.minga.dev';
/**
 * The attacker: the demo expert of the Japan hub. Experts may comment on their hub's drafts (Tsukuba's among them)
 * and not edit them, so the target document is open to them read-only ('comment' access).
 */
export const ATTACKER = 'expert.japan@demo.minga.dev';

const signIn = async (url, email) =>
  (await api(url, null, 'POST', '/api/auth/session', { email, password: BENCH_DEMO_PASSWORD })).accessToken;

/**
 * One person per victim client: each is invited by the demo admin as an official of Tsukuba (so may edit the victim
 * draft) and signs up. Per-person budgets then apply to each client alone, as they would to real people.
 */
async function victimAccounts(url, count) {
  const admin = await signIn(url, DEMO_ADMIN);
  const cities = await api(url, admin, 'GET', '/api/cities?q=Tsukuba');
  const city = cities.items.find((c) => c.name === 'Tsukuba');
  if (!city) throw new Error('No city Tsukuba in the demo data');
  const stamp = Date.now().toString(36);
  const tokens = [];
  for (let i = 0; i < count; i += 10) {
    const batch = Array.from({ length: Math.min(10, count - i) }, async (_, j) => {
      const n = i + j + 1;
      const { inviteUrl } = await api(url, admin, 'POST', '/api/invitations', {
        email: `victim${n}.${stamp}@bench.minga.dev`,
        role: 'official',
        cityId: city.id,
      });
      const invitationToken = new URL(inviteUrl).pathname.split('/').pop();
      const session = await api(url, null, 'POST', '/api/accounts', {
        invitationToken,
        name: `Bench victim ${n}`,
        password: BENCH_DEMO_PASSWORD,
      });
      return session.accessToken;
    });
    tokens.push(...(await Promise.all(batch)));
  }
  return tokens;
}

/**
 * A document of about `bytes` bytes of text as the editor holds it: paragraphs of 1 KiB of words, written by one
 * client in one transaction. Its Yjs encoding is about as large as its text.
 */
export function buildLargeDocument(bytes) {
  const doc = new Y.Doc();
  const words = [
    'municipal',
    'data',
    'policy',
    'shall',
    'publish',
    'open',
    'the',
    'city',
    'and',
    'its',
    'residents',
    'privacy',
    'impact',
    'assessment',
    'of',
    'sensors',
  ];
  let seed = 7;
  const next = () => {
    seed = (seed * 1103515245 + 12345) & 0x7fffffff;
    return seed;
  };
  const paragraphText = () => {
    let text = '';
    while (text.length < 1024) text += `${words[next() % words.length]} `;
    return text.slice(0, 1024);
  };
  const count = Math.ceil(bytes / 1024);
  const texts = Array.from({ length: count }, () => new Y.XmlText());
  doc.transact(() => {
    doc.getXmlFragment('default').push(
      texts.map((text) => {
        const paragraph = new Y.XmlElement('paragraph');
        paragraph.insert(0, [text]);
        return paragraph;
      }),
    );
    for (const text of texts) text.insert(0, paragraphText());
  });
  const update = Y.encodeStateAsUpdate(doc);
  const result = { update, clientID: doc.clientID, clock: Y.getState(doc.store, doc.clientID) };
  doc.destroy();
  return result;
}

/** Sends a whole document into a draft as its editor and waits until Minga confirms it stored (`saved`). */
async function upload(url, token, docName, big, timeoutMs = 60_000) {
  let confirm;
  const saved = new Promise((resolve) => (confirm = resolve));
  const client = new MingaClient({
    url,
    token,
    docName,
    onSaved: (stateVector) => {
      if ((Y.decodeStateVector(stateVector).get(big.clientID) ?? 0) >= big.clock) confirm(true);
    },
  });
  await client.open();
  client.send(big.update);
  const timer = new Promise((resolve) => setTimeout(() => resolve(false), timeoutMs));
  const ok = await Promise.race([saved, timer]);
  client.close();
  if (!ok)
    throw new Error(
      `${docName}: the large document was not confirmed saved within ${timeoutMs / 1000} s (${client.serverErrors.join('; ')})`,
    );
}

/**
 * Everything a flood run needs on one server: the victim and target documents (the target filled with `targetBytes`
 * of text), the victims' tokens and the attacker's.
 */
export async function prepareFloodWorld(url, { victims, targetBytes }) {
  const { token: official, docNames } = await prepareMingaDocuments(url, { victim: 1, target: 1 });
  const big = buildLargeDocument(targetBytes);
  const [victimTokens, attackerToken] = await Promise.all([
    victimAccounts(url, victims),
    signIn(url, ATTACKER),
    upload(url, official, docNames.target[0], big),
  ]);
  return {
    victimDoc: docNames.victim[0],
    targetDoc: docNames.target[0],
    victimTokens,
    attackerToken,
    targetUpdateBytes: big.update.byteLength,
  };
}
