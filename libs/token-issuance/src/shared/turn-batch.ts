interface Pending<I, O> {
  input: I;
  resolve: (output: O) => void;
  reject: (error: unknown) => void;
}

/**
 * Runs `work` for the inputs gathered during one turn of the event loop, back to back, in the
 * turn's check phase (setImmediate), and only then settles their promises.
 *
 * Under load the loop reads the requests of many connections in one poll phase. Done this way,
 * their signatures are made one after the other (the curve's tables stay in the CPU's caches) and
 * their answers are written together after them, so the kernel wakes the clients once per burst
 * instead of once per answer. On an idle server a request waits for nothing: the check phase
 * follows the poll phase of the same turn.
 *
 * A batch holds at most `maxBatch` inputs: the one that fills it runs the batch at once.
 */
export class TurnBatch<I, O> {
  private pending: Pending<I, O>[] = [];

  constructor(
    private readonly work: (input: I) => O,
    readonly maxBatch = 256,
  ) {
    if (maxBatch < 1) throw new Error('A batch holds at least one input');
  }

  run(input: I): Promise<O> {
    return new Promise<O>((resolve, reject) => {
      this.pending.push({ input, resolve, reject });
      if (this.pending.length >= this.maxBatch) this.flush();
      else if (this.pending.length === 1) setImmediate(this.flush);
    });
  }

  private readonly flush = (): void => {
    const batch = this.pending;
    if (batch.length === 0) return;
    this.pending = [];
    for (const { input, resolve, reject } of batch) {
      try {
        resolve(this.work(input));
      } catch (error) {
        reject(error);
      }
    }
  };
}
