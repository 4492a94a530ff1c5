import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot } from './processes';

/** Where the benchmarks' figures are published: the README links to it. */
export const FIGURES_DOC = join(repoRoot, 'docs', 'performance.md');

/** `--write-docs` on the command line: the benchmark replaces its table in docs/performance.md with this run's report. */
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

/** Prints the report and, with `--write-docs`, puts it in docs/performance.md. */
export function publish(name: string, markdown: string): void {
  process.stdout.write(`\n${markdown.trim()}\n`);
  if (writeDocsRequested()) {
    replaceFiguresSection(name, markdown);
    process.stdout.write(`docs/performance.md section bench:${name} rewritten\n`);
  }
}
