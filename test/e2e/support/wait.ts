import type { Locator } from 'playwright-core';
import { expect } from 'vitest';

// Waiting assertions for playwright-core locators under vitest (playwright-core ships no test matchers).

const opts = (timeout = 10_000) => ({ timeout, interval: 100 });

export async function waitForText(locator: Locator, expected: string | RegExp, timeout?: number): Promise<void> {
  const read = async () => ((await locator.count()) > 0 ? ((await locator.first().textContent()) ?? '') : '');
  if (typeof expected === 'string') await expect.poll(read, opts(timeout)).toContain(expected);
  else await expect.poll(read, opts(timeout)).toMatch(expected);
}

export async function waitForAttribute(
  locator: Locator,
  name: string,
  expected: string | RegExp,
  timeout?: number,
): Promise<void> {
  const read = async () => ((await locator.count()) > 0 ? ((await locator.first().getAttribute(name)) ?? '') : '');
  if (typeof expected === 'string') await expect.poll(read, opts(timeout)).toBe(expected);
  else await expect.poll(read, opts(timeout)).toMatch(expected);
}

export async function waitForValue(locator: Locator, expected: string, timeout?: number): Promise<void> {
  await expect.poll(() => locator.inputValue(), opts(timeout)).toBe(expected);
}

export async function waitForCount(locator: Locator, expected: number, timeout?: number): Promise<void> {
  await expect.poll(() => locator.count(), opts(timeout)).toBe(expected);
}
