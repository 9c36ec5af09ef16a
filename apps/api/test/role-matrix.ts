// Who may call which route and send which socket event: the expected table of role-by-route.spec.ts, the objects it
// is played against, and how each route is called. The table is written by hand from libs/access/src/policy.ts and
// the controllers and gateways; it is never computed from the policy, so that the test can disagree with the code.
import { randomBytes, randomUUID } from 'node:crypto';
import type { Role } from '@minga/contracts';
import { anchorForWords } from '@minga/editor';
import { allSaved, openEditor, type Editor } from './collab-client';
import { createMeeting } from './meeting-room-client';
import { objectKindOf } from './openapi-arbitraries';
import { bearer, createPerson, removeHubs, type TestApp, type TestPerson } from './test-app';
import { itemAt } from './item-at';

/**
 * The eight callers, in the table's column order. Every object of the fixture belongs to "the city" of "the hub";
 * `officialElsewhere` is an official of another city of the same hub, `coordinatorElsewhere` a coordinator of
 * another hub; the observer and the expert are of the hub. The meeting invites the official and the expert.
 */
export const PRINCIPALS = [
  'anonymous',
  'observer',
  'expert',
  'officialElsewhere',
  'official',
  'coordinatorElsewhere',
  'coordinator',
  'admin',
] as const;
export type PrincipalName = (typeof PRINCIPALS)[number];
export type Verdict = 'allow' | 'deny';

/**
 * The expected table: `+` may (any 2xx; for a socket event, an accepted event), `-` may not (401 without a token,
 * or 404 on a public route; 403 or 404 with one; for a socket event, a refused connection or a forbidden/not_found/host_only/not_joined/
 * read_only error). REST rows are `METHOD /path` exactly as in the OpenAPI document; socket rows are
 * `socket <namespace> <event> (what)` with the event as named in the socket contracts; a REST row may add
 * `(what)` for a second case of the same route. Rows run in this order.
 */
