/**
 * Summarizes a `.cpuprofile`: the functions with the most self time, and the inclusive time of the
 * frames whose name matches the patterns given (e.g. hooks, parsers, middleware). With
 * `REQUESTS=<requests answered while profiling>`, times are also given in µs per request.
 * `node -r @swc-node/register bench/support/profile-summary.ts server.cpuprofile [pattern…]`
 */
import { readFileSync } from 'node:fs';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}
interface Profile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

const [file, ...patterns] = process.argv.slice(2);
const profile = JSON.parse(readFileSync(file, 'utf8')) as Profile;
const byId = new Map(profile.nodes.map((n) => [n.id, n]));
const self = new Map<number, number>();
profile.samples.forEach((id, i) => self.set(id, (self.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0)));
const total = [...self.values()].reduce((a, b) => a + b, 0);

const label = (n: ProfileNode) => {
  const url = n.callFrame.url.replace(/^.*node_modules\//, '').replace(/^.*\/(dist|libs|apps)\//, '$1/');
  return `${n.callFrame.functionName || '(anonymous)'} ${url}:${n.callFrame.lineNumber + 1}`;
};
const requests = Number(process.env.REQUESTS ?? 0);
const pct = (t: number) => `${((100 * t) / total).toFixed(1).padStart(5)}%${requests ? ` ${(t / requests).toFixed(1).padStart(6)} µs` : ''}`;

const selfByLabel = new Map<string, number>();
for (const [id, t] of self) {
  const key = label(byId.get(id)!);
  selfByLabel.set(key, (selfByLabel.get(key) ?? 0) + t);
}
process.stdout.write(`total ${(total / 1e6).toFixed(1)} s sampled${requests ? `, ${requests} requests` : ''}\n\nself time:\n`);
for (const [key, t] of [...selfByLabel].sort((a, b) => b[1] - a[1]).slice(0, 40)) process.stdout.write(`${pct(t)}  ${key}\n`);

if (patterns.length) {
  // Inclusive time of the outermost frames matching each pattern (a frame nested in a match is not counted twice).
  const inclusive = (id: number): number => {
    const n = byId.get(id)!;
    return (self.get(id) ?? 0) + (n.children ?? []).reduce((s, c) => s + inclusive(c), 0);
  };
  process.stdout.write('\ninclusive time:\n');
  for (const pattern of patterns) {
    const re = new RegExp(pattern);
    const seen = new Map<string, number>();
    const walk = (id: number) => {
      const n = byId.get(id)!;
      const key = label(n);
      if (re.test(key)) {
        seen.set(key, (seen.get(key) ?? 0) + inclusive(id));
        return;
      }
      for (const c of n.children ?? []) walk(c);
    };
    walk(profile.nodes[0].id);
    for (const [key, t] of [...seen].sort((a, b) => b[1] - a[1]).slice(0, 8)) process.stdout.write(`${pct(t)}  ${key}   [${pattern}]\n`);
  }
}
