import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { repoRoot } from './server.ts';

// Debian's Chromium driven by playwright-core (never `npx playwright install`), with the flags
// STACK.md names and a fresh profile per run.

export const artifactsDir = path.join(repoRoot, 'e2e/artifacts');

/** The bit of the DOM used here (e2e compiles without the DOM lib). A string predicate would need eval, which the CSP forbids. */
interface BrowserWindow {
  document: { getAnimations(): { playState: string }[] };
}

export interface Browser {
  context: BrowserContext;
  close(): Promise<void>;
}

export async function launchBrowser(baseURL: string): Promise<Browser> {
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'gongyi-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: '/usr/bin/chromium',
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
    viewport: { width: 1366, height: 768 },
    locale: 'zh-CN',
    timezoneId: 'Asia/Shanghai',
    baseURL,
  });
  return {
    context,
    close: async () => {
      await context.close();
      fs.rmSync(profile, { recursive: true, force: true });
    },
  };
}

/**
 * Waits until no animation runs (a dialog zooming in, a drawer sliding): a click during one can
 * miss. A page with an endless animation (a spinner) goes on after 5 s, so no failure here.
 */
export async function animationsDone(page: Page): Promise<void> {
  await page
    .waitForFunction(() => (globalThis as unknown as BrowserWindow).document.getAnimations().every((a) => a.playState !== 'running'), undefined, {
      timeout: 5000,
    })
    .catch(() => undefined);
}

/**
 * A screenshot in e2e/artifacts/<name>.png (git-ignored): look at these. Taken once requests and
 * animations (drawers sliding in, loading overlays) have settled. Use `fullPage: false` for
 * dialogs and drawers: their fixed mask covers only the viewport.
 */
export async function screenshot(page: Page, name: string, { fullPage = true } = {}): Promise<void> {
  // Chromium's PDF viewer (an agreement's preview) keeps loading its own resources now and then:
  // after a while the picture is taken anyway.
  await page.waitForLoadState('networkidle', { timeout: 10_000 }).catch(() => undefined);
  await animationsDone(page);
  fs.mkdirSync(artifactsDir, { recursive: true });
  await page.screenshot({ path: path.join(artifactsDir, `${name}.png`), fullPage });
}
