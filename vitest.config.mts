import { defineConfig } from 'vitest/config';
import vue from '@vitejs/plugin-vue';
import { shellViteConfig, yamlPlugin, SHELL_INLINE_DEPS } from './harness/vite.shell.mjs';

const shell = shellViteConfig();

export default defineConfig({
  test: {
    projects: [
      {
        // engine, CLI: plain Node
        test: {
          name:        'unit',
          include:     ['test/unit/**/*.test.ts'],
          environment: 'node',
          setupFiles:  ['test/lib/load-re2.ts'],
          // a temporary directory of the run's own, removed when it ends (test/lib/private-tmp.ts)
          globalSetup: ['test/lib/private-tmp.ts'],
        },
      },
      {
        // the tab, mounted with the real shell components in happy-dom
        plugins: [yamlPlugin(), vue()],
        resolve: shell.resolve,
        css:     shell.css,
        define:  shell.define,
        test:    {
          name:        'components',
          include:     ['test/components/**/*.test.ts'],
          environment: 'happy-dom',
          setupFiles:  ['test/lib/load-re2.ts', 'test/components/setup.ts'],
          globalSetup: ['test/lib/private-tmp.ts'],
          server:      { deps: { inline: SHELL_INLINE_DEPS } },
          testTimeout: 20000,
        },
      },
    ],
  },
});
