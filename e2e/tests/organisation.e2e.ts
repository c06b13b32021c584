import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { launchBrowser, screenshot, type Browser } from '../support/browser.ts';
import { startServer, type RunningServer } from '../support/server.ts';
import { collectPageErrors, signIn } from '../support/session.ts';

// The organisation pages of the console against a real server on a fresh demo database, signed in
// as the demo system administrator (org.manage).

const TEAMS = [
  '特种设备协管', '劳动监察协管', '综合协管', '社区保安', '市容环境协管', '社区巡逻', '建筑协管', '社保协管',
  '就业援助', '社区公益卫生保洁', '助残协管', '助老协管', '林业养护', '河道保洁', '社区环境保洁',
];

let server: RunningServer;
let browser: Browser;
let page: Page;
/** Uncaught exceptions and console errors of the console page: none expected (see collectPageErrors). */
let pageErrors: string[];

beforeAll(async () => {
  server = await startServer();
  browser = await launchBrowser(server.url);
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

describe('organisation console', () => {
  beforeAll(async () => {
    page = await browser.context.newPage();
    pageErrors = collectPageErrors(page);
  });

  afterAll(async () => {
    await page.close();
    expect(pageErrors).toEqual([]);
  });

  /** Clicks 组织架构 › <item> in the left menu, opening the group if it is closed. */
  async function openMenu(item: string): Promise<void> {
    const entry = page.getByRole('menuitem', { name: item, exact: true });
    if (!(await entry.isVisible())) await page.getByRole('menuitem', { name: '组织架构' }).click();
    await entry.click();
  }

  test('服务队 lists all 15 teams of the demo town in Chinese', async () => {
    await page.goto('/');
    await page.waitForURL('**/login');
    await signIn(page, 'admin');
    expect(new URL(page.url()).pathname).toBe('/');
    await page.getByRole('menuitem', { name: '组织架构' }).waitFor();
    await page.getByTestId('home-figures').getByText('15', { exact: true }).first().waitFor();
    await screenshot(page, '01-home');
    await openMenu('服务队');
    await page.waitForURL('**/org/teams');

    const table = page.getByTestId('teams-table');
    const rows = table.locator('tbody tr[data-row-key]');
    await rows.first().waitFor();
    const seen: string[] = [];
    for (let n = 1; ; n++) {
      await screenshot(page, `02-teams-page-${n}`);
      seen.push(...(await rows.locator('td:first-child a').allInnerTexts()).map((s) => s.trim()));
      const next = page.locator('li.ant-pagination-next');
      if ((await next.count()) === 0 || (await next.getAttribute('aria-disabled')) === 'true') break;
      const first = await rows.first().getAttribute('data-row-key');
      await next.click();
      await expect.poll(() => rows.first().getAttribute('data-row-key')).not.toBe(first);
    }
    expect([...seen].sort()).toEqual([...TEAMS].sort());
    await page.getByText('共 15 条').waitFor();
  });

  test("a team's drawer shows its assignment history", async () => {
    await openMenu('服务队');
    await page.getByRole('searchbox', { name: '搜索服务队名称' }).fill('河道保洁');
    await page.getByRole('searchbox', { name: '搜索服务队名称' }).press('Enter');
    await page.getByTestId('teams-table').locator('tbody tr[data-row-key]').getByText('河道保洁', { exact: true }).click();

    const drawer = page.getByTestId('team-drawer');
    const timeline = drawer.getByTestId('assignment-timeline');
    await timeline.waitFor();
    await drawer.getByText('管理关系沿革').waitFor();
    const history = await timeline.innerText();
    expect(history).toContain('农业服务中心'); // supervising department (R4)
    expect(history).toContain('水务站'); // daily-managing unit
    expect(history).toContain('现行');
    await screenshot(page, '03-team-drawer', { fullPage: false });
    await page.keyboard.press('Escape');
    await drawer.waitFor({ state: 'hidden' });
  });

  test('a department created through the form appears in the list', async () => {
    const name = '端到端测试科';
    await openMenu('部门');
    await page.waitForURL('**/org/departments');
    await page.getByTestId('departments-table').locator('tbody tr[data-row-key]').first().waitFor();
    await screenshot(page, '04-departments');

    await page.getByRole('button', { name: '新建部门' }).click();
    const form = page.getByTestId('department-form');
    await form.getByLabel('名称', { exact: true }).fill(name);
    await form.getByLabel('简称', { exact: true }).fill('测试科');
    const validFrom = form.getByLabel('生效日期', { exact: true });
    await validFrom.fill('2026-01-01');
    await validFrom.blur();
    await screenshot(page, '05-department-form', { fullPage: false });
    await form.getByRole('button', { name: '保存' }).click();
    await form.waitFor({ state: 'detached' });

    await page.getByRole('searchbox', { name: '搜索名称或简称' }).fill(name);
    await page.getByRole('searchbox', { name: '搜索名称或简称' }).press('Enter');
    const row = page.getByTestId('departments-table').locator('tbody tr[data-row-key]', { hasText: name });
    await row.waitFor();
    expect(await row.innerText()).toContain('2026-01-01');
    await screenshot(page, '06-department-created');
  });
});

test('/api/docs shows the API', async () => {
  const docs = await browser.context.newPage();
  try {
    await docs.goto('/api/docs');
    await docs.locator('.swagger-ui .opblock').first().waitFor();
    await docs.getByText('/api/health', { exact: true }).first().waitFor();
    await screenshot(docs, '07-api-docs');
    const spec = (await (await fetch(`${server.url}/api/openapi.json`)).json()) as { openapi?: string; paths?: object };
    expect(spec.openapi).toMatch(/^3\./);
    expect(Object.keys(spec.paths ?? {})).toContain('/api/health');
  } finally {
    await docs.close();
  }
});
