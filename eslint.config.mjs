import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import libraryBoundaries from './tools/eslint/library-boundaries.js';

const repoRoot = import.meta.dirname;

/**
 * The direction between libraries: each may import only those listed (type-only imports too).
 * building-blocks ← event-store ← identity ← organizations ← credentials ← token-issuance ←
 * platform-api; keys sits beside identity, on the kernel and the event store only; audit reads the
 * events of identity, organizations and credentials, and nothing imports it; webhooks too (and
 * seals its secrets with keys), and nothing imports it.
 */
const base = ['building-blocks', 'event-store'];
const dependencies = {
  'building-blocks': [],
  'event-store': ['building-blocks'],
  keys: base,
  identity: base,
  organizations: [...base, 'identity'],
  credentials: [...base, 'keys', 'identity', 'organizations'],
  'token-issuance': [...base, 'keys', 'identity', 'organizations', 'credentials'],
  'platform-api': [...base, 'keys', 'identity', 'organizations', 'credentials', 'token-issuance'],
  audit: [...base, 'identity', 'organizations', 'credentials'],
  webhooks: [...base, 'keys', 'identity', 'organizations', 'credentials'],
};

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'coverage/**', 'data/**', 'test-artifacts/**', '**/*.js', '!tools/eslint/*.js'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    plugins: { latchkey: { rules: { 'library-boundaries': libraryBoundaries } } },
    rules: {
      'latchkey/library-boundaries': ['error', { repoRoot, dependencies }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    files: ['tools/eslint/*.js'],
    languageOptions: { sourceType: 'commonjs', globals: { require: 'readonly', module: 'writable', __dirname: 'readonly' } },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
);