// prettier-ignore
export const EXPECTED: Record<string, string> = {
  //                                                      anon obs  exp  offX off  corX cor  adm
  // Signing in and out, accounts: public; the credential is the body or the cookie, not the bearer token.
  'POST /api/auth/session':                               '+    +    +    +    +    +    +    +',
  'POST /api/auth/session/refresh':                       '+    +    +    +    +    +    +    +',
  'POST /api/accounts':                                   '+    +    +    +    +    +    +    +',
  'PUT /api/me/password':                                 '-    +    +    +    +    +    +    +',
  'DELETE /api/auth/session':                             '+    +    +    +    +    +    +    +',

  // People and roles: members read everyone; coordinators grant roles in their own hub, admins anywhere.
  'GET /api/users':                                       '-    +    +    +    +    +    +    +',
  'GET /api/users/{id}':                                  '-    +    +    +    +    +    +    +',
  'GET /api/me':                                          '-    +    +    +    +    +    +    +',
  'PATCH /api/me':                                        '-    +    +    +    +    +    +    +',
  'GET /api/role-assignments':                            '-    +    +    +    +    +    +    +',
  'POST /api/role-assignments':                           '-    -    -    -    -    -    +    +',
  'DELETE /api/role-assignments/{id}':                    '-    -    -    -    -    -    +    +',
  'GET /api/invitations':                                 '-    -    -    -    -    -    +    +',
  'POST /api/invitations':                                '-    -    -    -    -    -    +    +',
  'DELETE /api/invitations/{id}':                         '-    -    -    -    -    -    +    +',
  'GET /api/invitations/preview/{token}':                 '+    +    +    +    +    +    +    +',
  'POST /api/invitations/accept':                         '-    +    +    +    +    +    +    +',

  // Hubs and cities: admins create hubs; a hub's coordinators edit it and place cities in it; officials edit their city.
  'GET /api/hubs':                                        '-    +    +    +    +    +    +    +',
  'POST /api/hubs':                                       '-    -    -    -    -    -    -    +',
  'GET /api/hubs/{id}':                                   '-    +    +    +    +    +    +    +',
  'PATCH /api/hubs/{id}':                                 '-    -    -    -    -    -    +    +',
  'GET /api/cities':                                      '-    +    +    +    +    +    +    +',
  'POST /api/cities':                                     '-    -    -    -    -    -    +    +',
  'GET /api/cities/{id}':                                 '-    +    +    +    +    +    +    +',
  'PATCH /api/cities/{id}':                               '-    -    -    -    +    -    +    +',
  'GET /api/model-policies':                              '-    +    +    +    +    +    +    +',
  'GET /api/model-policies/{id}':                         '-    +    +    +    +    +    +    +',
  'GET /api/model-policies/{id}/template':                '-    +    +    +    +    +    +    +',

  // Drafts: every member reads; the city's officials (and admins) start, edit, version and restore them.
  'GET /api/drafts':                                      '-    +    +    +    +    +    +    +',
  'POST /api/drafts':                                     '-    -    -    -    +    -    -    +',
  'GET /api/drafts/{id}':                                 '-    +    +    +    +    +    +    +',
  'PATCH /api/drafts/{id}':                               '-    -    -    -    +    -    -    +',
  'GET /api/drafts/{id}/versions':                        '-    +    +    +    +    +    +    +',
  'POST /api/drafts/{id}/versions':                       '-    -    -    -    +    -    -    +',
  'GET /api/drafts/{id}/versions/{versionId}':            '-    +    +    +    +    +    +    +',
  'POST /api/drafts/{id}/versions/{versionId}/restore':   '-    -    -    -    +    -    -    +',
  'GET /api/drafts/{id}/outline':                         '-    +    +    +    +    +    +    +',
  'GET /api/drafts/{id}/comparison':                      '-    +    +    +    +    +    +    +',
  'GET /api/drafts/{id}/export':                          '-    +    +    +    +    +    +    +',

  // Action plans and their parts: the city's officials and the hub's coordinators change them; only the city
  // (and admins) removes anything.
  'GET /api/cities/{cityId}/action-plans':                '-    +    +    +    +    +    +    +',
  'POST /api/cities/{cityId}/action-plans':               '-    -    -    -    +    -    +    +',
  'GET /api/action-plans/{id}':                           '-    +    +    +    +    +    +    +',
  'PATCH /api/action-plans/{id}':                         '-    -    -    -    +    -    +    +',
  'DELETE /api/action-plans/{id}':                        '-    -    -    -    +    -    -    +',
  'GET /api/action-plans/{id}/history':                   '-    +    +    +    +    +    +    +',
  'GET /api/action-plans/{id}/milestones':                '-    +    +    +    +    +    +    +',
  'POST /api/action-plans/{id}/milestones':               '-    -    -    -    +    -    +    +',
  'POST /api/action-plans/{id}/milestones/import':        '-    -    -    -    +    -    +    +',
  'PATCH /api/milestones/{id}':                           '-    -    -    -    +    -    +    +',
  'DELETE /api/milestones/{id}':                          '-    -    -    -    +    -    -    +',
  'POST /api/milestones/{id}/tasks':                      '-    -    -    -    +    -    +    +',
  'PATCH /api/tasks/{id}':                                '-    -    -    -    +    -    +    +',
  'DELETE /api/tasks/{id}':                               '-    -    -    -    +    -    -    +',
  'GET /api/action-plans/{id}/kpis':                      '-    +    +    +    +    +    +    +',
  'POST /api/action-plans/{id}/kpis':                     '-    -    -    -    +    -    +    +',
  'GET /api/action-plans/{id}/measurements':              '-    +    +    +    +    +    +    +',
  'POST /api/action-plans/{id}/measurements/import':      '-    -    -    -    +    -    +    +',
  'PATCH /api/kpis/{id}':                                 '-    -    -    -    +    -    +    +',
  'DELETE /api/kpis/{id}':                                '-    -    -    -    +    -    -    +',
  'GET /api/kpis/{id}/measurements':                      '-    +    +    +    +    +    +    +',
  'POST /api/kpis/{id}/measurements':                     '-    -    -    -    +    -    +    +',
  'DELETE /api/measurements/{id}':                        '-    -    -    -    +    -    -    +',
  'GET /api/hubs/{hubId}/dashboard':                      '-    +    +    +    +    +    +    +',
  'GET /api/cohorts/{cohortId}/dashboard':                '-    +    +    +    +    +    +    +',

  // Published plans are open data: anyone, without signing in.
  'GET /api/open-data/catalog':                           '+    +    +    +    +    +    +    +',
  'GET /api/open-data/dictionary':                        '+    +    +    +    +    +    +    +',
  'GET /api/open-data/cities/{cityId}':                   '+    +    +    +    +    +    +    +',
  'GET /api/open-data/action-plans/{id}':                 '+    +    +    +    +    +    +    +',
  'GET /api/open-data/action-plans/{id} (not published)': '-    -    -    -    -    -    -    -',
  'GET /api/open-data/cities/{cityId}/{table}':           '+    +    +    +    +    +    +    +',
  'GET /api/open-data/hubs/{hubId}':                      '+    +    +    +    +    +    +    +',
  'GET /api/open-data/hubs/{hubId}/{table}':              '+    +    +    +    +    +    +    +',

  // Discussion of a draft: the hub's experts and coordinators and the city's officials comment; editors, the hub's
  // coordinators and a thread's own author (an expert's own thread) resolve; only a comment's author edits or
  // deletes it (the fixture's comment is someone else's, so nobody here may); editors decide suggestions.
  'GET /api/drafts/{draftId}/threads':                    '-    +    +    +    +    +    +    +',
  'POST /api/drafts/{draftId}/threads':                   '-    -    +    -    +    -    +    +',
  'GET /api/drafts/{draftId}/mentionable':                '-    -    +    -    +    -    +    +',
  'GET /api/threads/{id}':                                '-    +    +    +    +    +    +    +',
  'PATCH /api/threads/{id}':                              '-    -    -    -    +    -    +    +',
  'POST /api/threads/{id}/comments':                      '-    -    +    -    +    -    +    +',
  'PATCH /api/comments/{id}':                             '-    -    -    -    -    -    -    -',
  'DELETE /api/comments/{id}':                            '-    -    -    -    -    -    -    -',
  'POST /api/suggestions/{id}/accept':                    '-    -    -    -    +    -    -    +',
  'POST /api/suggestions/{id}/reject':                    '-    -    -    -    +    -    -    +',
  'GET /api/drafts/{draftId}/contributions':              '-    +    +    +    +    +    +    +',

  // Cohorts and meetings: the hub's coordinators (and admins) run them; every member reads them.
  'GET /api/hubs/{hubId}/cohorts':                        '-    +    +    +    +    +    +    +',
  'POST /api/hubs/{hubId}/cohorts':                       '-    -    -    -    -    -    +    +',
  'GET /api/cohorts/{id}':                                '-    +    +    +    +    +    +    +',
  'PATCH /api/cohorts/{id}':                              '-    -    -    -    -    -    +    +',
  'DELETE /api/cohorts/{id}':                             '-    -    -    -    -    -    +    +',
  'GET /api/cohorts/{id}/overview':                       '-    +    +    +    +    +    +    +',
  'GET /api/cohorts/{id}/people':                         '-    +    +    +    +    +    +    +',
  'GET /api/cohorts/{id}/slots':                          '-    +    +    +    +    +    +    +',
  'GET /api/cohorts/{id}/meetings':                       '-    +    +    +    +    +    +    +',
  'POST /api/cohorts/{id}/meetings':                      '-    -    -    -    -    -    +    +',
  'GET /api/hubs/{hubId}/meetings':                       '-    +    +    +    +    +    +    +',
  'POST /api/hubs/{hubId}/meetings':                      '-    -    -    -    -    -    +    +',
  'GET /api/meetings/{id}':                               '-    +    +    +    +    +    +    +',
  'PATCH /api/meetings/{id}':                             '-    -    -    -    -    -    +    +',
  'GET /api/meetings/{id}/occurrences':                   '-    +    +    +    +    +    +    +',
  'GET /api/meetings/{id}/invitees':                      '-    -    +    -    +    -    +    +',
  'GET /api/cohorts/{id}/occurrences':                    '-    +    +    +    +    +    +    +',
  'GET /api/hubs/{hubId}/occurrences':                    '-    +    +    +    +    +    +    +',
  'GET /api/me/meetings':                                 '-    +    +    +    +    +    +    +',
  'GET /api/occurrences/{id}':                            '-    +    +    +    +    +    +    +',
  'PATCH /api/occurrences/{id}':                          '-    -    -    -    -    -    +    +',
  'GET /api/occurrences/{id}/agenda':                     '-    +    +    +    +    +    +    +',
  'PUT /api/occurrences/{id}/agenda':                     '-    -    -    -    -    -    +    +',
  'DELETE /api/occurrences/{id}/agenda':                  '-    -    -    -    -    -    +    +',
  'GET /api/occurrences/{id}/rsvp':                       '-    +    +    +    +    +    +    +',
  // Only invitees answer: the hub's coordinator and the admin may attend and host, but are not invited.
  'PUT /api/occurrences/{id}/rsvp':                       '-    -    +    -    +    -    -    -',
  'GET /api/occurrences/{id}/rsvps':                      '-    -    +    -    +    -    +    +',
  'GET /api/meetings/{id}/calendar':                      '-    +    +    +    +    +    +    +',
  'GET /api/me/calendar-feeds':                           '-    +    +    +    +    +    +    +',
  'POST /api/me/calendar-feeds':                          '-    +    +    +    +    +    +    +',
  // The fixture's feed is someone else's: nobody but its owner revokes it, not even an admin.
  'DELETE /api/me/calendar-feeds/{id}':                   '-    -    -    -    -    -    -    -',
  'GET /api/calendars/feeds/{token}':                     '+    +    +    +    +    +    +    +',

  // What a meeting leaves behind: those who may attend (invitees, the hub's coordinators, admins) take part; hosts
  // (the organiser, the hub's coordinators, admins) run it. The action item is the official's: its owner may change it.
  'GET /api/occurrences/{id}/attendance':                 '-    -    -    -    -    -    +    +',
  'GET /api/occurrences/{id}/polls':                      '-    -    +    -    +    -    +    +',
  'GET /api/occurrences/{id}/minutes':                    '-    -    +    -    +    -    +    +',
  'POST /api/occurrences/{id}/minutes':                   '-    -    -    -    -    -    +    +',
  'PATCH /api/occurrences/{id}/minutes':                  '-    -    -    -    -    -    +    +',
  'POST /api/occurrences/{id}/minutes/approve':           '-    -    -    -    -    -    +    +',
  'POST /api/occurrences/{id}/minutes/publish':           '-    -    -    -    -    -    +    +',
  'GET /api/occurrences/{id}/action-items':               '-    -    +    -    +    -    +    +',
  'POST /api/occurrences/{id}/action-items':              '-    -    +    -    +    -    +    +',
  'PATCH /api/meeting-action-items/{id}':                  '-    -    -    -    +    -    +    +',
  'DELETE /api/meeting-action-items/{id}':                 '-    -    -    -    -    -    +    +',
  // Sending to a plan takes both: attending the meeting and updating the city's plan (the expert only attends).
  'POST /api/meeting-action-items/{id}/send-to-plan':      '-    -    -    -    +    -    +    +',

  // The caller's own notification centre.
  'GET /api/me/notifications':                            '-    +    +    +    +    +    +    +',
  'POST /api/me/notifications/read':                      '-    +    +    +    +    +    +    +',
  'GET /api/me/notification-preferences':                 '-    +    +    +    +    +    +    +',
  'PUT /api/me/notification-preferences':                 '-    +    +    +    +    +    +    +',
  'GET /api/health':                                      '+    +    +    +    +    +    +    +',
  'GET /api/health/ready':                                '+    +    +    +    +    +    +    +',

  // Sockets. Nobody connects without a token; then the per-person channel is everyone's own.
  'socket /events connect':                               '-    +    +    +    +    +    +    +',
  'socket /events reauth (own token)':              '-    +    +    +    +    +    +    +',
  // Drafts on /collab: every member opens and reads them; only the city's officials and admins change the text.
  'socket /collab connect':                               '-    +    +    +    +    +    +    +',
  'socket /collab join (the draft)':                      '-    +    +    +    +    +    +    +',
  'socket /collab y (sync step 1 on the draft)':          '-    +    +    +    +    +    +    +',
  'socket /collab y (presence on the draft)':             '-    +    +    +    +    +    +    +',
  'socket /collab y (update of the draft)':               '-    -    -    -    +    -    -    +',
  'socket /collab leave (the draft)':                     '-    +    +    +    +    +    +    +',
  // Meeting notes on /collab: members read them; those who may attend the meeting write them.
  'socket /collab join (the meeting notes)':              '-    +    +    +    +    +    +    +',
  'socket /collab y (update of the meeting notes)':       '-    -    +    -    +    -    +    +',
  'socket /collab reauth (own token)':              '-    +    +    +    +    +    +    +',
  // The live room on /meetings: those who may attend join, raise hands and vote; hosts run the room.
  'socket /meetings connect':                             '-    +    +    +    +    +    +    +',
  'socket /meetings join':                                '-    -    +    -    +    -    +    +',
  'socket /meetings raise-hand':                          '-    -    +    -    +    -    +    +',
  'socket /meetings lower-hand (own)':                    '-    -    +    -    +    -    +    +',
  "socket /meetings lower-hand (someone else's)":         '-    -    -    -    -    -    +    +',
  'socket /meetings next-hand':                           '-    -    -    -    -    -    +    +',
  'socket /meetings set-agenda-item':                     '-    -    -    -    -    -    +    +',
  'socket /meetings open-poll':                           '-    -    -    -    -    -    +    +',
  'socket /meetings vote':                                '-    -    +    -    +    -    +    +',
  'socket /meetings close-poll':                          '-    -    -    -    -    -    +    +',
  'socket /meetings end-meeting':                         '-    -    -    -    -    -    +    +',
  // Leaving a room one is not in is harmless and answered ok.
  'socket /meetings leave':                               '-    +    +    +    +    +    +    +',
  'socket /meetings reauth (own token)':            '-    +    +    +    +    +    +    +',
};

