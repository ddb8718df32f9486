// build-pkg runs vue-cli-service in this folder; the shell's package config does the
// real work. We add only what the engine in ../../src needs: it is TypeScript written
// for "moduleResolution: Bundler", so its imports may name `./x.js` for `./x.ts`.
// The tab imports it by relative path (utils/engine.ts -> ../../../src/index).
//
// And we keep the bundle small (the UMD entry + its chunks, Vue excluded; budget 150 KB
// gzip). The shell components the tab bundles (LabeledInput, LabeledSelect via
// SecretSelector, Checkbox, RadioGroup, Banner) bring libraries for features the
// tab does not use; shims/ replaces them in this build only (the dashboard keeps its
// own copies):
// - 'lodash' (all of lodash.js, for `import { debounce } from 'lodash'`) -> shims/lodash.js;
//   'lodash/cloneDeep' -> a small deep copy of plain data; the other per-method modules
//   are marked side-effect free, so those only unused shell helpers import drop out;
// - 'vuex' (for LabeledSelect's mapGetters) -> shims/vuex.js;
// - 'jsonpath-plus' (get() paths starting with '$'), 'cronstrue' and 'cron-validator'
//   (LabeledInput type="cron") -> stubs;
// - no console polyfill: node-polyfill-webpack-plugin provides `console` through
//   console-browserify, which drags in the assert and util polyfills (~30 KB gzip) for
//   every module that logs. Browsers have a console.
// A named import that a shim does not export fails the build (ShimGuard).
const path = require('path');
const shellConfig = require('./.shell/pkg/vue.config')(__dirname);

const configureShell = shellConfig.configureWebpack;
const SHIMS = path.join(__dirname, 'shims');

/** exact request -> shim file (the `$` makes the alias match that request only) */
const SHIMMED = {
  lodash:            'lodash.js',
  'lodash/cloneDeep': 'lodash-cloneDeep.js',
  vuex:              'vuex.js',
  'jsonpath-plus':   'jsonpath-plus.js',
  cronstrue:         'cronstrue.js',
  'cron-validator':  'cron-validator.js',
};

/** Fails the build when code imports from a shimmed module a name the shim lacks. */
class ShimGuard {
  apply(compiler) {
    compiler.hooks.afterCompile.tap('ShimGuard', (compilation) => {
      for (const w of compilation.warnings) {
        const msg = String((w && w.message) || w);
        const m = /was not found in '([^']+)'/.exec(msg);

        if (m && SHIMMED[m[1]]) {
          compilation.errors.push(new Error(`${ msg }\n  -> export it from pkg/registry-mirrors/shims/${ SHIMMED[m[1]] } (see vue.config.js)`));
        }
      }
    });
  }
}

shellConfig.configureWebpack = (config) => {
  configureShell(config);
  config.resolve.extensionAlias = {
    ...(config.resolve.extensionAlias || {}),
    '.js':  ['.ts', '.js'],
    '.mjs': ['.mts', '.mjs'],
  };

  for (const [request, file] of Object.entries(SHIMMED)) {
    config.resolve.alias[`${ request }$`] = path.join(SHIMS, file);
  }
  config.plugins.push(new ShimGuard());
  // lodash's per-method modules have no side effects (its package.json does not say
  // so): one that only an unused shell helper imports is left out (@shell/utils/object
  // imports nine for helpers the tab never calls)
  config.module.rules.push({ test: /[\\/]node_modules[\\/]lodash[\\/]/, sideEffects: false });

  // the shell adds `new NodePolyfillPlugin()`; the same plugin, without `console`
  const i = config.plugins.findIndex((p) => p && p.constructor && p.constructor.name === 'NodePolyfillPlugin');

  if (i < 0) {
    throw new Error('vue.config.js: the shell config no longer adds NodePolyfillPlugin; review the polyfill exclusions');
  }
  config.plugins[i] = new config.plugins[i].constructor({ excludeAliases: ['console'] });
};

module.exports = shellConfig;
