import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot } from './processes';
import { commitLabel } from './run-info';

/** Where the benchmarks' figures are published: the README links to it. */
export const FIGURES_DOC = join(repoRoot, 'docs', 'performance.md');
/** The README's headline figures: one line per benchmark, between the same markers. */
export const README = join(repoRoot, 'README.md');

/** `--write-docs` on the command line: the benchmark replaces its table in docs/performance.md (and its line in the README) with this run's. */
export const writeDocsRequested = () => process.argv.includes('--write-docs');

/** Replaces the text between `<!-- bench:<name>:start -->` and `<!-- bench:<name>:end -->` in `path`. */
export function replaceFiguresSection(name: string, markdown: string, path = FIGURES_DOC): void {
  const start = `<!-- bench:${name}:start -->`;
  const end = `<!-- bench:${name}:end -->`;
  const text = readFileSync(path, 'utf8');
  const from = text.indexOf(start);
  const to = text.indexOf(end);
  if (from < 0 || to < from) throw new Error(`${path} has no ${start} … ${end} markers`);
  writeFileSync(path, `${text.slice(0, from + start.length)}\n${markdown.trim()}\n${text.slice(to)}`);
}

/**
 * Prints the report and, with `--write-docs`, puts it in docs/performance.md, and `readmeLine` (the
 * benchmark's headline figure, with the run's date and commit) in the README.
 */
export function publish(name: string, markdown: string, readmeLine?: string): void {
  process.stdout.write(`\n${markdown.trim()}\n`);
  if (writeDocsRequested()) {
    replaceFiguresSection(name, markdown);
    process.stdout.write(`docs/performance.md section bench:${name} rewritten\n`);
    if (readmeLine) {
      replaceFiguresSection(name, readmeLine, README);
      process.stdout.write(`README.md line bench:${name} rewritten\n`);
    }
  }
}

/** The date and commit of a run, for a README line. */
export const runLabel = (started: Date): string => `${started.toISOString().slice(0, 10)}, ${commitLabel()}`;
