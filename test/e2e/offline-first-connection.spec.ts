// Work typed in a tab that has never reached the server (the draft restored from this browser's cache) is sent,
// saved and shown to others once the tab connects.
import type { Browser, Page } from 'playwright-core';
import { editorOf, launchBrowser, newPage, signIn, startTsukubaDraft } from './support/browser';

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
    await startTsukubaDraft(a, title);
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
    await b.getByText(/Offline: \d+ changes? will sync/).waitFor();
    if (process.env['E2E_SCREENSHOTS']) await b.screenshot({ path: `${process.env['E2E_SCREENSHOTS']}/offline-tab.png` });

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