/** One row of the table as a verdict per principal. */
export function expectedRow(key: string): Record<PrincipalName, Verdict> {
  const cells = (EXPECTED[key] ?? '').trim().split(/\s+/);
  if (cells.length !== PRINCIPALS.length || cells.some((c) => c !== '+' && c !== '-'))
    throw new Error(`Malformed row ${key}: ${EXPECTED[key]}`);
  return Object.fromEntries(PRINCIPALS.map((p, i) => [p, cells[i] === '+' ? 'allow' : 'deny'])) as Record<PrincipalName, Verdict>;
}

export const REST_ROWS = Object.keys(EXPECTED).filter((key) => !key.startsWith('socket '));
export const SOCKET_ROWS = Object.keys(EXPECTED).filter((key) => key.startsWith('socket '));

// ---------------------------------------------------------------------------------------------------------------
// The fixture: the hub, the city and one of each object a route can name, all made through the API as users would.

export interface Fixture {
  t: TestApp;
  /** The caller per principal (null for anonymous). */
  people: Record<PrincipalName, TestPerson | null>;
  /** An official of the city who wrote the draft, its thread and the plan; not one of the eight callers. */
  author: TestPerson;
  /** A coordinator of the hub who formed the cohort and organised the meeting; not one of the eight callers. */
  organiser: TestPerson;
  /** An admin that makes hubs, cities and invitations for the fixture; not one of the eight callers. */
  setupAdmin: TestPerson;
  ids: Record<string, string>;
  policies: string[];
  hubKey: string;
  otherHubKey: string;
  cityName: string;
  /** The author's editor on the draft, to type text that suggestions can point at. */
  writer: Editor;
  /** A number unique within the run, for unique names and days. */
  next: () => number;
  tag: string;
}

