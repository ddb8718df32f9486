// The standard Rancher extension dev loop: `API=https://rancher.example.com npm run dev`
// serves the whole dashboard (from node_modules/@rancher/shell) with every pkg/* that has a
// `rancher` field in its package.json built in. The shell's config does the work; we add:
// - `diff_match_patch` -> the npm package `diff-match-patch` (codemirror's merge addon names
//   the AMD module `diff_match_patch`; without the alias the compile reports an error and the
//   page shows webpack's overlay);
// - `./x.js` -> `./x.ts` (the engine in src/ is written for moduleResolution Bundler; the same
//   alias as pkg/registry-mirrors/vue.config.js for build-pkg);
// - no fork-ts-checker: @vue/cli-plugin-typescript would type-check every .ts/.vue file with
//   the root tsconfig on each compile (minutes on two cores). `npm run typecheck` and
//   `npm run build-pkg` are the type checks; the dashboard compile only transpiles;
// - our own TypeScript (pkg/, src/) is transpiled by @vue/cli-plugin-typescript's ts-loader
//   (root tsconfig, `.vue` scripts as .ts, its own ts-loader instance), not by the shell's: the shell's ts-loader uses
//   the shell's tsconfig (rootDir = the shell: TS6059 for every file of ours) and reads
//   `.vue` scripts as TSX, where a generic arrow function `<T>(x: T) => x` is a JSX tag
//   (hundreds of TS1005/TS1128/TS1381 errors in RegistryMirrorsTab.vue);
// - the production build (`npm run build`) goes to dist/dashboard (dist/cli holds the CLI).
const path = require('path');
const shellConfig = require('@rancher/shell/vue.config')(__dirname, { excludes: [] });

const configureShell = shellConfig.configureWebpack;

if (!process.env.OUTPUT_DIR) {
  shellConfig.outputDir = 'dist/dashboard';
}

// the page's hot-reload socket goes to the port the page came from (the shell pins 8005,
// which breaks `npm run dev -- --port N`)
shellConfig.devServer.client.webSocketURL = { hostname: '0.0.0.0', port: 0 };

const OURS = [path.join(__dirname, 'pkg') + path.sep, path.join(__dirname, 'src') + path.sep];

shellConfig.configureWebpack = (config) => {
  configureShell(config);
  const shellTs = config.module.rules.filter((r) => (r.use || []).some((u) => u && u.loader === 'ts-loader' && String(u.options && u.options.configFile).startsWith(path.dirname(require.resolve('@rancher/shell/package.json')))));

  if (shellTs.length !== 1) {
    throw new Error(`vue.config.js: expected one ts-loader rule from the shell, found ${ shellTs.length }; review the TypeScript rules`);
  }
  shellTs[0].exclude = (file) => OURS.some((dir) => file.startsWith(dir));
  config.resolve.alias.diff_match_patch$ = require.resolve('diff-match-patch');
  config.resolve.extensionAlias = {
    ...(config.resolve.extensionAlias || {}),
    '.js':  ['.ts', '.js'],
    '.mjs': ['.mts', '.mjs'],
  };
};

shellConfig.chainWebpack = (config) => {
  config.plugins.delete('fork-ts-checker');
  // ts-loader shares one compiler instance per `instance` name, and an instance without a
  // configFile takes the tsconfig nearest to the first file it sees: when that was a shell
  // file (the shell's .ts files match this rule too), every file of ours failed with TS6059
  // (rootDir = the shell), depending on the build's file order. Own name, own tsconfig.
  for (const rule of ['ts', 'tsx']) {
    if (config.module.rules.has(rule)) {
      config.module.rule(rule).use('ts-loader').tap((options) => ({
        ...options, instance: 'registry-mirrors', configFile: path.join(__dirname, 'pkg', 'registry-mirrors', 'tsconfig.json'),
      }));
    }
  }
};

module.exports = shellConfig;
