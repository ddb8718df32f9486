// One check for every key-like field of the tab (mirror keys, config hosts, rewrite
// patterns): a draft is committed to the spec only when this says it is valid.
import { checkRegistryKey } from './engine';

export type KeyKind = 'mirror' | 'config' | 'pattern';

type Tr = (key: string, args?: Record<string, unknown>) => string;

const REQUIRED: Record<KeyKind, string> = {
  mirror:  'registryMirrors.mirrors.keyRequired',
  config:  'registryMirrors.configs.hostRequired',
  pattern: 'registryMirrors.rewrites.patternRequired',
};
const DUPLICATE: Record<KeyKind, string> = {
  mirror:  'registryMirrors.mirrors.keyDuplicate',
  config:  'registryMirrors.configs.hostDuplicate',
  pattern: 'registryMirrors.rewrites.patternDuplicate',
};

/**
 * Why `draft` cannot replace `current` among `taken` ('' when it can). Mirror keys and
 * config hosts are host[:port] (or *) as images name them; patterns carry no white space
 * at either end (an invisible trailing space never matches).
 */
export function keyProblem(kind: KeyKind, draft: string, current: string | undefined, taken: readonly string[], tr: Tr): string {
  if (draft === current) {
    return '';
  }
  if (draft.trim() === '') {
    return tr(REQUIRED[kind]);
  }
  if (taken.includes(draft)) {
    return tr(DUPLICATE[kind]);
  }
  if (kind === 'pattern') {
    // a pattern that is not RE2 is committed: the engine flags it (REWRITE_INVALID) at its row
    return draft !== draft.trim() ? tr('registryMirrors.keys.patternSpaces') : '';
  }
  if (kind === 'mirror' && draft === '*') {
    return '';
  }
  if (draft !== draft.toLowerCase()) {
    return tr('registryMirrors.keys.upperCase', { lower: draft.toLowerCase() });
  }
  const bad = checkRegistryKey(draft);

  return bad ? tr('registryMirrors.keys.invalid', { problem: bad }) : '';
}
