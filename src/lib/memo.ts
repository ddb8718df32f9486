// Bounded memo tables for pure functions on the keystroke path: between two
// keystrokes almost every endpoint, pattern and hosts.toml text is unchanged.

// Bumped by forgetMemos(); a table filled in an older generation starts empty again.
let generation = 0;

/**
 * Empties every memo table at once. For tests that must see each computation run,
 * not a value cached by an earlier test: mutation testing records which test runs
 * which line (test/mutation/fresh-modules.ts calls this before every test).
 */
export function forgetMemos(): void {
  generation++;
}

/** Changes with every forgetMemos(): a cache that is not a Memo compares it to start empty again. */
export function memoGeneration(): number {
  return generation;
}

export class Memo<K, V> {
  private map = new Map<K, V>();
  private generation = generation;
  constructor(private readonly max: number) {}

  get(key: K, make: () => V): V {
    if (this.generation !== generation) {
      this.map.clear();
      this.generation = generation;
    }
    // memoised values are never undefined, so one lookup tells a hit from a miss
    let v = this.map.get(key);
    if (v === undefined) {
      v = make();
      if (this.map.size >= this.max) this.map.clear();
      this.map.set(key, v);
    }
    return v as V;
  }
}
