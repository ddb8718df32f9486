// Vite dev server for the standalone harness page (npm start -> scripts/start.mjs).
import path from 'node:path';
import { defineConfig } from 'vite';
import vue from '@vitejs/plugin-vue';
import { shellViteConfig, yamlPlugin, ROOT } from './vite.shell.mjs';

const shell = shellViteConfig();

export default defineConfig({
  root:      path.join(ROOT, 'harness'),
  cacheDir:  path.join(ROOT, 'node_modules', '.vite-harness'),
  plugins:   [yamlPlugin(), vue()],
  resolve:   shell.resolve,
  css:       shell.css,
  define:    shell.define,
  logLevel:  'info',
  server:    {
    host:       '127.0.0.1',
    strictPort: true,
    fs:         { allow: [ROOT] },
    // .shell: the symlink build-pkg creates in pkg/NAME while it builds (the whole shell)
    watch:      { ignored: ['**/dist-pkg/**', '**/node_modules/**', '**/.shell/**'] },
  },
  optimizeDeps: {
    // found by the scanner anyway; listed so the first page load does not trigger a
    // re-optimisation + reload
    include: [
      'vue', 'vuex', 'lodash', 'lodash/merge', 'lodash/cloneDeep', 'lodash/debounce', 'intl-messageformat',
      'floating-vue', 'vue-select', 'dompurify', 'cronstrue', 'cron-validator', 'js-yaml', 'yaml', 'zod', 'smol-toml', 're2js', 'jquery'
    ],
  },
});
