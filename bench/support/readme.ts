import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot } from './processes';

/** `--write-readme` on the command line: the benchmark replaces its section of the README with this run's report. */
export const writeReadmeRequested = () => process.argv.includes('--write-readme');

/** Replaces the text between `<!-- bench:<name>:start -->` and `<!-- bench:<name>:end -->` in `README.md`. */
export function replaceReadmeSection(name: string, markdown: string, path = join(repoRoot, 'README.md')): void {
  const start = `<!-- bench:${name}:start -->`;
  const end = `<!-- bench:${name}:end -->`;
  const text = readFileSync(path, 'utf8');
  const from = text.indexOf(start);
  const to = text.indexOf(end);
  if (from < 0 || to < from) throw new Error(`README has no ${start} … ${end} markers`);
  writeFileSync(path, `${text.slice(0, from + start.length)}\n${markdown.trim()}\n${text.slice(to)}`);
}

/** Prints the report and, with `--write-readme`, puts it in the README. */
export function publish(name: string, markdown: string): void {
  process.stdout.write(`\n${markdown.trim()}\n`);
  if (writeReadmeRequested()) {
    replaceReadmeSection(name, markdown);
    process.stdout.write(`README section bench:${name} rewritten\n`);
  }
}
