import type { Locator, Page } from 'playwright-core';

// Driving the console's own controls (antd menu and selects) the way a user does.

const menuItem = (page: Page, name: string) => page.getByTestId('side-menu').getByRole('menuitem', { name: new RegExp(`(^|\\s)${name}$`) });

/** Opens a page from the left menu, unfolding its group first when needed. */
export async function openMenu(page: Page, group: string, item: string): Promise<void> {
  if (!(await menuItem(page, item).isVisible())) await menuItem(page, group).click();
  await menuItem(page, item).click();
}

/** An option of the open antd Select, by its title (the option's full text). */
export const option = (page: Page, title: string) => page.locator(`.ant-select-dropdown:visible .ant-select-item-option[title="${title}"]`);

/**
 * Picks an option of an antd Select by its title; `search` is typed first into searchable selects,
 * whose lists are virtual (only the first few options are in the DOM).
 */
export async function pick(page: Page, combobox: Locator, title: string, search?: string): Promise<void> {
  await combobox.click();
  if (search) await combobox.fill(search);
  await option(page, title).click();
}

/** Picks an option of an antd Select by the text it shows (options without a title). */
export async function pickText(page: Page, combobox: Locator, text: string, search?: string): Promise<void> {
  await combobox.click();
  if (search) await combobox.fill(search);
  await page.locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: text }).first().click();
}
