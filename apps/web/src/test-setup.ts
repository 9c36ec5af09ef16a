// Every test runs with jest-dom matchers, English texts, a clean DOM and real (unstubbed) globals.
import '@testing-library/jest-dom/vitest';
import { cleanup, configure } from '@testing-library/react';
import i18n from './i18n/i18n';

// Pages load lazily and fetch through the fake API; on a busy two-core machine that can take over a second.
configure({ asyncUtilTimeout: 3000 });

beforeEach(async () => {
  localStorage.clear();
  await i18n.changeLanguage('en');
});

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});
