import { openReadModelDb } from './read-model-db';

describe('openReadModelDb', () => {
  it('compiles each distinct SQL text once and reuses the statement', () => {
    const db = openReadModelDb(':memory:');
    db.exec('CREATE TABLE t (n INTEGER)');
    const insert = db.prepare('INSERT INTO t (n) VALUES (?)');
    expect(db.prepare('INSERT INTO t (n) VALUES (?)')).toBe(insert);
    for (let i = 0; i < 3; i++) db.prepare('INSERT INTO t (n) VALUES (?)').run(i);
    expect(db.prepare('SELECT count(*) AS c FROM t').get()).toEqual({ c: 3 });
    expect(db.prepare('SELECT count(*) AS c FROM t')).not.toBe(insert);
    db.close();
  });
});
