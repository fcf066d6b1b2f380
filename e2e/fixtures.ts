import { test as base, expect, type Page } from '@playwright/test';

/**
 * An HTTP error answer the test provokes on purpose (a wrong password, a visit without a session).
 * Chromium logs every 4xx/5xx response as a console error; only these may appear.
 */
export interface ExpectedHttpError {
  status: number;
  /** Matched against the request URL. */
  url: RegExp;
}

interface ConsoleGuard {
  /** Declares an HTTP error answer this test provokes on purpose. */
  allowHttpError: (expected: ExpectedHttpError) => void;
}

const FAILED_RESOURCE = /^Failed to load resource: the server responded with a status of (\d{3})/;

function isExpected(text: string, url: string, allowed: readonly ExpectedHttpError[]): boolean {
  const match = FAILED_RESOURCE.exec(text);
  if (!match) return false;
  const status = Number(match[1]);
  return allowed.some((a) => a.status === status && a.url.test(url));
}

export const test = base.extend<{ consoleGuard: ConsoleGuard }>({
  /** Fails the test on any console error or uncaught page error, in every page of the test. */
  consoleGuard: [
    async ({ context }, use) => {
      const problems: string[] = [];
      const allowed: ExpectedHttpError[] = [];
      const watch = (page: Page) => {
        page.on('console', (message) => {
          if (message.type() !== 'error') return;
          const url = message.location().url;
          if (isExpected(message.text(), url, allowed)) return;
          problems.push(`console error: ${message.text()}${url ? ` (${url})` : ''}`);
        });
        page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
      };
      context.pages().forEach(watch);
      context.on('page', watch);
      await use({ allowHttpError: (expected) => allowed.push(expected) });
      expect(problems, 'the browser console must stay free of errors').toEqual([]);
    },
    { auto: true },
  ],
});

export { expect };
