import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';

const repoRoot = join(__dirname, '..', '..');

/**
 * Lints `code` as if it were the file at `relativePath`, with the project's real ESLint config,
 * by running the ESLint CLI (its flat config is an ES module, which Jest's sandbox cannot load).
 */
async function boundaryMessages(relativePath: string, code: string): Promise<string[]> {
  const eslint = join(repoRoot, 'node_modules', 'eslint', 'bin', 'eslint.js');
  const run = promisify(execFile)(process.execPath, [eslint, '--stdin', '--stdin-filename', relativePath, '--format', 'json'], {
    cwd: repoRoot,
  });
  run.child.stdin?.end(code);
  // ESLint exits 1 when it reports errors; its JSON report is on stdout either way.
  const { stdout } = await run.catch((error: { stdout?: string }) => ({ stdout: error.stdout ?? '[]' }));
  const [result] = JSON.parse(stdout) as { messages: { ruleId: string; message: string }[] }[];
  return result.messages.filter((m) => m.ruleId === 'latchkey/library-boundaries').map((m) => m.message);
}

describe('the library-boundaries lint rule (project config)', () => {
  jest.setTimeout(30_000);

  it('rejects a deep alias import into another library', async () => {
    const messages = await boundaryMessages(
      'libs/credentials/src/probe.ts',
      "import { x } from '@latchkey/organizations/src/internal/thing';\nexport const y = x;\n",
    );
    expect(messages).toEqual([expect.stringContaining("import from '@latchkey/organizations' instead")]);
  });

  it('rejects a relative import that reaches into another library', async () => {
    const messages = await boundaryMessages(
      'libs/credentials/src/use-case/probe.ts',
      "import { x } from '../../../organizations/src/apps/app.decider';\nexport const y = x;\n",
    );
    expect(messages).toEqual([expect.stringContaining('reaches into libs/organizations by a relative path')]);
  });

  it('rejects an app reaching into a library by a relative path', async () => {
    const messages = await boundaryMessages('apps/api/src/probe.ts', "export * from '../../../libs/keys/src/key-ring';\n");
    expect(messages).toHaveLength(1);
  });

  it('accepts barrels, own relative imports and the testing entry in tests', async () => {
    expect(
      await boundaryMessages(
        'libs/credentials/src/use-case/probe.ts',
        "import { OrganizationsModule } from '@latchkey/organizations';\nimport { z } from '../other/z';\nexport const y = [OrganizationsModule, z];\n",
      ),
    ).toEqual([]);
    expect(
      await boundaryMessages(
        'libs/credentials/src/probe.spec.ts',
        "import { eventually } from '@latchkey/event-store/testing';\nexport const y = eventually;\n",
      ),
    ).toEqual([]);
    expect(
      await boundaryMessages(
        'libs/credentials/src/probe.ts',
        "import { eventually } from '@latchkey/event-store/testing';\nexport const y = eventually;\n",
      ),
    ).toHaveLength(1);
  });

  it('rejects an import against the dependency direction, type-only imports included', async () => {
    const messages = await boundaryMessages(
      'libs/identity/src/probe.ts',
      "import type { MemberRemovedIntegrationEvent } from '@latchkey/organizations';\nexport type Y = MemberRemovedIntegrationEvent;\n",
    );
    expect(messages).toEqual([expect.stringContaining('identity may not import @latchkey/organizations')]);
    expect(
      await boundaryMessages(
        'libs/building-blocks/src/probe.ts',
        "import { EVENT_STORE } from '@latchkey/event-store';\nexport const y = EVENT_STORE;\n",
      ),
    ).toEqual([expect.stringContaining('building-blocks may not import @latchkey/event-store')]);
  });

  it('accepts an import along the direction', async () => {
    expect(
      await boundaryMessages(
        'libs/organizations/src/probe.ts',
        "import { DeactivateUserCommand } from '@latchkey/identity';\nexport const y = DeactivateUserCommand;\n",
      ),
    ).toEqual([]);
  });

  it('refuses a library missing from the dependency map', async () => {
    const messages = await boundaryMessages(
      'libs/newcomer/src/probe.ts',
      "import { Clock } from '@latchkey/building-blocks';\nexport const y = Clock;\n",
    );
    expect(messages).toEqual([expect.stringContaining('newcomer is not in the dependency map')]);
  });
});
