import type { APIRequestContext, Page } from 'playwright-core';
import { request } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { launchBrowser, screenshot, type Browser } from '../support/browser.ts';
import { startServer, type RunningServer } from '../support/server.ts';
import { collectPageErrors, DEMO_PASSWORD, signIn, switchUser } from '../support/session.ts';
import { openMenu, pickText } from '../support/ui.ts';

// Attendance and assessment in the console (#6): a clerk of 派出所 opens this month's 社区巡逻
// sheet, pastes the month from a spreadsheet (one cell refused in the browser, one by the server,
// the rest saved), the community scores its share, the unit submits, 综治办 reviews, locks and
// corrects; then the indicator, overdue, annual and calendar pages. A fresh demo town.

let server: RunningServer;
let browser: Browser;
let page: Page;
let pageErrors: string[];

beforeAll(async () => {
  server = await startServer();
  browser = await launchBrowser(server.url);
  page = await browser.context.newPage();
  pageErrors = collectPageErrors(page);
});

afterAll(async () => {
  await page?.close();
  await browser?.close();
  await server?.stop();
  expect(pageErrors).toEqual([]);
});

const TEAM = '社区巡逻';
/** This month in Shanghai: the demo's templates run from January of the current year. */
const MONTH = new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 7);
const MONTH_TEXT = `${Number(MONTH.slice(0, 4))}年${Number(MONTH.slice(5, 7))}月`;
let sheetUrl = '';

/** The bit of the DOM the synthetic paste uses (e2e compiles without the DOM lib). */
interface PasteWindow {
  DataTransfer: new () => { setData(type: string, text: string): void };
  ClipboardEvent: new (type: string, init: object) => object;
  document: { activeElement: { dispatchEvent(event: object): boolean } | null };
}

