// Field-local findings: what a field refuses (a draft key that is not applied) or
// works out for itself (a card's "Try an image"). Fields report them here so that
// the tab's status banner counts every error and warning on the page.
import type { Finding } from './engine';

export const PAGE_FINDINGS_KEY = 'registryMirrorsPageFindings';

/** Code of a draft the field refuses: the spec keeps the value it had. */
export const DRAFT_NOT_APPLIED = 'DRAFT_NOT_APPLIED';

export interface PageFindings {
  /** replaces what the field `id` reports (an empty list or null clears it) */
  report(id: string, findings: Finding[] | null): void;
}

/** A no-op board for components mounted outside the tab. */
export const NO_PAGE_FINDINGS: PageFindings = { report() { /* outside the tab: nobody collects field findings */ } };

export function draftFinding(path: Array<string | number>, message: string, fix: string): Finding {
  return {
    code: DRAFT_NOT_APPLIED, severity: 'error', path, message, fix
  };
}
