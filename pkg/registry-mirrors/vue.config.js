// build-pkg runs vue-cli-service in this folder; the shell's package config does the
// real work. We add only what the engine in ../../src needs: it is TypeScript written
// for "moduleResolution: Bundler", so its imports may name `./x.js` for `./x.ts`.
// The tab imports it by relative path (utils/engine.ts -> ../../../src/index).
//
// The shell components the tab bundles (LabeledInput, TextAreaAutoGrow, LabeledSelect)
// write `import { debounce } from 'lodash'`, which would pull all of lodash.js into the
// bundle for one function. shims/lodash.js re-exports the real 'lodash/debounce' for
// that one request ('lodash' exactly; per-method imports such as 'lodash/cloneDeep' are
// untouched); a named import it does not re-export fails the build (ShimGuard), so no
// caller ever gets less than lodash gives it. The dashboard keeps its own lodash.
// Two size settings that change no behaviour:
// - lodash's per-method modules are marked side-effect free (they are), so one that only
//   an unused shell helper imports is dropped;
// - no `console` polyfill: node-polyfill-webpack-plugin would route `console` through
//   console-browserify (with the assert and util polyfills, ~30 KB gzip); browsers have one.
// The size of the result is a reported figure (npm run bench, and the bundle test of
// npm run test:e2e), with a ceiling of 200 KB gzip for the entry and its lazy chunks.
const path = require('path');
const shellConfig = require('./.shell/pkg/vue.config')(__dirname);

const configureShell = shellConfig.configureWebpack;
const SHIMS = path.join(__dirname, 'shims');
const ENGINE_SRC = path.join(__dirname, '..', '..', 'src');
const ENGINE_DOORWAY = path.join(__dirname, 'utils', 'engine.ts');

/** exact request -> shim file (the `$` makes the alias match that request only) */
const SHIMMED = { lodash: 'lodash.js' };

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
  // the engine (../../src) and its doorway (utils/engine.ts) run nothing when imported
  // (declarations only): marked so, a panel's import through the doorway reaches only the
  // engine files it uses, and those (with the yaml parser) load in the panel's chunk, not
  // in the tab's
  config.module.rules.push({ include: [ENGINE_SRC, ENGINE_DOORWAY], sideEffects: false });

  // the shell adds `new NodePolyfillPlugin()`; the same plugin, without `console`
  const i = config.plugins.findIndex((p) => p && p.constructor && p.constructor.name === 'NodePolyfillPlugin');

  if (i < 0) {
    throw new Error('vue.config.js: the shell config no longer adds NodePolyfillPlugin; review the polyfill exclusions');
  }
  config.plugins[i] = new config.plugins[i].constructor({ excludeAliases: ['console'] });
};

module.exports = shellConfig;
