export interface Result {
  scenario: string;
  /** sqlite target in events/s, if any. */
  target?: number;
  /** events/s of each run. */
  memory: number[];
  sqlite: number[];
}

const fmt = (n: number) => Math.round(n).toLocaleString('en-US');

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

/** Prints medians, the sqlite range and target verdicts; returns false when a target is missed. */
export function printTable(results: Result[]): boolean {
  const header = ['scenario', 'memory ev/s', 'sqlite ev/s', 'sqlite runs', 'sqlite/memory', 'sqlite target', 'result'];
  const rows = results.map((r) => {
    const sqlite = median(r.sqlite);
    const memory = median(r.memory);
    return [
      r.scenario,
      fmt(memory),
      fmt(sqlite),
      `${fmt(Math.min(...r.sqlite))}-${fmt(Math.max(...r.sqlite))}`,
      (sqlite / memory).toFixed(2),
      r.target === undefined ? '-' : `>= ${fmt(r.target)}`,
      r.target === undefined ? '-' : sqlite >= r.target ? 'PASS' : 'MISS',
    ];
  });
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((cells) => cells[i].length)));
  const line = (cells: string[]) => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  ');
  console.log(`\n${line(header)}\n${widths.map((w) => '-'.repeat(w)).join('  ')}`);
  for (const cells of rows) console.log(line(cells));
  console.log('(medians; "sqlite runs" is the min-max over the runs)\n');
  return rows.every((cells) => cells[6] !== 'MISS');
}

/** The table in docs/performance.md: medians per scenario, sqlite against memory, and the sqlite target's verdict. */
export function markdownTable(results: Result[]): string {
  const rows = results.map((r) => {
    const sqlite = median(r.sqlite);
    const memory = median(r.memory);
    const target = r.target === undefined ? '' : `≥ ${fmt(r.target)} ev/s (${sqlite >= r.target ? 'met' : 'missed'})`;
    return `| ${r.scenario} | ${fmt(memory)} ev/s | ${fmt(sqlite)} ev/s | ${(sqlite / memory).toFixed(2)} | ${target} |`;
  });
  return ['| scenario | memory | sqlite | sqlite / memory | target (sqlite) |', '|---|---|---|---|---|', ...rows].join('\n');
}
