import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { launchBrowser, screenshot, type Browser } from '../support/browser.ts';
import { startServer, type RunningServer } from '../support/server.ts';
import { collectPageErrors, signIn, signOut } from '../support/session.ts';
import { openMenu, pick, pickText } from '../support/ui.ts';

// Funds in the console (#8): finance reads the town special account by source (the demo town has
// this year's money received and allocated), records a receipt and sees the source's figures rise,
// is refused the same receipt number again (under the field, in Chinese), allocates part of it to a
// coop (refused more than the sub-account holds), lowers and raises an expected receipt and watches
// the shortfall move, and closes last month; a coop applies for uniforms and the leader approves
// the application from the home to-do. A fresh demo town.

let server: RunningServer;
let browser: Browser;
let page: Page;
let pageErrors: string[];

const CITY = 'city_unemployment_fund';
const RECEIPT_NO = 'E2E-SJ-02';
const shanghai = new Date(Date.now() + 8 * 3600_000);
const LAST_MONTH = new Date(Date.UTC(shanghai.getUTCFullYear(), shanghai.getUTCMonth() - 1, 1));
const LAST_MONTH_TEXT = `${LAST_MONTH.getUTCFullYear()}年${LAST_MONTH.getUTCMonth() + 1}月`;

beforeAll(async () => {
  server = await startServer();
  const towns = (await (await fetch(`${server.url}/api/auth/towns`)).json()) as { items: { id: string }[] };
  const townId = towns.items[0]!.id;
  browser = await launchBrowser(server.url);
  page = await browser.context.newPage();
  // The refusals this test provokes: a duplicate receipt number (409), an allocation beyond the sub-account (422).
  pageErrors = collectPageErrors(page, [
    [409, `/api/towns/${townId}/ledger/receipts`],
    [422, `/api/towns/${townId}/ledger/allocations`],
  ]);
});

afterAll(async () => {
  await page?.close();
  await browser?.close();
  await server?.stop();
  expect(pageErrors).toEqual([]);
});

/** The text of one figure of a source's row in the sources table (列: 来源, 到账, 拨付, 镇专户余额, 服务社余额, 已支出). */
const sourceCell = (source: string, column: number) => page.getByTestId('funds-sources').getByTestId(`source-${source}`).locator('td').nth(column);
const RECEIVED = 1;
const SPECIAL = 3;
const COOP = 4;

async function yuanOf(testId: string): Promise<number> {
  const text = await page.getByTestId(testId).locator('.ant-statistic-content').innerText();
  return Number(text.replace(/[¥,\s]/g, ''));
}

async function fillReceipt(no: string): Promise<void> {
  const form = page.getByTestId('receipt-form');
  await pick(page, form.getByRole('combobox', { name: '资金来源' }), '市失保基金');
  await form.getByLabel('金额（元）').fill('1000000');
  await form.getByLabel('到账凭证号').fill(no);
  await form.getByRole('button', { name: '记账' }).click();
}

async function setExpected(amount: string): Promise<void> {
  await page.getByTestId(`expected-edit-${CITY}`).click();
  const form = page.getByTestId('expected-form');
  await form.getByLabel('预计到账').fill(amount);
  await form.getByRole('button', { name: '保存' }).click();
  await form.waitFor({ state: 'detached' });
}

