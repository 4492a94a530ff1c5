/**
 * (account, client address) pairs that logged in successfully, for `ttlMs`. Bounded like the
 * failure windows: past `maxKeys` the oldest pair is forgotten.
 */
export class KnownAddresses {
  private readonly pairs = new Map<string, number>();

  constructor(
    private readonly ttlMs: number,
    private readonly maxKeys: number,
  ) {}

  remember(pair: string, now: number): void {
    this.pairs.delete(pair);
    this.pairs.set(pair, now + this.ttlMs);
    if (this.pairs.size > this.maxKeys) this.pairs.delete(this.pairs.keys().next().value!);
  }

  has(pair: string, now: number): boolean {
    const until = this.pairs.get(pair);
    if (until === undefined) return false;
    if (until > now) return true;
    this.pairs.delete(pair);
    return false;
  }
}
