/** One Jest run, five projects: unit tests, integration tests against real stores, end-to-end journeys over HTTP, the console in a browser, and fault tests. */
const swc = [
  '@swc/jest',
  {
    jsc: {
      parser: { syntax: 'typescript', decorators: true },
      transform: { legacyDecorator: true, decoratorMetadata: true, useDefineForClassFields: false },
      target: 'es2022',
      keepClassNames: true,
    },
    module: { type: 'commonjs' },
  },
];

/** ES-module-only dependencies, compiled to CommonJS for Jest's module system. */
const esmPackages = ['content-disposition', 'jose', 'openid-client', 'oauth4webapi'];
const swcEsm = ['@swc/jest', { jsc: { parser: { syntax: 'ecmascript' }, target: 'es2022' }, module: { type: 'commonjs' } }];

const libs = [
  'building-blocks',
  'event-store',
  'identity',
  'organizations',
  'credentials',
  'keys',
  'token-issuance',
  'platform-api',
  'audit',
  'webhooks',
];
const moduleNameMapper = Object.fromEntries(
  libs.flatMap((lib) => [
    [`^@latchkey/${lib}$`, `<rootDir>/libs/${lib}/src`],
    [`^@latchkey/${lib}/testing$`, `<rootDir>/libs/${lib}/src/testing`],
  ]),
);

const common = {
  rootDir: __dirname,
  testEnvironment: 'node',
  transform: { '^.+\\.ts$': swc, '^.+\\.m?js$': swcEsm },
  transformIgnorePatterns: [`/node_modules/(?!(${esmPackages.join('|')})/)`],
  moduleNameMapper,
  modulePathIgnorePatterns: ['<rootDir>/dist/'],
};

module.exports = {
  // Password hashing (scrypt, 128 MiB) dominates many journeys on a busy 2-core machine.
  testTimeout: 30_000,
  // A suite whose setup failed can leave a server or socket open; the run must still end with its verdict.
  forceExit: true,
  projects: [
    { ...common, displayName: 'unit', testMatch: ['<rootDir>/{apps,libs,test,bench,tools}/**/*.spec.ts'] },
    { ...common, displayName: 'integration', testMatch: ['<rootDir>/{apps,libs,test}/**/*.int-spec.ts'] },
    { ...common, displayName: 'e2e', testMatch: ['<rootDir>/test/**/*.e2e-spec.ts'] },
    {
      ...common,
      displayName: 'browser',
      testMatch: ['<rootDir>/test/browser/**/*.browser-spec.ts'],
      globalSetup: '<rootDir>/test/browser/build-console.ts',
    },
    { ...common, displayName: 'fault', testMatch: ['<rootDir>/test/fault/**/*.fault-spec.ts'] },
  ],
};
