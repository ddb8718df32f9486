// Bounded memo tables for pure functions on the keystroke path: between two
// keystrokes almost every endpoint, pattern and hosts.toml text is unchanged.
export class Memo<K, V> {
  private map = new Map<K, V>();
  constructor(private readonly max: number) {}

  get(key: K, make: () => V): V {
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
