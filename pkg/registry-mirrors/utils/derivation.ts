// Whether the tab's derived state (compile, findings, panels) lags behind an edit: true from
// the first keystroke of an edit until typing pauses and the edit is derived (utils/settle.ts).
// One reactive object that the tab hands down unchanged: the parts that show "updating…"
// (the status banner, the route preview, the tool panels) read the flag themselves, so that
// the first keystroke of an edit re-renders them and not the whole tab.
import { reactive } from 'vue';

export interface Derivation {
  updating: boolean;
}

export function derivation(): Derivation {
  return reactive({ updating: false });
}
