import { TurnBatch } from './turn-batch';

const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

describe('TurnBatch', () => {
  it('runs the inputs of one turn back to back in its check phase, then settles them', async () => {
    const events: string[] = [];
    const batch = new TurnBatch((n: number) => {
      events.push(`work ${n}`);
      return n * 2;
    });
    const answers = [1, 2, 3].map((n) => batch.run(n).then((doubled) => events.push(`answer ${doubled}`)));
    await Promise.resolve();
    expect(events).toEqual([]);
    await Promise.all(answers);
    expect(events).toEqual(['work 1', 'work 2', 'work 3', 'answer 2', 'answer 4', 'answer 6']);
  });

  it('starts a new batch for the next turn', async () => {
    const batches: number[][] = [];
    let current: number[] = [];
    const batch = new TurnBatch((n: number) => current.push(n));
    const close = () => {
      batches.push(current);
      current = [];
    };
    await Promise.all([batch.run(1), batch.run(2)]);
    close();
    await Promise.all([batch.run(3)]);
    close();
    expect(batches).toEqual([[1, 2], [3]]);
  });

  it('rejects only the input whose work threw', async () => {
    const batch = new TurnBatch((n: number) => {
      if (n === 2) throw new Error('no key for 2');
      return n;
    });
    const results = await Promise.allSettled([batch.run(1), batch.run(2), batch.run(3)]);
    expect(results).toEqual([
      { status: 'fulfilled', value: 1 },
      { status: 'rejected', reason: new Error('no key for 2') },
      { status: 'fulfilled', value: 3 },
    ]);
  });

  it('runs a full batch at once, without waiting for the check phase', async () => {
    const done: number[] = [];
    const batch = new TurnBatch((n: number) => done.push(n), 3);
    void batch.run(1);
    void batch.run(2);
    expect(done).toEqual([]);
    void batch.run(3);
    expect(done).toEqual([1, 2, 3]);
    const fourth = batch.run(4);
    expect(done).toEqual([1, 2, 3]);
    await nextTurn();
    expect(done).toEqual([1, 2, 3, 4]);
    await fourth;
  });

  it('refuses a batch of no inputs', () => {
    expect(() => new TurnBatch(() => 0, 0)).toThrow('A batch holds at least one input');
  });
});