/** A fixture id by name, failing the test with a clear message for one the fixture did not make. */
export function idOf(f: Fixture, name: string): string {
  const id = f.ids[name];
  if (id === undefined) throw new Error(`The fixture has no id named ${name}`);
  return id;
}

const actingAs = (t: TestApp, person: TestPerson) => ({
  post: async (path: string, body: object, status = 201) => {
    const res = await t.http().post(path).set(bearer(person)).send(body);
    if (res.status !== status) throw new Error(`POST ${path} as fixture: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body;
  },
  get: async (path: string) => {
    const res = await t.http().get(path).set(bearer(person));
    if (res.status !== 200) throw new Error(`GET ${path} as fixture: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body;
  },
});

/** `YYYY-MM-DDTHH:MM` in UTC, as a meeting's local start in the UTC time zone. */
const utcWall = (date: Date) => date.toISOString().slice(0, 16);

export async function buildFixture(t: TestApp): Promise<Fixture> {
  const tag = `Rbr${randomBytes(4).toString('hex')}`;
  const hubKey = `rbr-${tag.slice(3)}`;
  const otherHubKey = `rbr-${tag.slice(3)}-x`;
  const cityName = `${tag} City`;
  const otherCityName = `${tag} Elsewhere`;
  let counter = 0;
  const next = () => ++counter;

  const setupAdmin = await createPerson(t, [{ role: 'admin' }]);
  const admin = actingAs(t, setupAdmin);
  const hub = (await admin.post('/api/hubs', { key: hubKey, name: `${tag} hub`, languages: ['en'], timeZones: ['UTC'] })).id;
  const otherHub = (await admin.post('/api/hubs', { key: otherHubKey, name: `${tag} other hub`, languages: ['en'], timeZones: ['UTC'] }))
    .id;
  const cityBody = (name: string) => ({ hubId: hub, name, country: 'MX', timeZone: 'UTC', locale: 'es-MX' });
  const city = (await admin.post('/api/cities', cityBody(cityName))).id;
  const otherCity = (await admin.post('/api/cities', cityBody(otherCityName))).id;

  const grant = (role: Role, scope: 'hub' | 'otherHub' | 'city' | 'otherCity' | null) => [
    {
      role,
      hubKey: scope === 'hub' ? hubKey : scope === 'otherHub' ? otherHubKey : undefined,
      cityName: scope === 'city' ? cityName : scope === 'otherCity' ? otherCityName : undefined,
    },
  ];
  const [observer, expert, officialElsewhere, official, coordinatorElsewhere, coordinator, adminPerson, author, organiser] =
    await Promise.all([
      createPerson(t, grant('observer', 'hub')),
      createPerson(t, grant('expert', 'hub')),
      createPerson(t, grant('official', 'otherCity')),
      createPerson(t, grant('official', 'city')),
      createPerson(t, grant('coordinator', 'otherHub')),
      createPerson(t, grant('coordinator', 'hub')),
      createPerson(t, grant('admin', null)),
      createPerson(t, grant('official', 'city')),
      createPerson(t, grant('coordinator', 'hub')),
    ]);
  const people: Record<PrincipalName, TestPerson | null> = {
    anonymous: null,
    observer,
    expert,
    officialElsewhere,
    official,
    coordinatorElsewhere,
    coordinator,
    admin: adminPerson,
  };

  const policies: string[] = ((await admin.get('/api/model-policies')) as { id: string }[]).map((p) => p.id);
  if (policies.length < 3) throw new Error('The fixture needs three model policies (one plan per city and policy)');
  const ids: Record<string, string> = { hub, otherHub, city, otherCity, modelPolicy: itemAt(policies), user: author.id };

  // The draft, its discussion and a named version, by the author; the author's editor stays open on it.
  const byAuthor = actingAs(t, author);
  const draft = await byAuthor.post('/api/drafts', { cityId: city, modelPolicyId: policies[0], title: `${tag} draft` });
  Object.assign(ids, { draft: draft.id, docName: draft.docName });
  const writer = await openEditor(t.url, draft.docName, author.token);
  writer.type(`${tag} opens its budget data within thirty days.`);
  await allSaved(writer);
  const thread = await byAuthor.post(`/api/drafts/${draft.id}/threads`, { body: 'Is thirty days enough?' });
  Object.assign(ids, { thread: thread.id, comment: thread.comments[0].id });
  ids['version'] = (await byAuthor.post(`/api/drafts/${draft.id}/versions`, { label: 'First reading' })).id;

  // The city's action plan (not published) with a milestone, a task, a KPI and a measurement, by the author.
  const plan = await byAuthor.post(`/api/cities/${city}/action-plans`, { modelPolicyId: policies[0], statementOfIntent: 'Open data' });
  const milestone = await byAuthor.post(`/api/action-plans/${plan.id}/milestones`, {
    title: 'Budget online',
    dueDate: '2030-01-01',
    tasks: [{ title: 'Scan' }],
  });
  const kpi = await byAuthor.post(`/api/action-plans/${plan.id}/kpis`, KPI_BODY);
  const measurement = await byAuthor.post(`/api/kpis/${kpi.id}/measurements`, { date: '2025-06-01', value: 2 });
  // A published plan (of the other city of the hub) is open data; the city's own plan is not published.
  const published = await admin.post(`/api/cities/${otherCity}/action-plans`, { modelPolicyId: policies[0], published: true });
  ids['publishedPlan'] = published.id;
  Object.assign(ids, { plan: plan.id, milestone: milestone.id, task: milestone.tasks[0].id, kpi: kpi.id, measurement: measurement.id });

  // The hub's cohort (the city, the expert) and its weekly meeting, under way now; the official and the expert are invited.
  const byOrganiser = actingAs(t, organiser);
  const cohort = await byOrganiser.post(`/api/hubs/${hub}/cohorts`, {
    name: `${tag} cohort`,
    startsOn: '2025-01-01',
    endsOn: '2029-12-31',
    cityIds: [city],
    expertIds: [expert.id],
  });
  ids['cohort'] = cohort.id;
  const meeting = await byOrganiser.post(`/api/cohorts/${cohort.id}/meetings`, {
    title: `${tag} cohort call`,
    timeZone: 'UTC',
    localStart: utcWall(new Date(Date.now() - 10 * 60_000)),
    durationMinutes: 180,
    rrule: 'FREQ=WEEKLY;COUNT=3',
    inviteeIds: [official.id, expert.id],
    agenda: [
      { title: 'Welcome', durationMinutes: 10 },
      { title: 'Open data portal', durationMinutes: 30 },
    ],
  });
  const from = new Date(Date.now() - 86_400_000).toISOString();
  const to = new Date(Date.now() + 40 * 86_400_000).toISOString();
  const occurrences: { id: string }[] = (await byOrganiser.get(`/api/meetings/${meeting.id}/occurrences?from=${from}&to=${to}`)).items;
  // A second meeting of the hub, the one edited (editing a series may expand it again).
  const edited = await byOrganiser.post(`/api/hubs/${hub}/meetings`, {
    title: `${tag} hub call`,
    timeZone: 'UTC',
    localStart: '2031-03-01T10:00',
    durationMinutes: 60,
    inviteeIds: [official.id, expert.id],
  });
  Object.assign(ids, {
    meeting: meeting.id,
    editedMeeting: edited.id,
    occurrence: itemAt(occurrences).id,
    laterOccurrence: itemAt(occurrences, 1).id,
  });
  // The occurrence under way has published minutes and an action item owned by the official.
  const minutesPath = `/api/occurrences/${ids['occurrence']}/minutes`;
  await byOrganiser.post(minutesPath, {});
  await byOrganiser.post(`${minutesPath}/approve`, {}, 200);
  await byOrganiser.post(`${minutesPath}/publish`, {}, 200);
  ids['actionItem'] = (
    await byOrganiser.post(`/api/occurrences/${ids['occurrence']}/action-items`, { title: 'Send the slides', ownerId: official.id })
  ).id;

  // Someone else's calendar feed (the author's), and a pending invitation of an official of the city.
  const feed = await byAuthor.post('/api/me/calendar-feeds', { kind: 'user' });
  Object.assign(ids, { calendarFeed: feed.id, calendarFeedToken: tokenOf(feed.url) });
  const invitation = await admin.post('/api/invitations', {
    email: `${tag.toLowerCase()}-invited@example.test`,
    role: 'official',
    cityId: city,
  });
  Object.assign(ids, { invitation: invitation.invitation.id, invitationToken: tokenOf(invitation.inviteUrl) });

  return { t, people, author, organiser, setupAdmin, ids, policies, hubKey, otherHubKey, cityName, writer, next, tag };
}

/** The last path segment of a URL: the secret of an invitation link or a calendar feed. */
function tokenOf(url: string): string {
  return (
    url
      .split('/')
      .pop()
      ?.replace(/\.ics$/, '') ?? ''
  );
}

const KPI_BODY = {
  name: 'Open datasets',
  unit: 'count',
  direction: 'up',
  baselineValue: 1,
  baselineDate: '2025-01-01',
  targetValue: 9,
  targetDate: '2030-01-01',
};

/** Removes what the fixture made in its hubs, so that other suites sharing the database see the demo data as before. */
export async function removeFixture(f: Fixture): Promise<void> {
  const q = (sql: string, params: unknown[]) => f.t.db.query(sql, params).catch(() => undefined);
  await removeHubs(f.t, [idOf(f, 'hub'), idOf(f, 'otherHub')]).catch(() => undefined);
  // Hubs that the POST /api/hubs row made (their keys extend the fixture's).
  await q(`DELETE FROM hubs WHERE key LIKE $1 AND NOT EXISTS (SELECT 1 FROM cities c WHERE c.hub_id = hubs.id)`, [`${f.hubKey}-n%`]);
}

// ---------------------------------------------------------------------------------------------------------------
// How each route is called. Path parameters name the fixture's objects (by parameter name, else by the segment
// before them); a recipe adds a body, a query, headers, or fresh objects for a call that uses its object up.

interface Call {
  /** Path parameters that are not the fixture's shared objects. */
  params?: Record<string, string>;
  query?: Record<string, string>;
  body?: unknown;
  headers?: Record<string, string>;
  /** Runs after the call, to undo what an allowed call changed about the caller. */
  after?: () => Promise<void>;
}

interface Caller {
  name: PrincipalName;
  person: TestPerson | null;
}

type Recipe = Call | ((f: Fixture, caller: Caller) => Call | Promise<Call>);

/** A person in the database only (no sign-in), as the target of a role grant. */
async function plainUser(f: Fixture): Promise<string> {
  const [{ id }] = await f.t.db.query(
    `INSERT INTO users (email, name, password_hash, locale, time_zone, working_hours)
     VALUES ($1, 'Target', 'x', 'en', 'UTC', '{"start":"09:00","end":"17:00","days":[1,2,3,4,5]}') RETURNING id`,
    [`target-${randomBytes(5).toString('hex')}@example.test`],
  );
  return id;
}

/** A fresh invitation made by the setup admin; returns its id and its secret. */
async function invitationFor(f: Fixture, body: Record<string, unknown>): Promise<{ id: string; token: string }> {
  const created = await actingAs(f.t, f.setupAdmin).post('/api/invitations', body);
  return { id: created.invitation.id, token: tokenOf(created.inviteUrl) };
}

/** A meeting of the hub with one occurrence under way, organised by the organiser, inviting the official and the expert. */
export async function freshOccurrence(f: Fixture, minutes: 'none' | 'draft' | 'approved' = 'none'): Promise<string> {
  const invitees = [f.people.official, f.people.expert].map((p) => (p as TestPerson).id);
  const { occurrenceId } = await createMeeting(f.t, { hubId: idOf(f, 'hub'), organiserId: f.organiser.id, inviteeIds: invitees });
  const path = `/api/occurrences/${occurrenceId}/minutes`;
  if (minutes !== 'none') await actingAs(f.t, f.organiser).post(path, {});
  if (minutes === 'approved') await actingAs(f.t, f.organiser).post(`${path}/approve`, {}, 200);
  return occurrenceId;
}

/** A day unique within the run (measurements are one per KPI and day). */
const uniqueDay = (f: Fixture) => new Date(Date.UTC(2020, 0, 1) + f.next() * 86_400_000).toISOString().slice(0, 10);

const MEETING_BODY = { timeZone: 'UTC', localStart: '2031-05-01T09:00', durationMinutes: 45, inviteeIds: [] };
const MINUTES_CONTENT = { type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'Agreed: budget data in May.' }] }] };

