// Retrying assertions on playwright-core locators (playwright-core has no `expect`).
import { eventually } from './harness-page.mjs';

const T = 5000;

function show(x) {
  return x instanceof RegExp ? String(x) : JSON.stringify(x);
}

function matches(actual, expected) {
  return expected instanceof RegExp ? expected.test(actual) : actual === expected;
}

export async function visible(locator, what, timeout = T) {
  try {
    await locator.first().waitFor({ state: 'visible', timeout });
  } catch {
    throw new Error(`not visible: ${ what }`);
  }
}

export async function hidden(locator, what, timeout = T) {
  await eventually(async() => {
    const n = await locator.count();

    for (let i = 0; i < n; i++) {
      if (await locator.nth(i).isVisible()) {
        throw new Error(`still visible: ${ what }`);
      }
    }
  }, { timeout });
}

export async function count(locator, n, what, timeout = T) {
  await eventually(async() => {
    const c = await locator.count();

    if (c !== n) {
      throw new Error(`${ what }: expected ${ n }, found ${ c }`);
    }
  }, { timeout });
}

/** The element's normalised text contains/matches `expected`. */
export async function text(locator, expected, what, timeout = T) {
  await eventually(async() => {
    const t = ((await locator.first().textContent({ timeout: 1000 })) || '').replace(/\s+/g, ' ').trim();
    const ok = expected instanceof RegExp ? expected.test(t) : t.includes(expected);

    if (!ok) {
      throw new Error(`${ what }: expected text ${ show(expected) }, got ${ JSON.stringify(t) }`);
    }
  }, { timeout });
}

export async function value(locator, expected, what, timeout = T) {
  await eventually(async() => {
    const v = await locator.first().inputValue({ timeout: 1000 });

    if (!matches(v, expected)) {
      throw new Error(`${ what }: expected value ${ show(expected) }, got ${ JSON.stringify(v) }`);
    }
  }, { timeout });
}

export async function attr(locator, name, expected, what, timeout = T) {
  await eventually(async() => {
    const v = await locator.first().getAttribute(name, { timeout: 1000 });

    if (!matches(v ?? '', expected)) {
      throw new Error(`${ what }: expected ${ name }=${ show(expected) }, got ${ JSON.stringify(v) }`);
    }
  }, { timeout });
}

export async function disabled(locator, what, expected = true, timeout = T) {
  await eventually(async() => {
    const d = await locator.first().isDisabled({ timeout: 1000 });

    if (d !== expected) {
      throw new Error(`${ what }: expected ${ expected ? 'disabled' : 'enabled' }`);
    }
  }, { timeout });
}

export function equal(actual, expected, what) {
  const a = JSON.stringify(actual);
  const e = JSON.stringify(expected);

  if (a !== e) {
    throw new Error(`${ what }:\n  expected ${ e }\n  got      ${ a }`);
  }
}

export function ok(cond, what) {
  if (!cond) {
    throw new Error(what);
  }
}

/** Retry `fn` (which asserts) until it passes. */
export function poll(fn, timeout = T) {
  return eventually(fn, { timeout });
}
