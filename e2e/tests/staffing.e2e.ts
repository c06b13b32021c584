import { makeIdNumber } from '@gongyi/domain';
import type { Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest';
import { animationsDone, artifactsDir, launchBrowser, screenshot, type Browser } from '../support/browser.ts';
import { startServer, type RunningServer } from '../support/server.ts';
import { collectPageErrors, signIn, switchUser } from '../support/session.ts';
import { openMenu, pick, pickText } from '../support/ui.ts';

// Headcount, hiring and work agreements in the console (#5): the quota board, a hire into a
// vacancy through the whole chain by the people the notice names (R6, R10), the agreement's PDF,
// the expiry filter, and the exits and proposals pages. A fresh demo town (quota 659, a few
// vacancies opened by demo exits, agreements for every active worker).

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

// A failed step leaves a picture of what the page showed.
afterEach(async (context) => {
  if (context.task.result?.state === 'fail') await page.screenshot({ path: `${artifactsDir}/failed-${context.task.name.slice(0, 40)}.png` }).catch(() => undefined);
});

afterAll(async () => {
  await page?.close();
  await browser?.close();
  await server?.stop();
  expect(pageErrors).toEqual([]);
});

/** A calendar day n days from today in Shanghai, as the server and the browser count it. */
function dayFromToday(n: number): string {
  const shanghai = new Date(Date.now() + 8 * 3600_000 + n * 86_400_000);
  return shanghai.toISOString().slice(0, 10);
}

const CANDIDATE = { name: '端木新', id: makeIdNumber('310117', '1990-05-06', 771), team: '综合协管' };

/** 综合协管's line on the board: [quota, filled, reserved, vacancies]. */
async function teamLine(team: string): Promise<number[]> {
  const row = page.getByTestId('quota-teams').locator('tbody tr', { hasText: team });
  const cells = await row.locator('td').allInnerTexts();
  return cells.slice(3, 7).map((c) => Number(c.trim()));
}

describe('职数看板', () => {
  test('town HR sees quota, filled, reserved and vacancies for the town, each category and each team, in Chinese', async () => {
    await page.goto('/login');
    await signIn(page, 'hr');
    await openMenu(page, '职数与招录', '职数看板');
    await page.waitForURL('**/quota');
    await page.getByRole('heading', { name: '职数看板' }).waitFor();
    await page.getByTestId('quota-teams').locator('tbody tr', { hasText: CANDIDATE.team }).waitFor();
    expect(await page.getByTestId('quota-total').innerText()).toContain('659');
    const figures = await page.getByTestId('quota-figures').innerText();
    for (const label of ['核定职数', '在岗', '已批待岗', '空岗']) expect(figures).toContain(label);
    expect(await page.getByTestId('quota-categories').innerText()).toMatch(/社会协管类[\s\S]*公共服务类|公共服务类[\s\S]*社会协管类/);
    const [quota, filled, reserved, vacancies] = await teamLine(CANDIDATE.team);
    expect(vacancies).toBe(quota! - filled! - reserved!);
    expect(vacancies).toBeGreaterThan(0);
    await screenshot(page, '50-quota-board');

    await page.getByTestId('quota-history').click();
    await page.getByTestId('quota-history-drawer').getByText('659').first().waitFor();
    await screenshot(page, '51-quota-history', { fullPage: false });
    await page.keyboard.press('Escape');

    await page.getByTestId('quota-adjust').click();
    const form = page.getByTestId('quota-plan-form');
    await form.getByText('各层级职数合计均未超过上一级').waitFor();
    await form.getByLabel('核定总职数', { exact: true }).fill('600');
    await form.getByTestId('quota-plan-problems').getByText(/各类别职数合计 659，超过总职数 600/).waitFor();
    await screenshot(page, '52-quota-plan', { fullPage: false });
    await form.getByRole('button', { name: '取消' }).click();
    await form.waitFor({ state: 'detached' });
  });

  test('a department proposes a team quota (R9); town HR adjusts it, and must say why', async () => {
    await switchUser(page, 'zongzhiban');
    await openMenu(page, '职数与招录', '职数申报');
    await page.waitForURL('**/quota/proposals');
    await page.getByTestId('proposals-table').waitFor();
    await page.getByRole('button', { name: '申报职数' }).click();
    const form = page.getByTestId('proposal-form');
    // The department comes from the user's grant.
    await form.locator('.ant-select-content', { hasText: '综治办' }).or(form.locator('.ant-select-content', { hasText: '社会治安综合治理办公室' })).first().waitFor();
    await pickText(page, form.getByRole('combobox', { name: '服务队' }), '社区保安', '社区保安');
    await form.getByLabel('辖区面积（km²）', { exact: true }).fill('25.6');
    await form.getByLabel('服务人数', { exact: true }).fill('21000');
    await form.getByLabel('申请职数', { exact: true }).fill('88');
    await form.getByLabel('复杂', { exact: true }).check();
    await form.getByLabel('理由', { exact: true }).fill('按辖区面积和常住人口测算，社区保安需 88 名（端到端测试）');
    await screenshot(page, '53-proposal-new', { fullPage: false });
    await form.getByRole('button', { name: '保存' }).click();
    await form.waitFor({ state: 'detached' });
    await page.getByTestId('proposals-table').locator('tbody tr', { hasText: '社区保安' }).getByText('待审批').waitFor();

    await switchUser(page, 'hr');
    await openMenu(page, '职数与招录', '职数申报');
    const row = page.getByTestId('proposals-table').locator('tbody tr', { hasText: '社区保安' });
    await row.getByRole('button', { name: '核定' }).click();
    const decision = page.getByTestId('proposal-decision-form');
    await decision.getByLabel('核定职数', { exact: true }).fill('89');
    await decision.getByRole('button', { name: '保存' }).click();
    await decision.getByText('请填写核定意见').waitFor();
    await decision.getByLabel('核定意见', { exact: true }).fill('现有在岗 87 名，核定 89 名留两个空岗');
    await screenshot(page, '53-proposal-decision', { fullPage: false });
    await decision.getByRole('button', { name: '保存' }).click();
    await decision.waitFor({ state: 'detached' });
    await row.getByText('已核定').waitFor();
    await screenshot(page, '53-proposals');

    await openMenu(page, '职数与招录', '职数看板');
    await expect.poll(async () => (await teamLine('社区保安'))[0]).toBe(89);
  });
});

describe('a hire into a vacancy, through the whole chain (R6, R10)', () => {
  let agreementUrl = '';

  test('the supervising department (综治办) requests the hire, seeing the team’s vacancies', async () => {
    await switchUser(page, 'zongzhiban');
    await openMenu(page, '职数与招录', '招录申请');
    await page.waitForURL('**/hiring');
    await page.getByTestId('hiring-table').waitFor();
    await screenshot(page, '54-hiring-list');
    await page.getByTestId('hiring-create').click();
    await page.waitForURL('**/hiring/new');
    const form = page.getByTestId('hiring-create-form');
    await form.getByLabel('姓名', { exact: true }).fill(CANDIDATE.name);
    await form.getByLabel('公民身份号码', { exact: true }).fill(CANDIDATE.id);
    await form.getByTestId('id-facts').waitFor();
    await page.getByRole('button', { name: '下一步' }).click();
    await pick(page, form.getByRole('combobox', { name: '所属队伍' }), `${CANDIDATE.team}（社会协管类）`, '综合');
    await pickText(page, form.getByRole('combobox', { name: '日常管理单位' }), '派出所');
    await form.getByTestId('vacancy-hint').getByText(/综合协管 目前有 \d+ 个空岗/).waitFor();
    await form.getByLabel('申请理由', { exact: true }).fill('补充离岗人员空岗（端到端测试）');
    await screenshot(page, '55-hiring-new', { fullPage: false });
    await page.getByTestId('hiring-create-submit').click();
    await page.waitForURL('**/hiring');
    const row = page.getByTestId('hiring-table').locator('tbody tr', { hasText: CANDIDATE.name });
    await row.getByText('待审批').waitFor();
  });

  test('town HR approves it against the vacancy; the board shows the place reserved', async () => {
    await switchUser(page, 'hr');
    await page.getByTestId('home-todos').getByText(/份招录\/调队申请待审批/).waitFor();
    await screenshot(page, '56-home-hr');
    await openMenu(page, '职数与招录', '职数看板');
    await page.getByTestId('quota-teams').locator('tbody tr', { hasText: CANDIDATE.team }).waitFor();
    const before = await teamLine(CANDIDATE.team);

    await openMenu(page, '职数与招录', '招录申请');
    const row = page.getByTestId('hiring-table').locator('tbody tr', { hasText: CANDIDATE.name });
    await row.getByRole('button', { name: '批准' }).click();
    await page.locator('.ant-popover:visible').getByRole('button', { name: '批准' }).click();
    await row.getByText('已批准（待签协议）').waitFor();
    await screenshot(page, '57-hiring-approved');

    await openMenu(page, '职数与招录', '职数看板');
    await expect.poll(async () => (await teamLine(CANDIDATE.team))[2]).toBe(before[2]! + 1);
    expect((await teamLine(CANDIDATE.team))[3]).toBe(before[3]! - 1);
  });

  test('the coop draws up the agreement from the approved request and signs it', async () => {
    await switchUser(page, 'coop1');
    await openMenu(page, '职数与招录', '招录申请');
    const row = page.getByTestId('hiring-table').locator('tbody tr', { hasText: CANDIDATE.name });
    await row.getByRole('button', { name: '拟订协议' }).click();
    await page.waitForURL(/\/agreements\?open=/);
    agreementUrl = new URL(page.url()).pathname + new URL(page.url()).search;
    const drawer = page.getByTestId('agreement-drawer');
    await drawer.getByTestId('agreement-state-draft').waitFor();
    expect(await drawer.innerText()).toContain('松江区小昆山社会协管服务社');
    await drawer.getByTestId('renewal-gate').waitFor();
    await screenshot(page, '58-agreement-draft', { fullPage: false });

    await drawer.getByTestId('agreement-sign').click();
    const form = page.getByTestId('agreement-step-form');
    await form.getByRole('button', { name: '签订' }).click();
    await form.waitFor({ state: 'detached' });
    await drawer.getByTestId('agreement-state-signed').waitFor();
    // The coop may not witness: only the supervising department does (R6).
    expect(await drawer.getByTestId('agreement-witness').count()).toBe(0);
  });

  test('the supervising department witnesses it (鉴证)', async () => {
    await switchUser(page, 'zongzhiban');
    await page.getByTestId('home-todos').getByText(/份上岗协议已签订，待主管部门鉴证/).waitFor();
    await page.goto(agreementUrl);
    const drawer = page.getByTestId('agreement-drawer');
    await drawer.getByTestId('agreement-state-signed').waitFor();
    await drawer.getByTestId('agreement-witness').click();
    const form = page.getByTestId('agreement-step-form');
    await form.locator('.ant-select-content', { hasText: '社会治安综合治理办公室' }).waitFor();
    await screenshot(page, '59-agreement-witness', { fullPage: false });
    await form.getByRole('button', { name: '鉴证' }).click();
    await form.waitFor({ state: 'detached' });
    await drawer.getByTestId('agreement-state-witnessed').waitFor();
  });

  test('the coop files it (用工备案); the agreement is in force and the hire completed', async () => {
    await switchUser(page, 'coop1');
    await page.goto(agreementUrl);
    const drawer = page.getByTestId('agreement-drawer');
    await drawer.getByTestId('agreement-state-witnessed').waitFor();
    await drawer.getByTestId('agreement-file').click();
    const form = page.getByTestId('agreement-step-form');
    await form.getByLabel('备案号', { exact: true }).fill('昆公益备〔2026〕E2E号');
    await form.getByRole('button', { name: '备案' }).click();
    await form.waitFor({ state: 'detached' });
    await drawer.getByTestId('agreement-state-in_force').waitFor();
    const timeline = await drawer.getByTestId('agreement-timeline').innerText();
    expect(timeline).toContain('社会治安综合治理办公室');
    expect(timeline).toContain('昆公益备〔2026〕E2E号');
    await screenshot(page, '60-agreement-in-force', { fullPage: false });
    await page.keyboard.press('Escape');
    await drawer.waitFor({ state: 'hidden' });

    await openMenu(page, '职数与招录', '招录申请');
    await page.getByTestId('hiring-table').locator('tbody tr', { hasText: CANDIDATE.name }).getByText('已上岗').waitFor();
  });

  test('the agreement PDF is an A4 document served as application/pdf', async () => {
    const id = new URL(agreementUrl, server.url).searchParams.get('open')!;
    const headers = { 'X-Requested-With': 'gongyi' };
    const session = await page.request.get('/api/auth/session', { headers });
    const town = ((await session.json()) as { town: { id: string } }).town.id;
    const res = await page.request.get(`/api/towns/${town}/agreements/${id}/pdf`, { headers });
    expect(res.status()).toBe(200);
    expect(res.headers()['content-type']).toContain('application/pdf');
    const body = await res.body();
    expect(body.length).toBeGreaterThan(1000);
    expect(body.subarray(0, 5).toString()).toBe('%PDF-');

    const batch = await page.request.get(`/api/towns/${town}/agreements/pdf?ids=${id}`, { headers });
    expect(batch.headers()['content-type']).toContain('application/pdf');
  });

  test('the worker is on the roster as active, and the worker page lists the agreement', async () => {
    await openMenu(page, '人员管理', '花名册');
    const search = page.getByRole('searchbox', { name: '搜索姓名' });
    await search.fill(CANDIDATE.name);
    await search.press('Enter');
    const row = page.getByTestId('workers-table').locator('tbody tr[data-row-key]', { hasText: CANDIDATE.name });
    await row.waitFor();
    expect(await row.innerText()).toContain('在岗');
    expect(await row.innerText()).toContain(CANDIDATE.team);
    await row.locator('td:first-child a').click();
    await page.getByRole('heading', { name: CANDIDATE.name }).waitFor();
    const agreements = page.getByTestId('worker-agreements');
    await agreements.getByText('昆公益备〔2026〕E2E号').waitFor();
    await screenshot(page, '61-worker-agreements');
  });
});

describe('调队 (R10: an exit and a hire, approved by town HR)', () => {
  test('the supervising department requests a transfer from the hiring page; it waits for town HR', async () => {
    await switchUser(page, 'zongzhiban');
    await openMenu(page, '职数与招录', '招录申请');
    await page.getByTestId('hiring-transfer').click();
    const form = page.getByTestId('transfer-form');
    const picker = form.getByTestId('worker-picker');
    await picker.click();
    await picker.locator('input').fill('王');
    const options = page.locator('.ant-select-dropdown:visible .ant-select-item-option');
    // The list is searched on the server: wait for the answer to the typed name.
    await expect.poll(async () => (await options.allInnerTexts()).length > 0 && (await options.allInnerTexts()).every((o) => o.startsWith('王'))).toBe(true);
    const first = options.first();
    const label = (await first.innerText()).trim();
    const name = label.split(' · ')[0]!;
    await first.click();
    await form.getByText(/现属 .+。调队视为原队离岗、新队招录/).waitFor();
    const target = label.includes('综合协管') ? '社区巡逻' : '综合协管';
    await pick(page, form.getByRole('combobox', { name: '所属队伍' }), `${target}（社会协管类）`, target.slice(0, 2));
    await pickText(page, form.getByRole('combobox', { name: '日常管理单位' }), '派出所');
    await form.getByLabel('申请理由', { exact: true }).fill('工作需要（端到端测试）');
    await screenshot(page, '70-transfer', { fullPage: false });
    await form.getByRole('button', { name: '提交调队申请' }).click();
    await form.waitFor({ state: 'detached' });
    const row = page.getByTestId('hiring-table').locator('tbody tr', { hasText: name }).filter({ hasText: '调队' });
    await row.getByText('待审批').waitFor();
    expect(await row.innerText()).toContain(target);
  });
});

describe('上岗协议 lists', () => {
  test('到期提醒 opens on 30 days and the 60-day filter lists only agreements ending within 60 days', async () => {
    await switchUser(page, 'coop2');
    await openMenu(page, '上岗协议', '到期提醒');
    await page.waitForURL('**/agreements/expiring');
    await page.getByRole('heading', { name: '到期提醒' }).waitFor();
    await page.getByTestId('agreements-table').waitFor();
    await screenshot(page, '62-agreements-expiring-30');

    await page.getByTestId('expiring-window').getByText('60 天内').click();
    await expect.poll(() => new URL(page.url()).searchParams.get('expiringWithin')).toBe('60');
    const rows = page.getByTestId('agreements-table').locator('tbody tr[data-row-key]');
    await rows.first().waitFor();
    const limit = dayFromToday(60);
    for (const text of await rows.locator('td:nth-child(5)').allInnerTexts()) {
      const end = /至 (\d{4}-\d{2}-\d{2})/.exec(text)?.[1];
      expect(end, text).toBeTruthy();
      expect(end! <= limit, `${end} ≤ ${limit}`).toBe(true);
      expect(end! >= dayFromToday(0), `${end} not past`).toBe(true);
    }
    await screenshot(page, '63-agreements-expiring-60');

    // A selection offers the steps every selected agreement allows; renewal previews first (R8).
    await rows.first().locator('.ant-checkbox-input').check();
    await rows.nth(1).locator('.ant-checkbox-input').check();
    await page.getByTestId('agreements-batch').getByText('已选 2 份').waitFor();
    await page.getByTestId('batch-renew').click();
    await page.getByTestId('renewal-modal').waitFor();
    await animationsDone(page);
    await page.getByTestId('renewal-check').click();
    await page.getByTestId('renewal-held').waitFor();
    await screenshot(page, '64-renewal-preview', { fullPage: false });
    await page.getByRole('dialog').getByRole('button', { name: '取消' }).click();
  });

  test('renewal (R8): town HR enters a pass for the year, then the coop renews that agreement', async () => {
    await switchUser(page, 'hr');
    await page.goto('/agreements/expiring?expiringWithin=60');
    const first = page.getByTestId('agreements-table').locator('tbody tr[data-row-key]').first();
    const name = (await first.locator('td:nth-child(2) a').innerText()).trim();
    await first.locator('td:nth-child(2) a').click();
    const drawer = page.getByTestId('agreement-drawer');
    await drawer.getByTestId('renewal-gate').getByText('暂不可续签').waitFor();
    await drawer.getByTestId('annual-result-enter').click();
    const form = page.getByTestId('annual-result-form');
    await form.getByLabel('合格', { exact: true }).check();
    await form.getByRole('button', { name: '保存' }).click();
    await form.waitFor({ state: 'detached' });
    await drawer.getByTestId('renewal-gate').getByText(/可续签：\d{4} 年度考核 合格/).waitFor();
    const agreementUrl = new URL(page.url()).pathname + new URL(page.url()).search;

    await switchUser(page, 'coop2');
    await page.goto(agreementUrl);
    await drawer.getByRole('heading', { name: new RegExp(name) }).or(drawer.getByText(`上岗协议 · ${name}`)).first().waitFor();
    await drawer.getByTestId('agreement-renew').click();
    await page.getByTestId('renewal-modal').waitFor();
    await animationsDone(page);
    await page.getByTestId('renewal-check').click();
    await page.getByTestId('renewal-renewed').getByText(name).waitFor();
    await screenshot(page, '64-renewal-one', { fullPage: false });
    await page.getByTestId('renewal-commit').click();
    await page.getByTestId('renewal-modal').waitFor({ state: 'detached' });
    await drawer.getByTestId('agreement-state-renewed').waitFor();
    await page.keyboard.press('Escape');
  });

  test('协议列表 filters by state and opens the drawer with the PDF preview', async () => {
    await openMenu(page, '上岗协议', '协议列表');
    await page.waitForURL('**/agreements');
    const rows = page.getByTestId('agreements-table').locator('tbody tr[data-row-key]');
    await rows.first().waitFor();
    await screenshot(page, '65-agreements');
    await rows.first().locator('td:nth-child(2) a').click();
    const drawer = page.getByTestId('agreement-drawer');
    await drawer.getByTestId('agreement-timeline').waitFor();
    await drawer.getByTestId('agreement-pdf').waitFor();
    await screenshot(page, '66-agreement-drawer', { fullPage: false });
    await page.keyboard.press('Escape');
  });
});

describe('离岗', () => {
  test('exits list with filters, the retirement tab, and 办理离岗 from the list', async () => {
    await switchUser(page, 'hr');
    await openMenu(page, '职数与招录', '离岗');
    await page.waitForURL('**/exits');
    await page.getByTestId('exits-table').locator('tbody tr[data-row-key]').first().waitFor();
    await screenshot(page, '67-exits');
    await page.getByRole('tab', { name: '即将退休' }).click();
    await page.getByTestId('retirements-table').waitFor();
    await screenshot(page, '68-retirements');
    await page.getByRole('tab', { name: '离岗记录' }).click();

    await page.getByTestId('exits-create').click();
    const form = page.getByTestId('exit-form');
    await pickText(page, form.getByRole('combobox', { name: '离岗原因' }), '辞退');
    await form.getByLabel('制度条款或批准文件', { exact: true }).waitFor();
    await screenshot(page, '69-exit-dismissal', { fullPage: false });
    await form.getByRole('button', { name: '取消' }).click();
  });
});
