/**
 * Child process of the process test: Latchkey's real entry point, which on SIGUSR2 prints the
 * packages it has loaded (one `loaded-packages: […]` line), so a test can see what a configuration
 * pulls into the server's memory.
 */
import '../../apps/api/src/main';

process.on('SIGUSR2', () => {
  const packages = new Set(Object.keys(require.cache).flatMap((file) => /node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(file)?.[1] ?? []));
  process.stdout.write(`loaded-packages: ${JSON.stringify([...packages].sort())}\n`);
});
