// Two officials co-edit a draft in two browsers; an expert sees the text but cannot change it.
import type { Browser, Page } from 'playwright-core';
import { seriousViolations } from './support/axe';
import { editorOf, launchBrowser, newPage, signIn, startTsukubaDraft } from './support/browser';

describe('a live policy draft', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(() => browser.close());

  it('is created from a model policy, co-edited in two browsers, and read-only for an expert', async () => {
    const first = await newPage(browser, 'en-US', { acceptDownloads: true });
    const second = await newPage(browser);
    // The audit injects axe-core, which the app's CSP forbids; only this context bypasses it.
    const third = await newPage(browser, 'en-US', { bypassCSP: true });
    const a = first.page;
    const title = `Tsukuba privacy impact assessment ${Date.now()}`;

    // The official starts a draft for Tsukuba from the model policy.
    await signIn(a, 'official.tsukuba@demo.minga.dev');
    await startTsukubaDraft(a, title);
    const draftUrl = a.url();
    expect(draftUrl).toMatch(/\/drafts\/[0-9a-f-]{36}$/);

    // A second browser of the same city opens it; both type and see each other.
    const b = second.page;
    await signIn(b, 'official.tsukuba@demo.minga.dev');
    await b.goto(draftUrl);
    await editorOf(b).getByText('Purpose').first().waitFor();

    await editorOf(a).click();
    await a.keyboard.press('Control+End');
    await a.keyboard.press('Enter');
    await a.keyboard.type('Tsukuba assesses every sensor network before it is deployed.');
    await editorOf(b).getByText('Tsukuba assesses every sensor network').waitFor({ timeout: 5000 });
    // Control+End took the official to the end of the draft: the new paragraph is the last one.
    expect(await editorOf(a).locator(':scope > *').last().textContent()).toBe(
      'Tsukuba assesses every sensor network before it is deployed.',
    );

    await editorOf(b).click();
    await b.keyboard.press('Control+End');
    await b.keyboard.press('Enter');
    await b.keyboard.type('Residents may ask for any assessment.');
    await editorOf(a).getByText('Residents may ask for any assessment.').waitFor({ timeout: 5000 });
    // The other official's caret carries their name.
    await a.locator('.collaboration-carets__label, .collaboration-cursor__label').first().waitFor({ timeout: 5000 });
    await a.getByText('All changes saved').waitFor();
    await b.getByText('All changes saved').waitFor();

    // An expert of the hub reads along but cannot change the text.
    const c = third.page;
    await signIn(c, 'expert.japan@demo.minga.dev');
    await c.goto(draftUrl);
    await editorOf(c).getByText('Residents may ask for any assessment.').waitFor();
    await c.getByText('You can comment on this draft').waitFor();
    expect(await editorOf(c).getAttribute('contenteditable')).toBe('false');
    await editorOf(c).click();
    await c.keyboard.type('An expert tries to type here.');
    await a.keyboard.type(' Checkpoint.');
    await editorOf(c).getByText('Checkpoint.').waitFor();
    expect(await editorOf(a).textContent()).not.toContain('An expert tries');
    expect(await editorOf(c).textContent()).not.toContain('An expert tries');
    expect(await seriousViolations(c)).toEqual([]);

    // The official names a version, compares the draft with its model policy and exports it.
    await a.getByRole('button', { name: 'Name this version' }).click();
    await a.getByLabel('Version name').fill('Sent to legal review');
    await a.getByRole('button', { name: 'Save version' }).click();
    await a.getByRole('button', { name: 'Sent to legal review', exact: true }).waitFor();
    await a.getByLabel('From', { exact: true }).selectOption({ label: 'Model policy' });
    await a.getByLabel('To', { exact: true }).selectOption({ label: 'Current draft' });
    await a.getByRole('button', { name: 'Compare', exact: true }).click();
    await a.getByRole('heading', { name: 'Changes from Model policy to Current draft' }).waitFor();
    // Word-level diff: words the template also has ("sensor", "may") can stay unmarked between inserted words, and an
    // inserted space may make an <ins> with no size; "Tsukuba" and "assesses" appear in no template.
    await a.locator('.comparison-summary').waitFor();
    const inserted = (await a.locator('.comparison-text ins').allTextContents()).join(' ');
    expect(inserted).toMatch(/Tsukuba[\s\S]*assesses/);
    const download = a.waitForEvent('download');
    await a.getByRole('button', { name: 'Export as Markdown' }).click();
    const file = await download;
    const path = await file.path();
    const { readFileSync } = await import('node:fs');
    const markdown = readFileSync(path, 'utf8');
    expect(markdown).toContain(`# ${title}`);
    expect(markdown).toContain('Residents may ask for any assessment.');

    await Promise.all([first.context.close(), second.context.close(), third.context.close()]);
  });
});
