#!/usr/bin/env node
'use strict';
// The operator command: the compiled file when the project is built (the image), else the source through @swc-node/register (a checkout).
const { existsSync } = require('node:fs');
const { join } = require('node:path');

const root = join(__dirname, '..');
const compiled = join(root, 'dist/apps/api/src/cli/latchkey.js');
if (existsSync(compiled)) {
  require(compiled);
} else {
  // The project's tsconfig (path aliases) without leaving the caller's directory: relative paths stay the operator's.
  process.env.SWC_NODE_PROJECT ??= join(root, 'tsconfig.json');
  require('@swc-node/register');
  require(join(root, 'apps/api/src/cli/latchkey.ts'));
}