describe('the town special account (#8 parts 1–3, R20)', () => {
  test('专户台账 shows each source received and allocated, the accounts, and the journal a page at a time', async () => {
    await page.goto('/login');
    await signIn(page, 'finance');
    await openMenu(page, '经费管理', '专户台账');
    await page.waitForURL('**/funds/ledger');
    await expect.poll(() => sourceCell(CITY, RECEIVED).innerText()).toBe('¥6,000,000.00');
    expect(await sourceCell(CITY, SPECIAL).innerText()).toBe('¥0.00');
    expect(await sourceCell(CITY, COOP).innerText()).toBe('¥6,000,000.00');
    const [balances] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-balances').click()]);
    expect(balances.suggestedFilename()).toBe(`账户余额表-${shanghai.getUTCFullYear()}.xlsx`);
    await page.goto('/funds/ledger?pageSize=10');
    const journal = page.getByTestId('journal-table');
    await expect.poll(() => journal.locator('tbody tr.ant-table-row').count()).toBe(10);
    await journal.locator('.ant-pagination-item-2').click();
    await expect.poll(() => page.url()).toContain('page=2');
    await expect.poll(() => journal.locator('tbody tr.ant-table-row').count()).toBe(1); // the demo's eleven entries
    await journal.locator('tbody tr.ant-table-row').first().locator('.ant-table-row-expand-icon').click();
    await journal.getByTestId('entry-lines').getByText('镇专户-市失保基金').waitFor();
    await screenshot(page, '110-funds-ledger');
    await journal.locator('.ant-pagination').scrollIntoViewIfNeeded();
    await screenshot(page, '110b-journal-page-2', { fullPage: false });
    await page.getByRole('tab', { name: '账户余额' }).click();
    await pickText(page, page.getByRole('combobox', { name: '账户类别' }), '镇专户（分户）');
    await page.getByTestId('accounts-table').getByText('镇专户-市失保基金').waitFor();
    await expect.poll(() => page.getByTestId('accounts-table').locator('tbody tr.ant-table-row').count()).toBe(4);
  });

  test('收款: a receipt goes into the special account and the source’s received figure rises', async () => {
    await openMenu(page, '经费管理', '收款');
    await page.getByTestId('receipt-create').click();
    const form = page.getByTestId('receipt-form');
    expect(await form.getByTestId('receipt-payee').inputValue()).toBe('镇专户（按来源分户）');
    await form.getByText(/R20：市、区资金只能进入镇专户/).waitFor();
    await fillReceipt(RECEIPT_NO);
    await form.waitFor({ state: 'detached' });
    await expect.poll(() => sourceCell(CITY, RECEIVED).innerText()).toBe('¥7,000,000.00');
    expect(await sourceCell(CITY, SPECIAL).innerText()).toBe('¥1,000,000.00');
    await page.getByTestId('journal-table').getByText(RECEIPT_NO).waitFor();
  });

  test('the same receipt number again is refused under its box, in Chinese, and nothing is posted', async () => {
    await page.getByTestId('receipt-create').click();
    await fillReceipt(RECEIPT_NO);
    const form = page.getByTestId('receipt-form');
    const item = form.locator('.ant-form-item-has-error', { hasText: '到账凭证号' });
    await item.getByText(`到账凭证号“${RECEIPT_NO}”已登记过。同一笔到账不能重复记账；如登记有误，请先冲销原凭证。`).waitFor();
    await screenshot(page, '111-receipt-duplicate', { fullPage: false });
    await form.getByRole('button', { name: '取消' }).click();
    expect(await sourceCell(CITY, RECEIVED).innerText()).toBe('¥7,000,000.00');
  });

  test('拨付: part of it to a coop, the sub-account’s balance shown; more than it holds is refused', async () => {
    await openMenu(page, '经费管理', '拨付');
    await page.getByTestId('allocation-create').click();
    const form = page.getByTestId('allocation-form');
    await pick(page, form.getByRole('combobox', { name: '资金来源' }), '市失保基金');
    await pick(page, form.getByRole('combobox', { name: '服务社' }), '松江区小昆山社会协管服务社');
    await form.getByTestId('alloc-balance').getByText('镇专户该来源分户现有余额 ¥1,000,000.00').waitFor();
    await form.getByLabel('拨款审批单号').fill('E2E-BF-01');
    await form.getByLabel('金额（元）').fill('1500000');
    await form.getByRole('button', { name: '拨付' }).click();
    await form.locator('.ant-form-item-has-error', { hasText: '金额（元）' }).getByText(/分户余额 ¥1,000,000\.00，不足以拨付 ¥1,500,000\.00/).waitFor();
    await form.getByLabel('金额（元）').fill('400000');
    await screenshot(page, '112-allocation', { fullPage: false });
    await form.getByRole('button', { name: '拨付' }).click();
    await form.waitFor({ state: 'detached' });
    await expect.poll(() => sourceCell(CITY, SPECIAL).innerText()).toBe('¥600,000.00');
    expect(await sourceCell(CITY, COOP).innerText()).toBe('¥6,400,000.00');
    await page.getByTestId('journal-table').getByText('E2E-BF-01').waitFor();
    await screenshot(page, '113-allocations');
  });

  test('月末结账: last month is closed and marked', async () => {
    await openMenu(page, '经费管理', '专户台账');
    await page.getByTestId('period-close').click();
    const form = page.getByTestId('close-form');
    await form.getByRole('button', { name: '结账' }).click();
    await form.waitFor({ state: 'detached' });
    await page.getByText(`已结账至 ${LAST_MONTH_TEXT}`).waitFor();
  });
});

