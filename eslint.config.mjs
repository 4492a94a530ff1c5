import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import libraryBoundaries from './tools/eslint/library-boundaries.js';

const repoRoot = import.meta.dirname;

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'coverage/**', 'data/**', 'test-artifacts/**', '**/*.js', '!tools/eslint/*.js'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    plugins: { latchkey: { rules: { 'library-boundaries': libraryBoundaries } } },
    rules: {
      'latchkey/library-boundaries': ['error', { repoRoot }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    files: ['tools/eslint/*.js'],
    languageOptions: { sourceType: 'commonjs', globals: { require: 'readonly', module: 'writable', __dirname: 'readonly' } },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
);
