/**
 * A memo table that forgets everything once it holds `limit` entries. Reports repeat the same
 * few hundred texts, so a memo pays off; hostile or endless input must not grow it without bound.
 */
export class BoundedMap<K, V> extends Map<K, V> {
  constructor(private readonly limit: number) {
    super();
  }

  override set(key: K, value: V): this {
    if (this.size >= this.limit) this.clear();
    return super.set(key, value);
  }
}