describe('budget and shortfall (#8 part 4, R18, R22)', () => {
  test('a lower expected receipt opens a shortfall; a higher one shrinks it by as much', async () => {
    await openMenu(page, '经费管理', '预算');
    await page.getByTestId('budget-figures').getByText('¥0.00').first().waitFor(); // the demo's expected money covers the plan
    await expect.poll(() => page.getByTestId(`expected-${CITY}`).locator('td').nth(2).innerText()).toBe('¥7,000,000.00');
    await setExpected('2000000');
    const opened = await yuanOf('budget-shortfallFen');
    expect(opened).toBeGreaterThan(0);
    await setExpected('3000000');
    await expect.poll(() => yuanOf('budget-shortfallFen')).toBe(opened - 1_000_000);
    await expect.poll(() => page.getByTestId('personnel-table').locator('tbody tr.ant-table-row').count()).toBe(10);
    await screenshot(page, '114-budget');

    await openMenu(page, '经费管理', '缺额');
    await expect.poll(() => yuanOf('budget-shortfallFen')).toBe(opened - 1_000_000);
    expect(await page.getByTestId(`shortfall-${CITY}`).innerText()).toContain('¥7,000,000.00');
    // The months as a chart (ECharts, loaded with this page) above the same figures as a table.
    await page.getByTestId('months-chart').locator('canvas').first().waitFor();
    await screenshot(page, '115-shortfall');
  });

  test('a coop applies for uniforms; the leader finds it in the to-dos and approves it into the budget', async () => {
    await signOut(page);
    await signIn(page, 'coop1');
    await openMenu(page, '经费管理', '预算');
    await page.getByTestId('application-create').click();
    const form = page.getByTestId('application-form');
    await pick(page, form.getByRole('combobox', { name: '类别' }), '服装装备');
    await form.getByLabel('金额（元）').fill('12000');
    await form.getByLabel('用途说明').fill('夏季制服 40 套 × 300 元（端到端测试）');
    await form.getByRole('button', { name: '提交申请' }).click();
    await form.waitFor({ state: 'detached' });
    await page.getByTestId('applications-table').getByText('待审批').waitFor();

    await signOut(page);
    await signIn(page, 'leader');
    await page.getByTestId('home-todos').getByText('1 项经费申请待领导小组审批（R18）。').waitFor();
    await openMenu(page, '经费管理', '预算');
    const table = page.getByTestId('applications-table');
    await table.getByTestId('application-approve').click();
    await page.locator('.ant-popover:visible').getByRole('button').last().click();
    await table.getByText('已批准').waitFor();
    await page.getByTestId('special-table').getByText(/夏季制服 40 套/).waitFor();
    await screenshot(page, '116-applications');
  });

  test('对账 and 专款专用 read as the leader sees them', async () => {
    await openMenu(page, '经费管理', '对账');
    await page.getByTestId('reconciliation-table').getByText(/本年尚无已审批的工资发放/).waitFor();
    await openMenu(page, '经费管理', '专款专用');
    await page.getByTestId('earmarks-table').getByRole('cell', { name: '助残协管', exact: true }).waitFor();
    expect(await page.getByTestId('earmark-create').count()).toBe(0);
    await screenshot(page, '117-earmarks');
  });
});
