import { resolve } from 'node:path';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'electron-vite';

// Main holds several Node entries: the Electron app, and the same core headless (serve, demo, cli, the
// stdio bridge) so Node and Electron run identical code. Dependencies stay external (node_modules).
export default defineConfig({
  main: {
    build: {
      externalizeDeps: true,
      rollupOptions: {
        input: {
          index: resolve('src/main/index.ts'),
          serve: resolve('src/main/headless/serve.ts'),
          demo: resolve('src/main/headless/demo.ts'),
          cli: resolve('src/main/headless/cli.ts'),
          bridge: resolve('src/main/headless/bridge.ts'),
        },
      },
    },
  },
  preload: {
    // Bundled into one CommonJS file with no external imports: that is what a sandboxed preload can load.
    build: {
      externalizeDeps: false,
      rollupOptions: {
        input: { index: resolve('src/preload/index.ts') },
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: {
    root: resolve('src/renderer'),
    build: { rollupOptions: { input: { index: resolve('src/renderer/index.html') } } },
    plugins: [react()],
  },
});
