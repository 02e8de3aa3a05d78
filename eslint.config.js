import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist/', 'node_modules/', '.data/', '.bench/', 'coverage/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { process: 'readonly', console: 'readonly', Buffer: 'readonly', URL: 'readonly', setTimeout: 'readonly', clearTimeout: 'readonly', performance: 'readonly', fetch: 'readonly', Response: 'readonly' } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
      'no-restricted-syntax': ['error', { selector: "NewExpression[callee.name='ScanCommand']", message: 'No Scan: every list is a Query on an access pattern.' }],
      'no-restricted-imports': ['error', { paths: [{ name: '@aws-sdk/lib-dynamodb', importNames: ['ScanCommand'], message: 'No Scan in request paths.' }, { name: '@aws-sdk/client-dynamodb', importNames: ['ScanCommand'], message: 'No Scan in request paths.' }, { name: 'zod', message: 'Use zod/mini: the full zod build adds ~450 KB to every Lambda bundle.' }] }],
    },
  },
);
