/** Debian's Chromium driven by playwright-core (no browser of Playwright's own is ever downloaded). */
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import type { Browser, BrowserContext, Page } from 'playwright-core';

/** The Chromium binary: Debian's by default, another with ZHILI_E2E_CHROMIUM. */
const CHROMIUM = process.env['ZHILI_E2E_CHROMIUM'] ?? '/usr/bin/chromium';

/** Full-page screenshots of the main pages, one folder per database (gitignored). */
const SCREENSHOTS = fileURLToPath(new URL('./screenshots', import.meta.url));

/**
 * Starts a headless Chromium. Playwright gives it a fresh temporary profile (user-data-dir) and
 * removes it on close; each test then opens its own context (cookies, local storage) on it.
 */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

/** A fresh browser context on the engine, 1440×900 like an office screen. */
export function newContext(browser: Browser, baseURL: string): Promise<BrowserContext> {
  return browser.newContext({ baseURL, viewport: { width: 1440, height: 900 } });
}

/** Signs the context in through the API (the session cookie is shared with its pages). */
export async function signInContext(context: BrowserContext, login: { readonly username: string; readonly password: string }): Promise<void> {
  const response = await context.request.post('/api/auth/login', { data: { username: login.username, password: login.password } });
  if (!response.ok()) throw new Error(`login as ${login.username} → ${response.status()}`);
}

/** Saves a full-page screenshot as screenshots/<folder>/<name>.png. */
export async function screenshot(page: Page, folder: string, name: string): Promise<void> {
  const dir = join(SCREENSHOTS, folder);
  await mkdir(dir, { recursive: true });
  await page.screenshot({ path: join(dir, `${name}.png`), fullPage: true, animations: 'disabled', caret: 'hide' });
}

/** Words a person should never read: placeholders of missing values that leaked into the page. */
const LEAKED = /\b(undefined|null|NaN)\b|\[object Object\]|Invalid Date/;

/** The page's visible text, and what in it looks like a leaked placeholder (empty when clean). */
export async function leakedPlaceholders(page: Page): Promise<string[]> {
  const text = await page.locator('body').innerText();
  return text.split('\n').filter((line) => LEAKED.test(line));
}

/** Names that stay in English in a Chinese UI: the language switch's own, and the spreadsheet program (导出 Excel). */
const NAMES: ReadonlySet<string> = new Set(['English', 'Excel']);

const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi;

/**
 * English words in Chinese texts — English leaking into the Chinese UI. Capitals alone (GB 11643, a
 * standard's name), record ids and NAMES are fine.
 */
export function englishWords(texts: readonly string[]): string[] {
  return texts
    .map((text) => text.replace(UUID, ''))
    .flatMap((text) => text.match(/[A-Za-z]{2,}/g) ?? [])
    .filter((word) => !NAMES.has(word) && word !== word.toUpperCase());
}
