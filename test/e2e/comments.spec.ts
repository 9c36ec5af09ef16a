// An expert comments on a sentence of a live draft while an official keeps typing before it, mentions the official,
// and suggests new wording that the official accepts; the draft then shows who proposed it.
import type { Browser, Page } from 'playwright-core';
import { seriousViolations } from './support/axe';
import { editorOf, launchBrowser, newPage, signIn } from './support/browser';

import { markAllNotificationsRead } from './support/demo-api';

const OFFICIAL = 'official.tsukuba@demo.minga.dev';
const EXPERT = 'expert.japan@demo.minga.dev';
const COMMENTED = 'The City treats its data as a public asset.';
const REWORDED = 'so that they can understand how the City works';
const NEW_WORDING = 'so that anyone can see how the City decides';

/** Selects `text` in the draft, as a person dragging over it would (the editor reads the browser's selection). */
async function selectInDraft(page: Page, text: string, collapseAtStart = false): Promise<void> {
  await page.evaluate(
    ({ text: wanted, collapse }) => {
      const root = document.querySelector('.ProseMirror') as HTMLElement;
      const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        const index = node.textContent?.indexOf(wanted) ?? -1;
        if (index < 0) continue;
        const range = document.createRange();
        range.setStart(node, index);
        if (collapse) range.collapse(true);
        else range.setEnd(node, index + wanted.length);
        const selection = window.getSelection() as Selection;
        selection.removeAllRanges();
        selection.addRange(range);
        return;
      }
      throw new Error(`"${wanted}" is not in the draft`);
    },
    { text, collapse: collapseAtStart },
  );
}

/**
 * Selects `text` and opens the form for a new thread (comment or suggestion) until the form quotes exactly that text.
 * Another person typing in the same paragraph redraws it, which can shift a selection being made in the browser;
 * a person would see the wrong quote and select again, and so does this.
 */
async function startThreadOn(page: Page, text: string, button: 'Comment' | 'Suggest change'): Promise<void> {
  for (let attempt = 0; attempt < 10; attempt++) {
    await selectInDraft(page, text);
    await page.waitForTimeout(100);
    if ((await page.getByRole('button', { name: button, exact: true }).getAttribute('aria-disabled')) !== 'false') continue;
    await page.getByRole('button', { name: button, exact: true }).click();
    const quote = page.locator('.new-thread blockquote');
    await quote.waitFor();
    if ((await quote.textContent())?.endsWith(`: ${text}`)) return;
    await page.locator('.new-thread').getByRole('button', { name: 'Cancel' }).click();
  }
  throw new Error(`could not start a thread on exactly "${text}"`);
}

function highlightOf(page: Page) {
  return editorOf(page).locator('.comment-highlight:not(.comment-highlight--suggestion)');
}

