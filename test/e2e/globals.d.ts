// What the pages under test expose to the browser suite (page.evaluate callbacks run
// in the page, so they see these globals).
interface Window {
  /** the standalone page's live model (harness/src/App.vue) */
  __harness: any;
  /** the bundle host page's record of what the extension registered (bundle-host/) */
  __bundle: any;
  /** the bundle check's outcome (harness/tools/check-bundle.mjs) */
  __result: any;
  /** axe-core, injected into the page by test/e2e/lib/axe.mjs */
  axe: any;
}
declare const axe: any;
