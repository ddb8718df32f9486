// Bounded memo tables for pure functions on the keystroke path: between two
// keystrokes almost every endpoint, pattern and hosts.toml text is unchanged.
export class Memo<K, V> {
  private map = new Map<K, V>();
  constructor(private readonly max: number) {}

  get(key: K, make: () => V): V {
    let v = this.map.get(key);
    if (v === undefined && !this.map.has(key)) {
      v = make();
      if (this.map.size >= this.max) this.map.clear();
      this.map.set(key, v);
    }
    return v as V;
  }
}