/** A block as Excel puts it on the clipboard, pasted onto the focused cell. */
async function paste(rows: (string | number)[][]): Promise<void> {
  const text = rows.map((r) => r.join('\t')).join('\r\n') + '\r\n';
  await page.evaluate((block) => {
    const w = globalThis as unknown as PasteWindow;
    const data = new w.DataTransfer();
    data.setData('text/plain', block);
    w.document.activeElement?.dispatchEvent(new w.ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
  }, text);
}

const row = (i: number) => page.getByTestId(`sheet-row-${i}`);
const cell = (i: number, field: string) => row(i).locator(`td[data-field="${field}"]`);

/** Signs in over the API as the demo's security administrator and gives cun1 every community (R25: each community scores its own). */
async function grantCun1AllCommunities(): Promise<void> {
  const api: APIRequestContext = await request.newContext({ baseURL: server.url, extraHTTPHeaders: { 'X-Requested-With': 'gongyi' } });
  try {
    expect((await api.post('/api/auth/login', { data: { townCode: 'xiaokunshan', username: 'security', password: DEMO_PASSWORD } })).status()).toBe(200);
    const session = (await (await api.get('/api/auth/session')).json()) as { town: { id: string }; csrfToken: string };
    const base = `/api/towns/${session.town.id}`;
    const users = (await (await api.get(`${base}/users?pageSize=100`)).json()) as { items: { id: string; username: string }[] };
    const cun1 = users.items.find((u) => u.username === 'cun1')!;
    const communities = (await (await api.get(`${base}/communities?pageSize=100`)).json()) as { items: { id: string; name: string }[] };
    for (const c of communities.items.filter((x) => x.name !== '示范一村')) {
      const res = await api.post(`${base}/users/${cun1.id}/grants`, { data: { role: 'community_manager', scopeKind: 'community', scopeId: c.id }, headers: { 'X-CSRF-Token': session.csrfToken } });
      expect(res.status(), await res.text()).toBe(201);
    }
  } finally {
    await api.dispose();
  }
}

describe('a month from paste to lock (#6)', () => {
  let workers = 0;
  let due = 0;

  test('the clerk of 派出所 opens this month’s sheet for 社区巡逻', async () => {
    await page.goto('/login');
    await signIn(page, 'paichusuo');
    await openMenu(page, '考勤考核', '月度考核');
    await page.waitForURL('**/assessment/sheets');
    await page.getByTestId('sheets-table').getByText('尚无考核表，点击“新建本月考核表”开始。').waitFor();
    await screenshot(page, '70-sheets-empty');

    await page.getByTestId('sheet-create').click();
    const form = page.getByTestId('sheet-create-form');
    await form.locator('.ant-select-content', { hasText: '派出所' }).waitFor(); // the user's own unit, preselected
    await pickText(page, form.getByRole('combobox', { name: '服务队' }), TEAM);
    await screenshot(page, '71-sheet-create', { fullPage: false });
    await form.getByRole('button', { name: '建立并打开' }).click();
    await page.waitForURL(/\/assessment\/sheets\/[^/]+$/);
    sheetUrl = new URL(page.url()).pathname;
    await page.getByRole('heading', { name: `${TEAM} · 派出所 · ${MONTH_TEXT}` }).waitFor();
    await page.getByTestId('sheet-state-draft').waitFor();
    workers = await page.getByTestId('sheet-grid').locator('tbody tr').count();
    expect(workers).toBeGreaterThan(10);
    due = Number(await row(0).locator('td').nth(2).innerText());
    expect(due).toBeGreaterThan(15);
    // the community's column is read-only for the unit
    expect(await cell(0, 'scores.residents').getAttribute('class')).toContain('sheet-grid-ro');
  });

  test('pastes the month from a spreadsheet: a bad cell is refused with its message, the rest is saved', async () => {
    // 出勤 旷工 岗位职责 工作质量 劳动纪律, one line per worker, as copied from the unit's own workbook
    const block = Array.from({ length: workers }, () => [due - 1, 1, 36, 27.5, 9]);
    block[0]![2] = 45; // above the 40 points: the browser refuses it at once
    block[1]![1] = 2; // 出勤 + 旷工 over the days due: the server refuses it
    await cell(0, 'daysWorked').click();
    await paste(block);
    await expect.poll(async () => await cell(0, 'scores.duty').getAttribute('data-problem')).toBe('“岗位职责完成情况”满分 40 分，不能填 45 分。');
    await page.getByTestId('sheet-dirty').getByText(`${workers * 5} 格未保存`).waitFor();
    // Leaving with unsaved cells asks first; staying keeps them.
    await openMenu(page, '考勤考核', '考勤表');
    const ask = page.locator('.ant-modal-confirm');
    await ask.getByText(`本页还有 ${workers * 5} 处修改未保存`).waitFor();
    await screenshot(page, '71b-sheet-unsaved-guard', { fullPage: false });
    await ask.getByRole('button', { name: '留在本页' }).click();
    await ask.waitFor({ state: 'detached' });
    await page.getByTestId('sheet-dirty').getByText(`${workers * 5} 格未保存`).waitFor();
    // the total follows the typing (72.5 of 80 → 63.4 of 70, minus 5 for a day's absence; the community's share still open)
    expect(await row(2).getByTestId('sheet-total').innerText()).toBe('');

    await page.getByTestId('sheet-save').click();
    const problems = page.getByTestId('sheet-problems');
    await problems.getByText(`出勤、请假与旷工合计超过本月应出勤 ${due} 天。`).waitFor();
    await problems.getByText('“岗位职责完成情况”满分 40 分，不能填 45 分。').waitFor();
    expect(await cell(1, 'daysWorked').getAttribute('data-problem')).toBe(`出勤、请假与旷工合计超过本月应出勤 ${due} 天。`);
    await cell(1, 'daysWorked').hover();
    await page.locator('.ant-tooltip:visible', { hasText: '合计超过本月应出勤' }).first().waitFor();
    await screenshot(page, '72-sheet-pasted', { fullPage: false });

    // The rest is on the server: a fresh load shows it.
    await page.reload();
    await row(2).waitFor();
    expect(await cell(2, 'daysWorked').innerText()).toBe(String(due - 1));
    expect(await cell(2, 'scores.quality').innerText()).toBe('27.5');
    expect(await cell(0, 'daysWorked').innerText()).toBe(String(due - 1)); // the good cells of a row with a bad one
    expect(await cell(0, 'scores.duty').innerText()).toBe('');
    expect(await cell(1, 'daysWorked').innerText()).toBe('');

    // Typed with the keyboard: 40 into 岗位职责, Enter; then the second row's attendance.
    await cell(0, 'scores.duty').click();
    await page.keyboard.type('40');
    await page.keyboard.press('Enter');
    await cell(1, 'daysWorked').click();
    await page.keyboard.type(String(due - 1));
    await page.keyboard.press('Tab');
    await page.keyboard.type('1');
    await page.keyboard.press('Tab');
    await page.keyboard.type('36');
    await page.keyboard.press('Tab');
    await page.keyboard.type('27.5');
    await page.keyboard.press('Tab');
    await page.keyboard.type('9');
    await page.keyboard.press('Control+s');
    await page.getByTestId('sheet-dirty').waitFor({ state: 'detached' });
    expect(await page.getByTestId('sheet-problems').count()).toBe(0);
    expect(await cell(1, 'absenceDays').innerText()).toBe('1');
  });

  test('the community scores its share (30%), then marks it done', async () => {
    await grantCun1AllCommunities();
    await switchUser(page, 'cun1');
    await page.getByTestId('home-todos').getByText(/张考核表待村居评分/).waitFor();
    await openMenu(page, '考勤考核', '月度考核');
    await page.getByTestId('sheets-table').getByRole('link', { name: new RegExp(TEAM) }).first().click();
    await page.getByTestId('sheet-editor-hint').getByText(/只能填写紫色“村居评”列/).waitFor();
    expect(await cell(0, 'daysWorked').getAttribute('class')).toContain('sheet-grid-ro');
    await cell(0, 'scores.residents').click();
    await paste(Array.from({ length: workers }, () => [18]));
    await page.getByTestId('sheet-save').click();
    await page.getByTestId('sheet-dirty').waitFor({ state: 'detached' });
    // unit 72.5 of 80 → 63.4 of 70; community 18 of 20 → 27 of 30; one absent day −5
    expect(await row(2).getByTestId('sheet-total').innerText()).toBe('85.4');
    await screenshot(page, '73-sheet-community', { fullPage: false });
    // The community's own 填报表: its workers and its indicator only (R25).
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('sheet-download').click()]);
    expect(download.suggestedFilename()).toMatch(/^村居评分-.*\.xlsx$/);
    await page.getByTestId('sheet-upload').waitFor();
    await page.getByTestId('sheet-event-enter_community').click();
    await page.locator('.ant-popover:visible').getByRole('button', { name: '村居评分完成' }).click();
    await page.getByTestId('sheet-state-community_entered').waitFor();
  });

  test('the unit submits the complete sheet', async () => {
    await switchUser(page, 'paichusuo');
    await page.goto(sheetUrl);
    await page.getByTestId('sheet-state-community_entered').waitFor();
    await page.getByTestId('sheet-event-submit').click();
    await page.locator('.ant-popover:visible').getByRole('button', { name: '报送' }).click();
    await page.getByTestId('sheet-state-submitted').waitFor();
    await page.getByTestId('sheet-editor-hint').getByText('只读：当前状态下您不能修改此表。').waitFor();
  });

  test('the supervising department (综治办) reviews and locks it, then corrects a row with a reason', async () => {
    await switchUser(page, 'zongzhiban');
    await page.getByTestId('home-todos').getByText(/1 张考核表已报送，待主管部门审核/).waitFor();
    await screenshot(page, '74-home-zongzhiban');
    await page.goto('/assessment/sheets?state=submitted');
    await page.getByTestId('sheets-table').getByRole('link', { name: new RegExp(TEAM) }).first().click();
    await page.getByTestId('sheet-event-review').click();
    await page.locator('.ant-popover:visible').getByRole('button', { name: '审核通过' }).click();
    await page.getByTestId('sheet-state-reviewed').waitFor();
    await page.getByTestId('sheet-event-lock').click();
    await page.locator('.ant-popover:visible').getByRole('button', { name: '锁定' }).click();
    await page.getByTestId('sheet-state-locked').waitFor();
    expect(await page.getByTestId('sheet-timeline').innerText()).toContain('综治办');
    await screenshot(page, '75-sheet-locked');

    const name = (await row(2).locator('td').first().innerText()).replace(/^\d+\s*/, '').trim();
    await page.getByTestId('sheet-correct').click();
    const form = page.getByTestId('sheet-correction-form');
    await pickText(page, form.getByRole('combobox', { name: '人员' }), name, name);
    await form.getByLabel('旷工天数', { exact: true }).fill('0');
    await form.getByRole('button', { name: '更正' }).click();
    await form.getByText('请填写更正理由').waitFor();
    await form.getByLabel('更正理由', { exact: true }).fill('旷工系误记，已核实为公假（端到端测试）');
    await screenshot(page, '76-sheet-correction', { fullPage: false });
    await form.getByRole('button', { name: '更正' }).click();
    await form.waitFor({ state: 'detached' });
    await expect.poll(async () => row(2).getByTestId('sheet-total').innerText()).toBe('90.4');
    const corrections = page.getByTestId('sheet-corrections');
    await corrections.getByText('旷工系误记，已核实为公假（端到端测试）').waitFor();
    expect(await corrections.innerText()).toContain('85.4 → 90.4');
    await corrections.scrollIntoViewIfNeeded();
    await screenshot(page, '76b-sheet-corrections', { fullPage: false });
  });
});

