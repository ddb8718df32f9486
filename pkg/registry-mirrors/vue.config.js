// build-pkg runs vue-cli-service in this folder; the shell's package config does the
// real work. We add only what the engine in ../../src needs: it is TypeScript written
// for "moduleResolution: Bundler", so its imports may name `./x.js` for `./x.ts`.
// The tab imports it by relative path (utils/engine.ts -> ../../../src/index).
const shellConfig = require('./.shell/pkg/vue.config')(__dirname);

const configureShell = shellConfig.configureWebpack;

shellConfig.configureWebpack = (config) => {
  configureShell(config);
  config.resolve.extensionAlias = {
    ...(config.resolve.extensionAlias || {}),
    '.js':  ['.ts', '.js'],
    '.mjs': ['.mts', '.mjs'],
  };
};

module.exports = shellConfig;