export const RECIPES: Record<string, Recipe> = {
  'POST /api/auth/session': (f) => ({ body: { email: f.author.email, password: f.author.password } }),
  'POST /api/auth/session/refresh': async (f) => {
    const res = await f.t.http().post('/api/auth/session').send({ email: f.author.email, password: f.author.password });
    const cookies = ([] as string[]).concat(res.headers['set-cookie'] ?? []);
    return { headers: { Cookie: cookies.map((c) => c.split(';')[0]).join('; ') } };
  },
  'POST /api/accounts': async (f) => {
    const { token } = await invitationFor(f, {
      email: `${f.tag.toLowerCase()}-new-${f.next()}@example.test`,
      role: 'official',
      cityId: idOf(f, 'city'),
    });
    return { body: { invitationToken: token, name: 'New official', password: `pw-${randomBytes(8).toString('hex')}` } };
  },
  'PUT /api/me/password': (_f, { person }) => {
    const newPassword = `pw-${randomBytes(8).toString('hex')}`;
    return {
      body: { currentPassword: person?.password ?? 'whatever-it-was', newPassword },
      after: async () => {
        if (person) person.password = newPassword;
      },
    };
  },
  'PATCH /api/me': { body: { timeZone: 'UTC' } },
  'POST /api/role-assignments': async (f) => ({ body: { userId: await plainUser(f), role: 'expert', hubId: idOf(f, 'hub') } }),
  'DELETE /api/role-assignments/{id}': async (f) => {
    const [{ id }] = await f.t.db.query(`INSERT INTO role_assignments (user_id, role, hub_id) VALUES ($1, 'expert', $2) RETURNING id`, [
      await plainUser(f),
      idOf(f, 'hub'),
    ]);
    return { params: { id } };
  },
  'GET /api/invitations': (f) => ({ query: { hubId: idOf(f, 'hub') } }),
  'POST /api/invitations': (f) => ({
    body: { email: `${f.tag.toLowerCase()}-${f.next()}@example.test`, role: 'official', cityId: idOf(f, 'city') },
  }),
  'DELETE /api/invitations/{id}': async (f) => {
    const { id } = await invitationFor(f, {
      email: `${f.tag.toLowerCase()}-${f.next()}@example.test`,
      role: 'official',
      cityId: idOf(f, 'city'),
    });
    return { params: { id } };
  },
  // The caller takes an invitation sent to their own address (as an observer, which adds no right); undone after.
  'POST /api/invitations/accept': async (f, { person }) => {
    const { token } = await invitationFor(f, { email: person?.email ?? `${f.tag.toLowerCase()}-anon@example.test`, role: 'observer' });
    return {
      body: { invitationToken: token },
      after: async () => {
        if (person)
          await f.t.db.query(
            `DELETE FROM role_assignments WHERE user_id = $1 AND role = 'observer' AND hub_id IS NULL AND city_id IS NULL`,
            [person.id],
          );
      },
    };
  },
  'POST /api/hubs': (f) => {
    const n = f.next();
    return { body: { key: `${f.hubKey}-n${n}`, name: `${f.tag} new hub ${n}`, languages: ['en'], timeZones: ['UTC'] } };
  },
  'PATCH /api/hubs/{id}': (f) => ({ body: { name: `${f.tag} hub` } }),
  'POST /api/cities': (f) => ({
    body: { hubId: idOf(f, 'hub'), name: `${f.tag} New city ${f.next()}`, country: 'MX', timeZone: 'UTC', locale: 'es-MX' },
  }),
  'PATCH /api/cities/{id}': { body: { population: 120_000 } },
  'POST /api/drafts': (f) => ({ body: { cityId: idOf(f, 'city'), modelPolicyId: f.policies[0], title: `${f.tag} another draft` } }),
  'PATCH /api/drafts/{id}': (f) => ({ body: { title: `${f.tag} draft` } }),
  'POST /api/drafts/{id}/versions': (f) => ({ body: { label: `Reading ${f.next()}` } }),
  // One plan per city and model policy: the call makes the one of the second policy, after removing it.
  'POST /api/cities/{cityId}/action-plans': async (f) => {
    await f.t.db.query('DELETE FROM action_plans WHERE city_id = $1 AND model_policy_id = $2', [idOf(f, 'city'), f.policies[1]]);
    return { body: { modelPolicyId: f.policies[1], statementOfIntent: 'Second plan' } };
  },
  'PATCH /api/action-plans/{id}': { body: { statementOfIntent: 'Open data, in time' } },
  'DELETE /api/action-plans/{id}': async (f) => {
    await f.t.db.query('DELETE FROM action_plans WHERE city_id = $1 AND model_policy_id = $2', [idOf(f, 'city'), f.policies[2]]);
    const plan = await actingAs(f.t, f.author).post(`/api/cities/${idOf(f, 'city')}/action-plans`, { modelPolicyId: f.policies[2] });
    return { params: { id: plan.id } };
  },
  'POST /api/action-plans/{id}/milestones': { body: { title: 'Transport data', dueDate: '2031-01-01' } },
  'POST /api/action-plans/{id}/milestones/import': { body: { csv: 'title,due_date\nImported milestone,2031-02-01\n' } },
  'PATCH /api/milestones/{id}': { body: { title: 'Budget online' } },
  'DELETE /api/milestones/{id}': async (f) => {
    const milestone = await actingAs(f.t, f.author).post(`/api/action-plans/${idOf(f, 'plan')}/milestones`, {
      title: 'To remove',
      dueDate: '2031-01-01',
    });
    return { params: { id: milestone.id } };
  },
  'POST /api/milestones/{id}/tasks': { body: { title: 'Check' } },
  'PATCH /api/tasks/{id}': { body: { title: 'Scan' } },
  'DELETE /api/tasks/{id}': async (f) => {
    const task = await actingAs(f.t, f.author).post(`/api/milestones/${idOf(f, 'milestone')}/tasks`, { title: 'To remove' });
    return { params: { id: task.id } };
  },
  'POST /api/action-plans/{id}/kpis': (f) => ({ body: { ...KPI_BODY, name: `Datasets ${f.next()}` } }),
  'POST /api/action-plans/{id}/measurements/import': (f) => ({ body: { csv: `kpi,date,value\n${idOf(f, 'kpi')},${uniqueDay(f)},4\n` } }),
  'PATCH /api/kpis/{id}': { body: { targetValue: 10 } },
  'DELETE /api/kpis/{id}': async (f) => {
    const kpi = await actingAs(f.t, f.author).post(`/api/action-plans/${idOf(f, 'plan')}/kpis`, {
      ...KPI_BODY,
      name: `To remove ${f.next()}`,
    });
    return { params: { id: kpi.id } };
  },
  'POST /api/kpis/{id}/measurements': (f) => ({ body: { date: uniqueDay(f), value: 5 } }),
  'DELETE /api/measurements/{id}': async (f) => {
    const measurement = await actingAs(f.t, f.author).post(`/api/kpis/${idOf(f, 'kpi')}/measurements`, { date: uniqueDay(f), value: 1 });
    return { params: { id: measurement.id } };
  },
  'GET /api/open-data/action-plans/{id}': (f) => ({ params: { id: idOf(f, 'publishedPlan') } }),
  'GET /api/open-data/cities/{cityId}/{table}': { params: { table: 'milestones' } },
  'GET /api/open-data/hubs/{hubId}/{table}': { params: { table: 'kpis' } },
  'POST /api/drafts/{draftId}/threads': { body: { body: 'A remark on the whole draft' } },
  'PATCH /api/threads/{id}': { body: { status: 'open' } },
  'POST /api/threads/{id}/comments': { body: { body: 'A reply' } },
  'PATCH /api/comments/{id}': { body: { body: 'Rewritten by someone else' } },
  'POST /api/suggestions/{id}/accept': async (f) => ({ params: { id: await freshSuggestion(f) } }),
  'POST /api/suggestions/{id}/reject': async (f) => ({ params: { id: await freshSuggestion(f) } }),
  'POST /api/hubs/{hubId}/cohorts': (f) => ({
    body: { name: `${f.tag} cohort ${f.next()}`, startsOn: '2031-01-01', endsOn: '2031-12-31' },
  }),
  'PATCH /api/cohorts/{id}': (f) => ({ body: { name: `${f.tag} cohort` } }),
  'DELETE /api/cohorts/{id}': async (f) => {
    const cohort = await actingAs(f.t, f.organiser).post(`/api/hubs/${idOf(f, 'hub')}/cohorts`, {
      name: `${f.tag} cohort to remove ${f.next()}`,
      startsOn: '2031-01-01',
      endsOn: '2031-12-31',
    });
    return { params: { id: cohort.id } };
  },
  'GET /api/cohorts/{id}/slots': { query: { from: '2031-03-02', to: '2031-03-06', durationMinutes: '60' } },
  'POST /api/cohorts/{id}/meetings': { body: { ...MEETING_BODY, title: 'Cohort review' } },
  'POST /api/hubs/{hubId}/meetings': { body: { ...MEETING_BODY, title: 'Hub review' } },
  'PATCH /api/meetings/{id}': (f) => ({ params: { id: idOf(f, 'editedMeeting') }, body: { description: 'Bring the budget figures' } }),
  'PATCH /api/occurrences/{id}': (f) => ({
    params: { id: idOf(f, 'laterOccurrence') },
    body: { startsAt: '2031-06-01T10:00:00Z', endsAt: '2031-06-01T11:00:00Z' },
  }),
  'PUT /api/occurrences/{id}/agenda': (f) => ({
    params: { id: idOf(f, 'laterOccurrence') },
    body: { items: [{ title: 'Welcome', durationMinutes: 10 }] },
  }),
  'DELETE /api/occurrences/{id}/agenda': (f) => ({ params: { id: idOf(f, 'laterOccurrence') } }),
  'PUT /api/occurrences/{id}/rsvp': { body: { response: 'yes' } },
  'POST /api/me/calendar-feeds': (f) => ({ body: { kind: 'cohort', cohortId: idOf(f, 'cohort') } }),
  'GET /api/calendars/feeds/{token}': (f) => ({ params: { token: idOf(f, 'calendarFeedToken') } }),
  'POST /api/occurrences/{id}/minutes': async (f) => ({ params: { id: await freshOccurrence(f) } }),
  'PATCH /api/occurrences/{id}/minutes': async (f) => ({
    params: { id: await freshOccurrence(f, 'draft') },
    body: { content: MINUTES_CONTENT },
  }),
  'POST /api/occurrences/{id}/minutes/approve': async (f) => ({ params: { id: await freshOccurrence(f, 'draft') } }),
  'POST /api/occurrences/{id}/minutes/publish': async (f) => ({ params: { id: await freshOccurrence(f, 'approved') } }),
  'POST /api/occurrences/{id}/action-items': { body: { title: 'Share the dataset list' } },
  'PATCH /api/meeting-action-items/{id}': { body: { title: 'Send the slides today' } },
  'DELETE /api/meeting-action-items/{id}': async (f) => {
    const item = await actingAs(f.t, f.organiser).post(`/api/occurrences/${idOf(f, 'occurrence')}/action-items`, { title: 'To remove' });
    return { params: { id: item.id } };
  },
  'POST /api/meeting-action-items/{id}/send-to-plan': async (f) => {
    const item = await actingAs(f.t, f.organiser).post(`/api/occurrences/${idOf(f, 'occurrence')}/action-items`, {
      title: `Publish the transport data ${f.next()}`,
      cityId: idOf(f, 'city'),
      dueOn: '2031-09-30',
    });
    return { params: { id: item.id }, body: { actionPlanId: idOf(f, 'plan') } };
  },
  'POST /api/me/notifications/read': { body: { all: true } },
  'PUT /api/me/notification-preferences': { body: { preferences: { mention: { inApp: true, email: 'off' } } } },
};