describe('comments and suggestions on a live draft', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(() => browser.close());

  it('keeps an expert’s comment on its words while an official types, delivers it live, and records an accepted suggestion', async () => {
    const officialContext = await newPage(browser);
    // The audit injects axe-core, which the app's CSP forbids; only this context bypasses it.
    const expertContext = await newPage(browser, 'en-US', { bypassCSP: true });
    const official = officialContext.page;
    const expert = expertContext.page;
    const title = `Tsukuba open data ${Date.now()}`;

    await Promise.all([markAllNotificationsRead(OFFICIAL), markAllNotificationsRead(EXPERT)]);
    // The official starts a draft from the open data model policy.
    await signIn(official, OFFICIAL);
    await official.getByRole('link', { name: 'Japan', exact: true }).click();
    await official.getByRole('link', { name: 'Tsukuba', exact: true }).first().click();
    await official.getByRole('button', { name: 'New draft' }).click();
    await official.getByLabel('Model policy').selectOption({ label: 'Open data' });
    await official.getByLabel('Title').fill(title);
    await official.getByRole('button', { name: 'Create draft' }).click();
    await official.locator('h1.page-heading', { hasText: title }).waitFor();
    await editorOf(official).getByText(COMMENTED, { exact: false }).waitFor();
    const draftUrl = official.url();

    await signIn(expert, EXPERT);
    await expert.goto(draftUrl);
    await editorOf(expert).getByText(COMMENTED, { exact: false }).waitFor();
    await expert.getByText('You can comment on this draft').waitFor();

    // The official puts the caret just before the sentence and keeps typing there...
    await editorOf(official).click();
    await selectInDraft(official, COMMENTED, true);
    const typed = 'Every department publishes what it holds, in open formats. ';
    const typing = official.keyboard.type(typed, { delay: 50 });

    // ...while the expert selects the sentence and comments on it, by keyboard, mentioning the official.
    await startThreadOn(expert, COMMENTED, 'Comment');
    const composer = expert.getByRole('textbox', { name: 'Your comment' });
    await composer.waitFor();
    expect(await composer.evaluate((element) => element === document.activeElement)).toBe(true);
    // Other journeys add people named Tsukuba…; enough letters pick the official alone.
    await expert.keyboard.type('Which datasets count as assets? Ask @Tsukuba Off');
    const option = expert.getByRole('option', { name: /Tsukuba Official/ });
    await option.waitFor();
    expect(await composer.getAttribute('aria-activedescendant')).toBe(await option.getAttribute('id'));
    await expert.keyboard.press('Enter');
    expect(await composer.inputValue()).toBe('Which datasets count as assets? Ask @Tsukuba Official ');
    await expert.keyboard.press('Control+Enter');
    await typing;

    // Both see the highlight on exactly the commented words, and the official got the thread without reload.
    await expert.getByRole('article', { name: 'Comment by Japan Expert' }).waitFor();
    await highlightOf(expert).first().waitFor();
    await official.getByRole('article', { name: 'Comment by Japan Expert' }).waitFor({ timeout: 5000 });
    await official.locator('.comment-body', { hasText: 'Which datasets count as assets?' }).waitFor();
    await editorOf(official).getByText(typed.trim()).first().waitFor();
    await editorOf(expert).getByText(typed.trim()).first().waitFor({ timeout: 5000 });
    await highlightOf(official).first().waitFor();
    expect((await highlightOf(official).allTextContents()).join('')).toBe(COMMENTED);
    expect((await highlightOf(expert).allTextContents()).join('')).toBe(COMMENTED);
    const paragraph = await editorOf(official).locator('p', { hasText: COMMENTED }).textContent();
    expect(paragraph).toContain(`${typed}${COMMENTED}`);
    // From the highlighted words, Alt+Enter takes the keyboard to their thread.
    await selectInDraft(official, 'treats its data', true);
    await official.keyboard.press('Alt+Enter');
    const focusedThread = official.getByRole('article', { name: 'Comment by Japan Expert' });
    await official.waitForFunction(() => document.activeElement?.tagName === 'ARTICLE');
    expect(await focusedThread.evaluate((element) => element === document.activeElement)).toBe(true);

    // The mention reached the official's notification centre, live.
    await official.getByRole('button', { name: /^Notifications 1 unread$/ }).waitFor({ timeout: 5000 });

    // The expert suggests new wording.
    await startThreadOn(expert, REWORDED, 'Suggest change');
    await expert.getByLabel('New wording').fill(NEW_WORDING);
    await expert.getByLabel('Why this change').fill('Plainer, and about decisions rather than workings.');
    await expert.getByRole('button', { name: 'Send suggestion' }).click();
    await expert.getByRole('article', { name: 'Suggestion by Japan Expert' }).waitFor();
    await editorOf(expert).getByText('Suggested, awaiting an editor').waitFor();

    // The panel and the notification centre pass an accessibility audit.
    expect(await seriousViolations(expert)).toEqual([]);

    // The official sees it inline, struck through with the new words, and accepts it.
    await editorOf(official).locator('del', { hasText: REWORDED }).waitFor({ timeout: 5000 });
    await editorOf(official).locator('ins', { hasText: NEW_WORDING }).waitFor();
    await official.getByRole('article', { name: 'Suggestion by Japan Expert' }).getByRole('button', { name: 'Accept' }).click();
    // The inline suggestion gives way to the text itself, in both browsers.
    for (const page of [official, expert]) {
      await editorOf(page).locator('ins, del').first().waitFor({ state: 'detached', timeout: 5000 });
      await editorOf(page).getByText(NEW_WORDING, { exact: false }).waitFor();
    }
    expect(await editorOf(official).textContent()).not.toContain(REWORDED);
    expect(await editorOf(official).locator('del, ins').count()).toBe(0);

    // The draft shows, clause by clause, which expert input changed it.
    const contribution = official.locator('.contribution', { hasText: NEW_WORDING });
    await contribution.waitFor();
    const byline = await contribution.textContent();
    expect(byline).toContain('Purpose');
    expect(byline).toContain(REWORDED);
    expect(byline).toContain('Proposed by Japan Expert, accepted by Tsukuba Official');

    // The expert is told of the outcome; the notification centre passes the audit too.
    const bell = expert.getByRole('button', { name: /^Notifications 1 unread$/ });
    await bell.waitFor({ timeout: 5000 });
    await bell.click();
    await expert.getByRole('link', { name: `Tsukuba Official accepted your suggestion in ${title}` }).waitFor();
    expect(await seriousViolations(expert)).toEqual([]);

    await Promise.all([officialContext.context.close(), expertContext.context.close()]);
  });
});
