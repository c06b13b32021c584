import fs from 'node:fs';
import type { APIRequestContext, Download, Page } from 'playwright-core';
import { request } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { launchBrowser, screenshot, type Browser } from '../support/browser.ts';
import { startServer, type RunningServer } from '../support/server.ts';
import { collectPageErrors, DEMO_PASSWORD, signIn, switchUser } from '../support/session.ts';
import { openMenu, pickText } from '../support/ui.ts';

// Payroll in the console (#7): finance reads the pay policy, is refused a percent outside the
// notice's range on the field itself, adds a version and tries a draft in 政策测算; 社会协管服务社
// runs last month (the demo locks last month's sheets), 派出所 confirms from its to-do list (the
// other units by API), 综治办 reviews (社保所 by API), the leader approves, the coop downloads the
// bank file and the payslips, releases the pay and records a correction; the worker reads and
// downloads their own payslip. A fresh demo town.

let server: RunningServer;
let browser: Browser;
let page: Page;
let pageErrors: string[];
let townId = '';

/** Last month in Shanghai: the demo town's sheets of that month are locked. */
const shanghai = new Date(Date.now() + 8 * 3600_000);
const MONTH = new Date(Date.UTC(shanghai.getUTCFullYear(), shanghai.getUTCMonth() - 1, 1)).toISOString().slice(0, 7);
const MONTH_TEXT = `${Number(MONTH.slice(0, 4))}年${Number(MONTH.slice(5, 7))}月`;
const COOP = '松江区小昆山社会协管服务社';
let runPath = '';

beforeAll(async () => {
  server = await startServer();
  const towns = (await (await fetch(`${server.url}/api/auth/towns`)).json()) as { items: { id: string }[] };
  townId = towns.items[0]!.id;
  browser = await launchBrowser(server.url);
  page = await browser.context.newPage();
  // The refusal of a percent outside R19's range is a 422 the browser logs.
  pageErrors = collectPageErrors(page, [[422, `/api/towns/${townId}/payroll/policies`]]);
});

afterAll(async () => {
  await page?.close();
  await browser?.close();
  await server?.stop();
  expect(pageErrors).toEqual([]);
});

/** Signs a step of the run over the API as another unit's account (R21 needs every unit and department). */
async function signAs(username: string, verb: 'confirm' | 'review'): Promise<void> {
  const api: APIRequestContext = await request.newContext({ baseURL: server.url, extraHTTPHeaders: { 'X-Requested-With': 'gongyi' } });
  try {
    expect((await api.post('/api/auth/login', { data: { townCode: 'xiaokunshan', username, password: DEMO_PASSWORD } })).status()).toBe(200);
    const { csrfToken } = (await (await api.get('/api/auth/session')).json()) as { csrfToken: string };
    const runId = runPath.split('/').pop()!;
    const run = (await (await api.get(`/api/towns/${townId}/payroll/runs/${runId}`)).json()) as { version: number };
    const res = await api.post(`/api/towns/${townId}/payroll/runs/${runId}/${verb}`, { data: { version: run.version }, headers: { 'X-CSRF-Token': csrfToken } });
    expect(res.status(), await res.text()).toBe(200);
  } finally {
    await api.dispose();
  }
}

/** Confirms the popconfirm of a sign-off button and waits for the run's new state. */
async function sign(verb: string, state: string): Promise<void> {
  await page.getByTestId(`run-sign-${verb}`).click();
  await page.locator('.ant-popover:visible').getByRole('button').last().click();
  await page.getByTestId(`run-state-${state}`).first().waitFor();
}

async function downloaded(testId: string, then?: () => Promise<void>): Promise<Download> {
  const [download] = await Promise.all([page.waitForEvent('download'), (async () => {
    await page.getByTestId(testId).first().click();
    await then?.();
  })()]);
  return download;
}

const pdfBytes = async (d: Download) => fs.readFileSync((await d.path())!).subarray(0, 5).toString('latin1');