/** A pending suggestion by the author on words of its own, typed into the draft for it. */
async function freshSuggestion(f: Fixture): Promise<string> {
  const words = `clause ${f.tag} ${f.next()}`;
  f.writer.type(`The ${words} stays as written.`);
  await allSaved(f.writer);
  const anchor = anchorForWords(f.writer.doc, words);
  if (!anchor) throw new Error(`"${words}" is not in the draft`);
  const thread = await actingAs(f.t, f.author).post(`/api/drafts/${idOf(f, 'draft')}/threads`, {
    kind: 'suggestion',
    anchor,
    body: 'Shorter',
    replacement: 'new words',
  });
  return thread.id;
}

export async function callOf(f: Fixture, key: string, caller: Caller): Promise<Call> {
  const recipe = RECIPES[key];
  if (!recipe) return {};
  return typeof recipe === 'function' ? recipe(f, caller) : recipe;
}

/** The URL of a templated path: the call's own parameters first, then the fixture's objects. */
export function urlOf(f: Fixture, path: string, params: Record<string, string> = {}): string {
  return path.replace(/\{(\w+)\}/g, (_, name: string) => {
    if (params[name]) return encodeURIComponent(params[name]);
    const kind = objectKindOf(path, name);
    const id = kind ? f.ids[kind] : undefined;
    if (!id) throw new Error(`No fixture object for {${name}} in ${path}`);
    return encodeURIComponent(id);
  });
}

/** A well-formed id that names nothing. */
export const guessedId = () => randomUUID();
