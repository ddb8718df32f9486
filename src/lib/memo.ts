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
    // one lookup: a stored undefined is a miss, made again (fleet.ts: a cluster waiting for RE2)
    let v = this.map.get(key);
    if (v === undefined) {
      v = make();
      if (this.map.size >= this.max) this.map.clear();
      this.map.set(key, v);
    }
    return v as V;
  }
}

/** Objects the engine froze, with everything in them: they can never change. */
const sealed = new WeakSet<object>();

/** Freezes a plain value and everything in it. */
function deepFreeze<T>(v: T): T {
  if (typeof v === 'object' && v !== null && !sealed.has(v)) {
    Object.freeze(v);
    sealed.add(v);
    for (const x of Object.values(v)) deepFreeze(x);
  }
  return v;
}

/**
 * Freezes a value the engine made (a parsed document, a memoised entry) and everything in
 * it, and remembers that it did: memos may then key by the value's identity (isSealed).
 */
export function seal<T>(v: T): T {
  return deepFreeze(v);
}

/**
 * Whether the engine froze this object and everything in it (seal, Canonical): only then
 * may a memo take its identity for its content. An object frozen by anyone else may hold
 * a mutable object deeper down; a live object (the tab's model) changes in place.
 */
export function isSealed(v: unknown): v is object {
  return typeof v === 'object' && v !== null && sealed.has(v);
}

/**
 * One frozen copy per content: entries with the same JSON text become the same object,
 * so memos of what is derived from one entry (PerEntry) can key by identity. The copy is
 * the JSON text read back, so it holds exactly what the key says (no undefined fields)
 * and no caller can change it afterwards; a copy made here is returned as it is.
 */
export class Canonical<T extends object> {
  private readonly table: Memo<string, T>;
  private readonly made = new WeakSet<object>();
  constructor(max: number) {
    this.table = new Memo(max);
  }

  of(v: T): T {
    if (this.made.has(v)) return v;
    const key = JSON.stringify(v);
    return this.table.get(key, () => {
      const c = deepFreeze(JSON.parse(key) as T);
      this.made.add(c);
      return c;
    });
  }
}

/**
 * What is derived from one entry, per context (the other inputs, as a string): an edit of
 * one entry recomputes that entry only. Entries must not change after their first use –
 * give it Canonical objects. `fresh` re-checks inputs the context string does not hold
 * (other entries looked up by identity); a stale value is made again.
 */
export class PerEntry<E extends object, V> {
  private map = new WeakMap<E, Map<string, V>>();
  private generation = generation;
  /** contexts kept per entry (a few: the versions and options a view switches between) */
  constructor(private readonly perEntry = 8) {}

  get(entry: E, context: string, make: () => V, fresh?: (v: V) => boolean): V {
    if (this.generation !== generation) {
      this.map = new WeakMap();
      this.generation = generation;
    }
    let byContext = this.map.get(entry);
    if (!byContext) this.map.set(entry, (byContext = new Map()));
    let v = byContext.get(context);
    if (v === undefined || (fresh && !fresh(v))) {
      v = make();
      if (byContext.size >= this.perEntry) byContext.clear();
      byContext.set(context, v);
    }
    return v;
  }
}
