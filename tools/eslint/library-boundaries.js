'use strict';
/**
 * ESLint rule: a library is entered only through its barrel, and only in the allowed direction.
 *  - `@latchkey/<lib>/anything` is a deep import (only `@latchkey/<lib>` and, in tests,
 *    `@latchkey/<lib>/testing` are allowed);
 *  - a relative import that leaves the importing library (or app) and lands inside another one is
 *    a deep import too;
 *  - with the `dependencies` option (library → the libraries it may import), importing any other
 *    library is refused, type-only imports included: the library graph stays acyclic.
 */
const path = require('node:path');

const ROOTS = ['libs', 'apps'];

/** "libs/identity" for a file under libs/identity/, or null outside libs/ and apps/. */
function unitOf(file, repoRoot) {
  const parts = path.relative(repoRoot, file).split(path.sep);
  return ROOTS.includes(parts[0]) && parts.length > 2 ? `${parts[0]}/${parts[1]}` : null;
}

const isTestFile = (file) => /\.(spec|int-spec|e2e-spec|fault-spec|browser-spec)\.ts$/.test(file) || file.includes(`${path.sep}testing${path.sep}`);

module.exports = {
  meta: {
    type: 'problem',
    docs: { description: 'Import other libraries only through their @latchkey/<lib> barrel' },
    schema: [
      {
        type: 'object',
        properties: {
          repoRoot: { type: 'string' },
          dependencies: { type: 'object', additionalProperties: { type: 'array', items: { type: 'string' } } },
        },
        additionalProperties: false,
      },
    ],
    messages: {
      deepAlias: "'{{source}}' reaches into a library's internals; import from '@latchkey/{{lib}}' instead.",
      crossRelative: "'{{source}}' reaches into {{target}} by a relative path; import from its @latchkey barrel instead.",
      direction:
        '{{own}} may not import @latchkey/{{lib}}: the dependency direction allows only {{allowed}}. React to its integration events or send it a command instead.',
      unknownLibrary:
        '{{own}} is not in the dependency map of the library-boundaries rule (eslint.config.mjs): add it with the libraries it may import.',
    },
  },
  create(context) {
    const options = context.options[0] || {};
    const repoRoot = options.repoRoot || context.cwd;
    const dependencies = options.dependencies;
    const file = context.filename;
    const own = unitOf(file, repoRoot);
    const ownLib = own && own.startsWith('libs/') ? own.slice('libs/'.length) : null;

    /** Reports an import of library `lib` that the dependency map does not allow for this file's library. */
    function checkDirection(node, lib) {
      if (!dependencies || ownLib === null || lib === ownLib) return;
      const allowed = dependencies[ownLib];
      if (!allowed) {
        context.report({ node: node.source, messageId: 'unknownLibrary', data: { own: ownLib } });
        return;
      }
      if (!allowed.includes(lib)) {
        context.report({
          node: node.source,
          messageId: 'direction',
          data: { own: ownLib, lib, allowed: allowed.length ? allowed.join(', ') : 'no other library' },
        });
      }
    }

    function check(node) {
      if (!node.source || typeof node.source.value !== 'string') return;
      const source = node.source.value;
      const barrel = /^@latchkey\/([^/]+)(?:\/|$)/.exec(source);
      if (barrel) checkDirection(node, barrel[1]);
      const alias = /^@latchkey\/([^/]+)\/(.+)$/.exec(source);
      if (alias) {
        if (alias[2] === 'testing' && isTestFile(file)) return;
        context.report({ node: node.source, messageId: 'deepAlias', data: { source, lib: alias[1] } });
        return;
      }
      if (!source.startsWith('.')) return;
      const target = unitOf(path.resolve(path.dirname(file), source), repoRoot);
      if (target && target !== own && own !== null) {
        context.report({ node: node.source, messageId: 'crossRelative', data: { source, target } });
      }
    }

    return {
      ImportDeclaration: check,
      ExportNamedDeclaration: check,
      ExportAllDeclaration: check,
      ImportExpression: (node) => check({ source: node.source }),
    };
  },
};
