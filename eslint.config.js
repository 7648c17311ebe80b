// Layering is enforced here (see docs/architecture.md): shared/ is pure, main/ and renderer/
// never import each other, and only main/electron/ may import electron.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';

// Bare names are matched exactly (`paths`); anything with a slash or star is a glob (`patterns`),
// so a folder of ours named like a Node module (shared/net/) is not caught by mistake.
const platformModules = [
  'node:*',
  'fs',
  'path',
  'os',
  'net',
  'http',
  'https',
  'crypto',
  'child_process',
  'dgram',
];
const restrict = (names, message) => {
  const globs = names.filter((n) => n.includes('*') || n.includes('/'));
  const exact = names.filter((n) => !globs.includes(n));
  return {
    'no-restricted-imports': [
      'error',
      { paths: exact.map((name) => ({ name, message })), patterns: [{ group: globs, message }] },
    ],
  };
};

export default tseslint.config(
  { ignores: ['dist/', 'node_modules/', 'release/', 'test-results/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
      '@typescript-eslint/consistent-type-imports': 'error',
      // Small files: past this, a file holds more than one idea and should be split.
      'max-lines': ['error', { max: 450, skipBlankLines: true, skipComments: true }],
    },
  },
  {
    files: ['build/**/*.{js,mjs,cjs}', '*.js', 'test/**/*.{js,mjs}'],
    languageOptions: { globals: globals.node },
  },
  {
    files: ['shared/**/*.ts'],
    rules: restrict(
      [
        ...platformModules,
        'electron',
        'ws',
        'three',
        'three/*',
        'bonjour-service',
        '**/main/**',
        '**/renderer/**',
      ],
      'shared/ is pure: no platform, network, rendering or main/renderer imports.',
    ),
    languageOptions: { globals: {} },
  },
  {
    files: ['main/**/*.ts'],
    ignores: ['main/electron/**'],
    rules: restrict(
      ['electron', '**/renderer/**', 'three', 'three/*'],
      'main/ must not import electron (only main/electron/) or renderer/.',
    ),
  },
  {
    files: ['main/electron/**/*.ts'],
    rules: restrict(
      ['**/renderer/**', 'three', 'three/*'],
      'main/electron/ must not import renderer/.',
    ),
  },
  {
    files: ['renderer/**/*.ts'],
    rules: restrict(
      [...platformModules, 'electron', 'ws', 'bonjour-service', '**/main/**'],
      'renderer/ runs in the browser: no Node, electron, ws or main/ imports.',
    ),
  },
  {
    files: ['renderer/phone/**/*.ts'],
    rules: restrict(
      [...platformModules, 'electron', 'ws', 'bonjour-service', '**/main/**', 'three', 'three/*'],
      'The phone page stays tiny: no three.js, and no Node/main imports.',
    ),
  },
);