describe('the pay policy (#7 part 1)', () => {
  test('finance reads the version in force, with the notice behind each default', async () => {
    await page.goto('/login');
    await signIn(page, 'finance');
    await openMenu(page, '薪酬发放', '薪酬政策');
    await page.waitForURL('**/payroll/policies');
    const view = page.getByTestId('policy-view');
    await view.getByText('¥1,570.00').first().waitFor();
    expect(await page.getByTestId('policy-source-wage').first().innerText()).toContain('松府办〔2012〕100号');
    await expect.poll(() => view.getByTestId('policy-team-table').locator('tbody tr').count()).toBe(15);
    expect(await view.innerText()).toContain('允许 2%–28%');
    await screenshot(page, '90-pay-policy');
  });

  test('a percent outside R19 is refused under its box; a valid version is added from next month', async () => {
    await page.getByTestId('policy-add').click();
    const form = page.getByTestId('policy-form');
    const pass = form.locator('.ant-form-item', { hasText: '公共服务类 · 合格' }).getByRole('spinbutton');
    await pass.fill('30');
    await form.getByRole('button', { name: '保存版本' }).click();
    const item = form.locator('.ant-form-item-has-error', { hasText: '公共服务类 · 合格' });
    await item.getByText(/年度考核奖比例须在 2%–28% 之间/).waitFor();
    await item.scrollIntoViewIfNeeded();
    await screenshot(page, '91-pay-policy-refused', { fullPage: false });
    await pass.fill('16');
    await form.getByLabel('社区巡逻 基本工资（元/月）').fill('1350');
    await form.getByLabel('备注', { exact: true }).fill('社区巡逻基本工资调整（端到端测试）');
    await form.getByRole('button', { name: '保存版本' }).click();
    await form.waitFor({ state: 'detached' });
    const timeline = page.getByTestId('policy-versions');
    await timeline.getByText('社区巡逻基本工资调整（端到端测试）').waitFor();
    expect(await timeline.innerText()).toContain('尚未生效');
    await page.getByTestId('policy-view').getByText('¥1,350.00').waitFor();
  });

  test('政策测算: a higher floor costs more, shown for the town and per team', async () => {
    await openMenu(page, '薪酬发放', '政策测算');
    const form = page.getByTestId('simulation-form');
    await form.locator('.ant-form-item', { hasText: '月收入保底' }).getByRole('spinbutton').fill('1900');
    await page.getByTestId('simulation-run').click();
    const totals = page.getByTestId('simulation-totals');
    await totals.getByText('其中保底补足').waitFor();
    expect(await totals.locator('tbody tr').first().innerText()).toMatch(/\+¥[\d,]+\.\d\d/);
    await expect.poll(() => page.getByTestId('simulation-teams').locator('tbody tr').count()).toBeGreaterThan(5);
    await screenshot(page, '92-pay-simulation');
  });
});

