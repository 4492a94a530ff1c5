import { openReadModelDb } from '@latchkey/event-store';
import { BatchRows } from './batch-rows';

describe('BatchRows', () => {
  const db = openReadModelDb(':memory:');
  db.exec("CREATE TABLE t (k TEXT PRIMARY KEY, v TEXT); INSERT INTO t VALUES ('b', 'stored')");
  const rowsOf = (limit?: number) => new BatchRows<{ v: string }>('SELECT v FROM t WHERE k = ?', limit);

  it('reads a row once, then keeps it as the batch changes it', () => {
    const rows = rowsOf();
    const row = rows.of(db, 'b')!;
    row.v = 'changed';
    expect(rows.of(db, 'b')).toEqual({ v: 'changed' });
    expect(rows.of(db, 'missing')).toBeNull();
  });

  it('hands its rows over in key order', () => {
    const rows = rowsOf();
    for (const k of ['c', 'a', 'b']) rows.set(k, { v: k });
    rows.set('a', null);
    expect(rows.inKeyOrder()).toEqual([
      ['a', null],
      ['b', { v: 'b' }],
      ['c', { v: 'c' }],
    ]);
  });

  it('holds its rows only while building from zero, and only up to its limit', () => {
    const rows = rowsOf(2);
    rows.set('a', { v: 'a' });
    expect(rows.holding).toBe(false);
    rows.beginBuild();
    expect(rows.holding).toBe(true);
    rows.set('b', { v: 'b' });
    expect(rows.holding).toBe(false);
    rows.clear();
    expect(rows.holding).toBe(true);
    rows.endBuild();
    expect(rows.holding).toBe(false);
  });
});
