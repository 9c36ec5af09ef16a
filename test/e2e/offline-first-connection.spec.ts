// Work typed in a tab that has never reached the server (the draft restored from this browser's cache) is sent,
// saved and shown to others once the tab connects.
import type { Browser, Page } from 'playwright-core';
import { launchBrowser, newPage, pageHeading } from './support/browser';
import { baseUrl, E2E_DEMO_PASSWORD } from './support/constants';

async function signIn(page: Page, email: string): Promise<void> {
  await page.goto(`${baseUrl()}/`);
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(E2E_DEMO_PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('link', { name: 'Japan', exact: true }).waitFor();
}

function editorOf(page: Page) {
  return page.locator('.ProseMirror');
}

describe('a draft edited before the first connection', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(() => browser.close());

  it('sends what was typed offline in a new tab once it connects, and another browser sees it saved', async () => {
    const { context, page: a } = await newPage(browser);
    const title = `Tsukuba open data offline ${Date.now()}`;
    await signIn(a, 'official.tsukuba@demo.minga.dev');
    await a.getByRole('link', { name: 'Japan', exact: true }).click();
    await a.getByRole('link', { name: 'Tsukuba' }).first().click();
    await a.getByRole('button', { name: 'New draft' }).click();
    await a.getByLabel('Model policy').selectOption({ label: 'Privacy impact assessment' });
    await a.getByLabel('Title').fill(title);
    await a.getByRole('button', { name: 'Create draft' }).click();
    await pageHeading(a, title).waitFor();
    await editorOf(a).getByText('Purpose').first().waitFor();
    await a.getByText('All changes saved').waitFor();
    const draftUrl = a.url();
    await a.close();

    // A new tab of the same browser whose live connections cannot reach the server: the draft comes from the cache.
    let serverReachable = false;
    const b = await context.newPage();
    await b.routeWebSocket(/\/socket\.io\//, (ws) => {
      if (serverReachable) ws.connectToServer();
      else ws.close({ code: 1011, reason: 'offline' });
    });
    await b.goto(draftUrl);
    await editorOf(b).getByText('Purpose').first().waitFor();
    await editorOf(b).click();
    await b.keyboard.press('Control+End');
    await b.keyboard.press('Enter');
    await b.keyboard.type('Written in a tab that never reached the server.');
    await b.getByText(/Offline: 1 change/).waitFor();

    serverReachable = true;
    await b.getByText('All changes saved').waitFor({ timeout: 30_000 });

    const other = await newPage(browser);
    await signIn(other.page, 'official.tsukuba@demo.minga.dev');
    await other.page.goto(draftUrl);
    await editorOf(other.page).getByText('Written in a tab that never reached the server.').waitFor();
    await other.context.close();
    await context.close();
  });
});
