// Shared Vite settings for code that imports @rancher/shell sources (.vue, .js, .ts)
// outside the shell's own webpack build: used by the harness dev server and by the
// vitest component tests (vitest.config.mts).
//
// - the shell is reached through a symlink `harness/.shell` with preserveSymlinks, so
//   Vite treats it as source (transforms it) instead of a pre-bundled dependency;
// - aliases as the shell's package build sets them (@shell, ~shell, @components, @pkg);
// - the shell's SCSS variables/functions/mixins are injected into every SCSS block;
// - .yaml files (translations) become JS modules, parsed with js-yaml exactly as the
//   real build's js-yaml-loader does;
// - the dynamic importer is replaced by the stub the shell uses for package builds.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import yaml from 'js-yaml';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const PKG = path.join(ROOT, 'pkg', 'registry-mirrors');
export const SHELL_LINK = path.join(ROOT, 'harness', '.shell');
const SHELL_REAL = path.join(ROOT, 'node_modules', '@rancher', 'shell');

/** Create harness/.shell -> ../node_modules/@rancher/shell (relative, idempotent). */
export function ensureShellLink() {
  let ok = false;

  try {
    ok = fs.realpathSync(SHELL_LINK) === fs.realpathSync(SHELL_REAL);
  } catch {
    ok = false;
  }
  if (!ok) {
    try {
      fs.rmSync(SHELL_LINK, { force: true, recursive: false });
    } catch { /* not there */ }
    fs.symlinkSync(path.relative(path.dirname(SHELL_LINK), SHELL_REAL), SHELL_LINK, 'dir');
  }

  return SHELL_LINK;
}

/** Vite plugin: *.yaml / *.yml -> `export default <parsed>` */
export function yamlPlugin() {
  return {
    name:    'registry-mirrors:yaml',
    enforce: 'pre',
    transform(code, id) {
      const file = id.split('?')[0];

      if (!/\.ya?ml$/i.test(file)) {
        return null;
      }
      if (id.includes('?raw')) {
        return null;
      }

      return { code: `export default ${ JSON.stringify(yaml.load(code) ?? {}) };`, map: null };
    },
  };
}

/** The parts of a Vite config that make shell sources work. */
export function shellViteConfig() {
  const shell = ensureShellLink();
  const scssHeader = [
    `@use 'sass:math';`,
    `@import '${ shell }/assets/styles/base/_variables.scss';`,
    `@import '${ shell }/assets/styles/base/_functions.scss';`,
    `@import '${ shell }/assets/styles/base/_mixins.scss';`,
    ''
  ].join(' ');

  return {
    resolve: {
      preserveSymlinks: true,
      dedupe:           ['vue', 'vuex', 'vue-router'],
      extensions:       ['.mjs', '.js', '.mts', '.ts', '.jsx', '.tsx', '.json', '.vue'],
      alias:            [
        // same stub the shell's package build substitutes: no dynamic imports of the whole shell
        { find: /^@shell\/utils\/dynamic-importer$/, replacement: `${ shell }/pkg/dynamic-importer.lib.js` },
        { find: /^~?@shell\//, replacement: `${ shell }/` },
        { find: /^~shell\//, replacement: `${ shell }/` },
        { find: /^@components\//, replacement: `${ shell }/rancher-components/` },
        { find: /^@pkg\//, replacement: `${ PKG }/` },
        { find: /^~pkg\//, replacement: `${ PKG }/` },
        // webpack's "~package/..." in the shell's SCSS (icon font, poppins)
        { find: /^~(@?[a-zA-Z0-9])/, replacement: '$1' },
      ],
    },
    css: {
      preprocessorOptions: {
        scss: {
          additionalData:      scssHeader,
          quietDeps:           true,
          silenceDeprecations: ['import', 'global-builtin', 'slash-div', 'mixed-decls', 'color-functions', 'legacy-js-api', 'function-units'],
        },
      },
    },
    define: {
      'process.env.dev':      'false',
      'process.env.NODE_ENV': JSON.stringify(process.env.NODE_ENV || 'development'),
    },
  };
}

/** Dependencies the shell ships untranspiled or with CSS imports: inline them in vitest. */
export const SHELL_INLINE_DEPS = [
  /@rancher\/shell/,
  /codemirror-editor-vue3/,
  /floating-vue/,
  /vue-select/,
  /vue3-resize/,
];