describe('the other assessment pages', () => {
  test('考核指标: the templates by team, and the form sums the points as typed (R25)', async () => {
    await openMenu(page, '考勤考核', '考核指标');
    await page.getByTestId('templates-table').locator('tbody tr', { hasText: TEAM }).first().waitFor();
    await screenshot(page, '77-templates');
    await page.getByTestId('template-create').click();
    const form = page.getByTestId('template-form');
    await pickText(page, form.getByRole('combobox', { name: '服务队' }), TEAM, TEAM);
    await form.getByTestId('template-sum').getByText('合计 100 分').waitFor(); // the team's latest version is the start
    await form.getByRole('spinbutton', { name: '分值' }).first().fill('50');
    await form.getByTestId('template-sum').getByText('合计 110 分，应为 100 分').waitFor();
    await screenshot(page, '78-template-form', { fullPage: false });
    await form.getByRole('button', { name: '取消' }).click();
  });

  test('考勤表 lists the same sheets; 逾期 shows who has not submitted', async () => {
    await switchUser(page, 'hr');
    await openMenu(page, '考勤考核', '考勤表');
    await page.getByTestId('sheets-table').locator('tbody tr', { hasText: TEAM }).first().waitFor();
    await screenshot(page, '79-attendance-list');
    await page.getByTestId('sheets-table').getByRole('link', { name: new RegExp(TEAM) }).first().click();
    await page.getByTestId('sheet-leave-toggle').click();
    await page.getByTestId('sheet-grid').getByText('婚假').waitFor();
    await screenshot(page, '80-attendance-sheet', { fullPage: false });

    await openMenu(page, '考勤考核', '逾期');
    await page.getByTestId('overdue-table').locator('tbody tr').first().waitFor();
    expect(await page.getByTestId('overdue-summary').innerText()).toMatch(/个单位\/服务队未报送/);
    await screenshot(page, '81-overdue');
  });

  test('节假日日历 says plainly when a year is missing', async () => {
    const next = new Date().getFullYear() + 1;
    await openMenu(page, '考勤考核', '节假日日历');
    await page.getByTestId('calendar-source').waitFor();
    await screenshot(page, '82-calendar');
    await page.goto(`/assessment/calendar?year=${next + 5}`);
    await page.getByTestId('calendar-missing').getByText(`日历数据包缺少 ${next + 5} 年`, { exact: false }).waitFor();
    await screenshot(page, '83-calendar-missing');
  });

  test('年度考核: the leadership group computes the year and may move a grade one step with a reason', async () => {
    await switchUser(page, 'office');
    await openMenu(page, '考勤考核', '年度考核');
    await page.getByTestId('annual-compute').click();
    await page.locator('.ant-popover:visible').getByRole('button', { name: /确\s*定|OK/ }).click();
    const rows = page.getByTestId('annual-table').locator('tbody tr[data-row-key]');
    await rows.first().waitFor();
    await screenshot(page, '84-annual');
    await rows.first().getByRole('button', { name: '确定等次' }).click();
    const form = page.getByTestId('annual-decision-form');
    await form.getByRole('radio', { name: /下调一档/ }).check();
    await form.getByRole('button', { name: '保存' }).click();
    await form.getByText('请填写调整理由').waitFor();
    await form.getByLabel('调整理由', { exact: true }).fill('全年多次投诉（端到端测试）');
    await form.getByLabel('区条线评价', { exact: true }).fill('良好');
    await screenshot(page, '85-annual-decision', { fullPage: false });
    await form.getByRole('button', { name: '保存' }).click();
    await form.waitFor({ state: 'detached' });
    await rows.first().getByText('全年多次投诉（端到端测试）').waitFor();
  });
});
