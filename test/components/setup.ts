import { SETTLE } from '@pkg/utils/settle';

// happy-dom lacks a few browser APIs the shell components touch.
if (!globalThis.ResizeObserver) {
  globalThis.ResizeObserver = class {
    observe() {}
    unobserve() {}
    disconnect() {}
  };
}
if (!window.matchMedia) {
  window.matchMedia = () => ({
    matches: false, addListener() {}, removeListener() {}, addEventListener() {}, removeEventListener() {}
  }) as unknown as MediaQueryList;
}

// The tab derives findings and panels once edits pause (utils/settle.ts). Component tests
// read the page right after each edit: derive at once here; test/components/settle.test.ts
// covers the paused path with a delay.
SETTLE.delayMs = 0;
