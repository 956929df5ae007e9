import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';
import officeAddins from 'eslint-plugin-office-addins';

const TEST_CODE = ['**/test/**'];

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'coverage/**', 'bin/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      'no-eval': 'error',
      'no-new-func': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
    },
  },
  {
    // Plain Node scripts and tool configs (webpack.config.js, scripts/*.js) are CommonJS.
    files: ['**/*.js'],
    languageOptions: { sourceType: 'commonjs' },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    // The Office.js adapter: load before read, sync before read, never sync in a loop.
    files: ['src/excel/**/*.ts', 'src/taskpane/**/*.ts'],
    plugins: { 'office-addins': officeAddins },
    rules: {
      'office-addins/call-sync-before-read': 'error',
      'office-addins/load-object-before-read': 'error',
      'office-addins/call-sync-after-load': 'error',
      'office-addins/no-context-sync-in-loop': 'error',
      'office-addins/no-empty-load': 'error',
      'office-addins/no-navigational-load': 'error',
      'office-addins/no-office-initialize': 'error',
      'office-addins/test-for-null-using-isNullObject': 'error',
    },
  },
  {
    // Only the adapter and the pane's entry may touch Office.js.
    files: ['src/core/**/*.ts', 'src/cli/**/*.ts', 'src/taskpane/controller.ts', 'src/taskpane/view.ts', 'src/taskpane/app.ts'],
    rules: { 'no-restricted-globals': ['error', 'Office', 'Excel', 'OfficeExtension'] },
  },
  {
    // Product code never imports test code (the preview's in-memory Excel lives in src/fake-excel).
    files: ['src/**/*.ts'],
    ignores: ['src/**/*.test.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: TEST_CODE }] },
  },
  {
    files: ['src/core/**/*.ts'],
    rules: {
      'no-restricted-globals': ['error', 'window', 'document', 'Office', 'Excel', 'process', 'Buffer', 'require'],
      'no-restricted-imports': ['error', { patterns: ['fs', 'node:*', 'path', '../cli/*', '../../cli/*', ...TEST_CODE] }],
    },
  },
);
