// Two browsers on two API instances of one deployment (one PostgreSQL, one Redis) co-edit a draft live.
import type { Browser } from 'playwright-core';
import { editorOf, launchBrowser, newPage, signIn, startTsukubaDraft } from './support/browser';
import { startServer, type RunningServer } from './support/minga-server';

describe('a draft open on two instances', () => {
  let browser: Browser;
  let second: RunningServer;

  beforeAll(async () => {
    const env = JSON.parse(process.env['E2E_SERVER_ENV'] ?? '{}') as Record<string, string>;
    // Two instances share a database server; the embedded one belongs to the first instance alone.
    if (!env['DATABASE_URL']) throw new Error('This journey needs DATABASE_URL (a PostgreSQL both instances reach)');
    second = await startServer(env);
    browser = await launchBrowser();
  }, 90_000);
  afterAll(async () => {
    await browser?.close();
    await second?.stop();
  });

  it('shows each official the other one’s typing and caret, and saves both', async () => {
    const { page: tokyo } = await newPage(browser);
    const { page: jakarta } = await newPage(browser);
    const title = `Tsukuba open data policy across instances ${Date.now()}`;

    await signIn(tokyo, 'official.tsukuba@demo.minga.dev');
    await startTsukubaDraft(tokyo, title);
    const path = new URL(tokyo.url()).pathname;

    // The same city's other official reaches the deployment through the other instance.
    await signIn(jakarta, 'official.tsukuba@demo.minga.dev', undefined, second.baseUrl);
    await jakarta.goto(`${second.baseUrl}${path}`);
    await editorOf(jakarta).getByText('Purpose').first().waitFor();

    await editorOf(tokyo).click();
    await tokyo.keyboard.press('Control+End');
    await tokyo.keyboard.press('Enter');
    await tokyo.keyboard.type('Typed on the first instance.');
    await editorOf(jakarta).getByText('Typed on the first instance.').waitFor({ timeout: 10_000 });

    await editorOf(jakarta).click();
    await jakarta.keyboard.press('Control+End');
    await jakarta.keyboard.press('Enter');
    await jakarta.keyboard.type('Typed on the second instance.');
    await editorOf(tokyo).getByText('Typed on the second instance.').waitFor({ timeout: 10_000 });

    // The other official's caret, with their name, crosses instances too.
    await tokyo.locator('.collaboration-carets__label, .collaboration-cursor__label').first().waitFor({ timeout: 10_000 });
    await tokyo.getByText('All changes saved').waitFor();
    await jakarta.getByText('All changes saved').waitFor();

    // A reader on either instance, later, gets both from the database.
    await tokyo.reload();
    await editorOf(tokyo).getByText('Typed on the second instance.').waitFor();
    await editorOf(tokyo).getByText('Typed on the first instance.').waitFor();
  });
});
