// Lint is where the architecture is enforced: the core, shared code and renderer never import
// `electron`, and `ipcMain` / `ipcRenderer` appear only in the one binding file and the preload.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const noElectron = {
  paths: [{ name: 'electron', message: 'The core, shared code and renderer must run without Electron. Put Electron code in src/main (glue) only.' }],
};

export default tseslint.config(
  { ignores: ['out/**', 'dist/**', 'node_modules/**', 'test-results/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-explicit-any': 'off',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-restricted-syntax': [
        'error',
        { selector: "Identifier[name='ipcMain']", message: 'Only src/main/ipc.ts binds the contract to ipcMain.' },
        { selector: "Identifier[name='ipcRenderer']", message: 'Only src/preload exposes the contract through ipcRenderer.' },
      ],
    },
  },
  {
    files: ['src/main/core/**', 'src/main/headless/**', 'src/shared/**', 'src/renderer/**', 'test/**', 'bench/**'],
    rules: { 'no-restricted-imports': ['error', noElectron] },
  },
  { files: ['src/main/ipc.ts', 'src/preload/**'], rules: { 'no-restricted-syntax': 'off' } },
  {
    // Plain Node scripts (generators, the benchmark baseline).
    files: ['**/*.{js,mjs}'],
    languageOptions: {
      globals: Object.fromEntries(
        ['process', 'console', 'Buffer', 'URL', 'fetch', 'setTimeout', 'clearTimeout', 'setInterval', 'clearInterval'].map((g) => [g, 'readonly']),
      ),
    },
  },
);
