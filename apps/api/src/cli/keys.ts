import { type Environment } from '@latchkey/building-blocks';
import { KeyRing, type KeyPurpose } from '@latchkey/keys';
import { ConfigError, loadConfig } from '../config/app-config';

const USAGE = `Usage: keys <command>
  list                                   show every key: kid, environment, purpose, status, created
  rotate [--environment production|sandbox] [--purpose credential|access_token]
                                         make new keys active; the old ones keep verifying what they signed
  retire <kid>                           stop a previous key verifying anything (its tokens are refused)

Reads KEYS_FILE, or keys.json in DATA_DIR. A running Latchkey picks the change up within a second.`;

function option(args: string[], name: string): string | undefined {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
}

function main(args: string[]): number {
  const config = loadConfig();
  if (!config.keysFile) {
    process.stderr.write('The memory store keeps keys in memory only; there is no key ring file to manage.\n');
    return 2;
  }
  const ring = new KeyRing(config.keysFile);
  const [command, ...rest] = args;
  switch (command) {
    case 'list':
      for (const k of ring.list()) process.stdout.write(`${k.kid}\t${k.environment}\t${k.purpose}\t${k.status}\t${k.createdAt}\n`);
      return 0;
    case 'rotate': {
      const environment = option(rest, '--environment') as Environment | undefined;
      const purpose = option(rest, '--purpose') as KeyPurpose | undefined;
      if (environment && !['production', 'sandbox'].includes(environment)) break;
      if (purpose && !['credential', 'access_token'].includes(purpose)) break;
      const created = ring.rotate(environment ? [environment] : undefined, purpose ? [purpose] : undefined);
      process.stdout.write(`New active keys: ${created.join(', ')}\n`);
      return 0;
    }
    case 'retire':
      if (!rest[0]) break;
      ring.retire(rest[0]);
      process.stdout.write(`Retired ${rest[0]}\n`);
      return 0;
  }
  process.stderr.write(`${USAGE}\n`);
  return 2;
}

try {
  process.exitCode = main(process.argv.slice(2));
} catch (error) {
  process.stderr.write(`${error instanceof ConfigError || error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
}