describe('a month from run to payment (#7 parts 3, 4 and 7)', { timeout: 150_000 }, () => {
  test('社会协管服务社 runs last month; every slip explains its lines, a page at a time', async () => {
    await switchUser(page, 'coop1');
    await openMenu(page, '薪酬发放', '月度发放');
    await page.getByTestId('runs-table').getByText('尚无发放，点击“新建发放”选择服务社和月份开始。').waitFor();
    await page.getByTestId('run-create').click();
    const form = page.getByTestId('run-create-form');
    await form.locator('.ant-select-content', { hasText: '社会协管服务社' }).waitFor(); // the coop's own, preselected
    await screenshot(page, '93-run-create', { fullPage: false });
    await form.getByRole('button', { name: '计算并打开' }).click();
    await page.waitForURL(/\/payroll\/monthly\/[^/]+$/);
    runPath = new URL(page.url()).pathname;
    await page.getByRole('heading', { name: `${COOP} · ${MONTH_TEXT}` }).waitFor();
    await page.getByTestId('run-state-draft').waitFor();
    expect(await page.getByTestId('run-pending').innerText()).toMatch(/派出所.*交警支队|交警支队.*派出所/);
    expect(await page.getByTestId('run-figure-net').innerText()).toMatch(/¥[\d,]+\.\d\d/);
    await expect.poll(() => page.getByTestId('run-teams').locator('tbody tr').count()).toBe(7);

    const slips = page.getByTestId('slips-table');
    // The slips come in their own paged request, after the run's figures.
    await expect.poll(() => slips.locator('tbody tr.ant-table-row').count()).toBe(20);
    await slips.locator('.ant-pagination-item-2').click();
    await expect.poll(() => page.url()).toContain('page=2');
    await slips.locator('tbody tr.ant-table-row').first().locator('.ant-table-row-expand-icon').click();
    const lines = slips.getByTestId('slip-lines');
    await lines.getByText('基本工资', { exact: true }).first().waitFor();
    expect(await lines.first().innerText()).toMatch(/绩效奖|保底补足/);
    expect(await lines.first().innerText()).toContain('R13');
    await screenshot(page, '94-run-draft');
    await slips.locator('.ant-pagination').scrollIntoViewIfNeeded();
    await screenshot(page, '94b-run-slips-page-2', { fullPage: false });
  });

  test('派出所 finds the run in its to-dos and confirms its own workers', async () => {
    await switchUser(page, 'paichusuo');
    await page.getByTestId('home-todos').getByText('1 个薪酬发放待您签批：日常管理单位确认（R21）。').waitFor();
    await openMenu(page, '薪酬发放', '审批');
    const row = page.getByTestId('approvals-table').locator('tbody tr', { hasText: '社会协管服务社' });
    await row.getByText('日常管理单位确认：派出所').waitFor();
    await screenshot(page, '95-approvals');
    await row.getByRole('link').first().click();
    await page.getByTestId('run-sign-confirm').getByText('确认（派出所）').waitFor();
    await page.getByTestId('run-sign-confirm').click();
    await page.locator('.ant-popover:visible').getByRole('button', { name: '确认' }).click();
    await page.getByTestId('run-step-unit_confirm').getByText(/派出所 · 派出所/).waitFor();
    expect(await page.getByTestId('run-pending').innerText()).not.toContain('派出所');
    expect(await page.getByTestId('run-sign-confirm').count()).toBe(0);
  });

  test('the other units confirm; 综治办 reviews its teams (社保所 its own)', async () => {
    for (const unit of ['jiaojing', 'anjiansuo', 'renshe', 'chengguan', 'jianshe']) await signAs(unit, 'confirm');
    await switchUser(page, 'zongzhiban');
    await page.goto(runPath);
    await page.getByTestId('run-state-unit_confirmed').waitFor();
    await sign('review', 'unit_confirmed'); // 社保所 still to review
    await page.getByTestId('run-step-department_review').getByText(/社会治安综合治理办公室|综治办/).waitFor();
    await signAs('shebaosuo', 'review');
  });

  test('the leader approves: the run can no longer change', async () => {
    await switchUser(page, 'leader');
    await page.goto(runPath);
    await page.getByTestId('run-state-department_reviewed').waitFor();
    await sign('approve', 'approved');
    await page.getByTestId('run-step-leader_approve').getByText(/分管副镇长/).waitFor();
    expect(await page.getByTestId('run-recalculate').count()).toBe(0);
    await screenshot(page, '96-run-approved');
  });

  test('the coop downloads the bank file and the payslips, releases the pay and records a correction', async () => {
    await switchUser(page, 'coop1');
    await page.goto(runPath);
    await page.getByTestId('run-state-approved').waitFor();
    const xlsx = await downloaded('run-bank', () => page.getByTestId('run-bank-xlsx').click());
    expect(xlsx.suggestedFilename()).toBe(`银行代发-${COOP}-${MONTH}.xlsx`);
    const csv = await downloaded('run-bank', () => page.getByTestId('run-bank-csv').click());
    expect(csv.suggestedFilename()).toMatch(/\.csv$/);
    const batch = await downloaded('run-payslips');
    expect(batch.suggestedFilename()).toMatch(/^工资条-.*\.pdf$/);
    expect(await pdfBytes(batch)).toBe('%PDF-');
    const one = await downloaded('slip-pdf');
    expect(await pdfBytes(one)).toBe('%PDF-');
    const register = await downloaded('run-register');
    expect(register.suggestedFilename()).toMatch(/^工资发放表-.*\.xlsx$/);

    await sign('release', 'released');
    await page.getByTestId('run-adjustment').click();
    const form = page.getByTestId('amount-form-adjustment');
    const first = (await page.getByTestId('slips-table').locator('tbody tr.ant-table-row').first().locator('td').nth(1).innerText()).trim();
    await pickText(page, form.getByRole('combobox', { name: '人员' }), first, first);
    await form.getByLabel('金额（元）').fill('-50');
    await form.getByLabel('理由', { exact: true }).fill('多发高温费，下月扣回（端到端测试）');
    await screenshot(page, '97-adjustment', { fullPage: false });
    await form.getByRole('button', { name: '登记更正' }).click();
    await form.waitFor({ state: 'detached' });
    await page.getByTestId('run-adjustments').getByText('待下次发放').waitFor();
    await page.getByTestId('run-adjustments').scrollIntoViewIfNeeded();
    await screenshot(page, '98b-run-adjustments', { fullPage: false });
    await page.getByTestId('run-signoffs').scrollIntoViewIfNeeded();
    await screenshot(page, '98-run-released', { fullPage: false });
  });

  test('年终奖 lists no run yet and says how to start', async () => {
    await openMenu(page, '薪酬发放', '年终奖');
    await page.getByTestId('runs-table').getByText('尚无年终奖发放，点击“新建年终奖发放”选择服务社和发放月份开始。').waitFor();
    await screenshot(page, '99-annual-runs');
  });

  test('the worker reads their own payslip and downloads it', async () => {
    await switchUser(page, 'worker1');
    await page.getByTestId('home-payslips').click();
    const table = page.getByTestId('my-slips-table');
    await table.getByText(MONTH_TEXT).waitFor();
    await table.locator('.ant-table-row-expand-icon').first().click();
    await table.getByTestId('slip-lines').getByText('基本工资', { exact: true }).waitFor();
    await screenshot(page, '100-my-payslips');
    const mine = await downloaded('my-slip-pdf');
    expect(await pdfBytes(mine)).toBe('%PDF-');
  });
});
