// During a live meeting two officials co-edit the linked draft while an expert comments on it and the host runs a
// poll; afterwards the host turns the shared notes into published minutes and finds everyone in the attendance.
import type { Browser, Page } from 'playwright-core';
import type {
  Draft,
  Hub,
  Meeting,
  ModelPolicy,
  OccurrencePage,
  Page as ListPage,
  City,
  Session,
  CreatedInvitation,
} from '@minga/contracts';
import { seriousViolations } from './support/axe';
import { launchBrowser, newPage, signIn } from './support/browser';
import { baseUrl, E2E_DEMO_PASSWORD } from './support/constants';

const HOST = 'coordinator.japan@demo.minga.dev';
const OFFICIAL = 'official.tsukuba@demo.minga.dev';
const EXPERT = 'expert.japan@demo.minga.dev';
const DEPUTY_PASSWORD = 'deputy-password-2026';
const COMMENTED = 'The City treats its data as a public asset.';

async function api<T>(token: string | null, method: string, path: string, body?: unknown): Promise<T> {
  const response = await fetch(`${baseUrl()}${path}`, {
    method,
    headers: { 'Content-Type': 'application/json', ...(token ? { Authorization: `Bearer ${token}` } : {}) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${text}`);
  return (text ? JSON.parse(text) : undefined) as T;
}

function signInApi(email: string, password = E2E_DEMO_PASSWORD): Promise<Session> {
  return api<Session>(null, 'POST', '/api/auth/session', { email, password });
}

function draftEditorOf(page: Page) {
  return page.locator('#room-draft').locator('..').locator('.ProseMirror');
}

function notesEditorOf(page: Page) {
  return page.locator('.room-notes .ProseMirror');
}

/** Selects `text` in the linked draft as a person dragging over it would. */
async function selectInDraft(page: Page, text: string): Promise<void> {
  await page.evaluate((wanted) => {
    const root = document.querySelector('.room-draft .ProseMirror') as HTMLElement;
    const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const index = node.textContent?.indexOf(wanted) ?? -1;
      if (index < 0) continue;
      const range = document.createRange();
      range.setStart(node, index);
      range.setEnd(node, index + wanted.length);
      const selection = window.getSelection() as Selection;
      selection.removeAllRanges();
      selection.addRange(range);
      return;
    }
    throw new Error(`"${wanted}" is not in the draft`);
  }, text);
}

/** Puts the caret at the end of the editor's last paragraph and types there. */
async function typeAtEnd(page: Page, editor: ReturnType<typeof notesEditorOf>, text: string): Promise<void> {
  await editor.click();
  await page.keyboard.press('Control+End');
  await page.keyboard.press('Enter');
  await page.keyboard.type(text, { delay: 20 });
}

describe('a live meeting room', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(() => browser.close());

  it('lets officials co-edit the linked draft while an expert comments and a poll runs; then minutes and attendance are there', async () => {
    // The setting, through the API: a Tsukuba draft, a second Tsukuba official, and a live hub meeting linking the draft.
    const host = await signInApi(HOST);
    const official = await signInApi(OFFICIAL);
    const expert = await signInApi(EXPERT);
    const japan = (await api<Hub[]>(host.accessToken, 'GET', '/api/hubs')).find((hub) => hub.name === 'Japan') as Hub;
    const tsukuba = (await api<ListPage<City>>(host.accessToken, 'GET', `/api/cities?hubId=${japan.id}&q=Tsukuba`)).items[0];
    const openData = (await api<ModelPolicy[]>(host.accessToken, 'GET', '/api/model-policies')).find(
      (policy) => policy.name === 'Open data',
    ) as ModelPolicy;
    const stamp = Date.now();
    const draft = await api<Draft>(official.accessToken, 'POST', '/api/drafts', {
      cityId: tsukuba.id,
      modelPolicyId: openData.id,
      title: `Tsukuba open data ${stamp}`,
    });
    const invitation = await api<CreatedInvitation>(host.accessToken, 'POST', '/api/invitations', {
      email: `deputy.${stamp}@example.org`,
      role: 'official',
      cityId: tsukuba.id,
    });
    const deputy = await api<Session>(null, 'POST', '/api/accounts', {
      invitationToken: new URL(invitation.inviteUrl).pathname.split('/').pop(),
      name: 'Tsukuba Deputy',
      password: DEPUTY_PASSWORD,
    });
    const title = `Open data clinic ${stamp}`;
    const meeting = await api<Meeting>(host.accessToken, 'POST', `/api/hubs/${japan.id}/meetings`, {
      title,
      timeZone: 'Asia/Tokyo',
      startsAt: new Date(Date.now() - 5 * 60_000).toISOString(),
      durationMinutes: 90,
      draftId: draft.id,
      inviteeIds: [official.user.id, deputy.user.id, expert.user.id],
      agenda: [
        { title: 'Welcome', durationMinutes: 5 },
        { title: 'Open data clause', durationMinutes: 30, draftId: draft.id, draftSection: 'Purpose' },
      ],
    });
    const from = new Date(Date.now() - 86_400_000).toISOString();
    const occurrence = (
      await api<OccurrencePage>(host.accessToken, 'GET', `/api/meetings/${meeting.id}/occurrences?from=${encodeURIComponent(from)}`)
    ).items[0];
    const roomUrl = `${baseUrl()}/occurrences/${occurrence.id}/room`;

    // The audit injects axe-core, which the app's CSP forbids; only the audited contexts bypass it.
    const hostContext = await newPage(browser, 'en-US', { bypassCSP: true });
    const officialContext = await newPage(browser);
    const expertContext = await newPage(browser, 'en-US', { bypassCSP: true });
    const hostPage = hostContext.page;
    const officialPage = officialContext.page;
    const expertPage = expertContext.page;

    await signIn(hostPage, HOST);
    await hostPage.goto(roomUrl);
    await hostPage.locator('h1.page-heading', { hasText: title }).waitFor();
    await hostPage.getByTestId('room-phase').filter({ hasText: 'Live now' }).waitFor();

    await signIn(officialPage, OFFICIAL);
    await officialPage.goto(roomUrl);
    await signIn(expertPage, EXPERT);
    await expertPage.goto(roomUrl);

    // Everyone is listed by city and role; the host sees the room's arrivals grouped.
    const tsukubaGroup = hostPage.getByRole('region', { name: 'Tsukuba', exact: true });
    await tsukubaGroup.getByText('Tsukuba Official').waitFor();
    await hostPage.getByRole('region', { name: 'Hub and alliance', exact: true }).getByText('Japan Expert').waitFor();
    expect(await officialPage.getByRole('button', { name: /^Make current/ }).count()).toBe(0);

    // The host moves the meeting to the clause; everyone's view follows and opens the draft at its section.
    await hostPage.getByRole('button', { name: 'Make current: Open data clause' }).click();
    for (const page of [officialPage, expertPage]) {
      await page.getByTestId('room-current').filter({ hasText: 'Open data clause' }).waitFor();
      await page.getByText('Now discussing the section “Purpose”').waitFor();
    }
    await officialPage.getByTestId('room-announcer').filter({ hasText: 'Agenda moved to: Open data clause.' }).waitFor();

    // Two officials co-edit the linked draft: each sees the other's words arrive.
    await draftEditorOf(officialPage).getByText(COMMENTED, { exact: false }).waitFor();
    const deputyContext = await newPage(browser);
    const deputyPage = deputyContext.page;
    await signIn(deputyPage, deputy.user.email as string, DEPUTY_PASSWORD);
    await deputyPage.goto(roomUrl);
    await draftEditorOf(deputyPage).getByText(COMMENTED, { exact: false }).waitFor();
    const fromOfficial = 'Datasets are published within 30 days of collection.';
    const fromDeputy = 'Each department names a data steward.';
    await typeAtEnd(officialPage, draftEditorOf(officialPage), fromOfficial);
    await typeAtEnd(deputyPage, draftEditorOf(deputyPage), fromDeputy);
    await draftEditorOf(officialPage).getByText(fromDeputy).waitFor();
    await draftEditorOf(deputyPage).getByText(fromOfficial).waitFor();
    await draftEditorOf(expertPage).getByText(fromDeputy).waitFor();
    await deputyContext.context.close();

    // Meanwhile the expert comments on a sentence of the draft, and the official gets the thread live.
    await expertPage.getByText('You can comment on this draft').waitFor();
    await selectInDraft(expertPage, COMMENTED);
    await expertPage.getByRole('button', { name: 'Comment', exact: true }).click();
    await expertPage.getByRole('textbox', { name: 'Your comment' }).fill('Which datasets count as assets?');
    await expertPage.keyboard.press('Control+Enter');
    await officialPage.getByRole('article', { name: 'Comment by Japan Expert' }).waitFor();

    // ...and a poll runs: the host asks, the official and the expert vote, and results come in as they do.
    await hostPage.getByRole('button', { name: 'New poll' }).click();
    await hostPage.getByLabel('Question').fill('Publish the parking dataset first?');
    await hostPage.getByLabel('Option 1').fill('Yes');
    await hostPage.getByLabel('Option 2').fill('No');
    await hostPage.getByRole('button', { name: 'Start poll' }).click();
    for (const [page, answer] of [
      [officialPage, 'Yes'],
      [expertPage, 'No'],
    ] as const) {
      const poll = page.getByRole('article', { name: 'Publish the parking dataset first?' });
      await poll.getByRole('radio', { name: answer }).check();
      await poll.getByRole('button', { name: 'Vote' }).click();
      await poll.getByText('your choice').waitFor();
    }
    const hostPoll = hostPage.getByRole('article', { name: 'Publish the parking dataset first?' });
    await hostPoll.getByText('2 voters', { exact: false }).waitFor();
    expect(await hostPoll.getByTestId('room-result').allTextContents()).toEqual(['Yesleading1 vote, 50%', 'Noleading1 vote, 50%']);

    // The expert raises a hand by keyboard; the host sees the queue and calls them.
    await expertPage.keyboard.press('Alt+Shift+H');
    await hostPage.getByTestId('room-hand').filter({ hasText: 'Japan Expert' }).waitFor();
    await expertPage.getByText('Your hand is up: number 1 in the queue.').waitFor();
    await hostPage.getByRole('button', { name: 'Call next' }).click();
    await expertPage.getByRole('button', { name: 'Raise hand' }).waitFor();

    // The official writes the decision in the shared notes; the host sees it.
    const decision = 'Decision: Tsukuba publishes the parking dataset first.';
    await typeAtEnd(officialPage, notesEditorOf(officialPage), decision);
    await notesEditorOf(hostPage).getByText(decision).waitFor();
    await officialPage.getByTestId('save-state').filter({ hasText: 'All changes saved' }).first().waitFor();

    // The room passes an accessibility audit, as host and as participant.
    expect(await seriousViolations(hostPage)).toEqual([]);
    expect(await seriousViolations(expertPage)).toEqual([]);

    // The host ends the meeting by keyboard, after confirming: everyone's room says it is over.
    await hostPage.getByRole('button', { name: 'End meeting for everyone' }).focus();
    await hostPage.keyboard.press('Enter');
    await hostPage
      .getByRole('group', { name: 'End meeting for everyone' })
      .getByRole('button', { name: 'Keep going' })
      .and(hostPage.locator(':focus'))
      .waitFor();
    await hostPage.keyboard.press('Shift+Tab');
    await hostPage.keyboard.press('Enter');
    await hostPage.getByTestId('room-phase').filter({ hasText: 'Ended' }).waitFor();
    // The control is gone; focus moved on to the page after the meeting.
    await hostPage.getByRole('link', { name: 'Minutes, attendance and action items' }).and(hostPage.locator(':focus')).waitFor();
    await expertPage.getByTestId('room-phase').filter({ hasText: 'Ended' }).waitFor();
    await officialPage.getByTestId('room-phase').filter({ hasText: 'Ended' }).waitFor();

    // Afterwards: the participants leave; the host drafts the minutes from the notes, approves and publishes them.
    await officialPage.goto(`${baseUrl()}/profile`);
    await expertPage.goto(`${baseUrl()}/profile`);
    await hostPage.getByRole('link', { name: 'Minutes, attendance and action items' }).click();
    await hostPage.locator('h1.page-heading', { hasText: `After the meeting: ${title}` }).waitFor();
    await hostPage.getByRole('button', { name: 'Draft minutes from the notes' }).click();
    await hostPage.locator('.minutes-text', { hasText: decision }).waitFor();
    // The host edits the draft minutes before approving them.
    await hostPage.getByRole('button', { name: 'Edit minutes' }).click();
    const minutesEditor = hostPage.getByRole('textbox', { name: 'Minutes' });
    await minutesEditor.waitFor();
    await hostPage.keyboard.press('Control+End');
    await hostPage.keyboard.press('Enter');
    await hostPage.keyboard.type('Owner: Tsukuba Official, by 31 January.');
    await hostPage.getByRole('button', { name: 'Save minutes' }).click();
    await hostPage.locator('.minutes-text', { hasText: 'Owner: Tsukuba Official, by 31 January.' }).waitFor();
    await hostPage.getByRole('button', { name: 'Approve' }).click();
    await hostPage.getByTestId('minutes-status').filter({ hasText: 'Approved' }).waitFor();
    await hostPage.getByRole('button', { name: 'Publish to participants' }).click();
    await hostPage.getByTestId('minutes-status').filter({ hasText: 'Published' }).waitFor();

    // Attendance, recorded from presence: each person with city, role, when they joined and left.
    const attendance = hostPage.getByRole('table', { name: /attended/ });
    const officialRow = attendance.getByRole('row', { name: /Tsukuba Official/ });
    await officialRow.waitFor();
    expect(await officialRow.textContent()).toContain('Tsukuba');
    expect(await officialRow.textContent()).toContain('City official');
    await attendance.getByRole('row', { name: /Japan Expert/ }).waitFor();
    await attendance.getByRole('row', { name: /Tsukuba Deputy/ }).waitFor();

    // The poll's final result is kept with the meeting.
    const finalPoll = hostPage.getByRole('article', { name: 'Publish the parking dataset first?' });
    expect(await finalPoll.getByTestId('room-result').allTextContents()).toEqual(['Yesleading1 vote, 50%', 'Noleading1 vote, 50%']);

    // An action item with owner, due date and city.
    await hostPage.getByLabel('Action', { exact: true }).fill('Publish the parking dataset');
    await hostPage.getByLabel('Owner').selectOption({ label: 'Tsukuba Official' });
    await hostPage.getByLabel('Due date').fill('2027-01-31');
    await hostPage.getByLabel('City').selectOption({ label: 'Tsukuba' });
    await hostPage.getByRole('button', { name: 'Add action item' }).click();
    await hostPage.getByTestId('action-item').filter({ hasText: 'Publish the parking dataset' }).waitFor();
    // Sent to Tsukuba's action plan (its only one), it links to the milestone it became.
    await hostPage.getByRole('button', { name: 'Send to action plan: Publish the parking dataset' }).click();
    const milestone = hostPage.getByRole('link', { name: 'Milestone in the action plan: Publish the parking dataset' });
    await milestone.waitFor();
    expect(await milestone.getAttribute('href')).toMatch(/^\/action-plans\/[0-9a-f-]{36}#milestone-[0-9a-f-]{36}$/);

    expect(await seriousViolations(hostPage)).toEqual([]);

    // The official reads the published minutes.
    await officialPage.goto(`${baseUrl()}/occurrences/${occurrence.id}/minutes`);
    await officialPage.locator('.minutes-text', { hasText: decision }).waitFor();
    expect(await officialPage.getByRole('button', { name: 'Approve' }).count()).toBe(0);

    await Promise.all([hostContext.context.close(), officialContext.context.close(), expertContext.context.close()]);
  });
});
