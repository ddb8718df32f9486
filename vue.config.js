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
// - the production build (`npm run build`) goes to dist/dashboard (dist/cli holds the CLI).
const shellConfig = require('@rancher/shell/vue.config')(__dirname, { excludes: [] });

const configureShell = shellConfig.configureWebpack;

if (!process.env.OUTPUT_DIR) {
  shellConfig.outputDir = 'dist/dashboard';
}

// the page's hot-reload socket goes to the port the page came from (the shell pins 8005,
// which breaks `npm run dev -- --port N`)
shellConfig.devServer.client.webSocketURL = { hostname: '0.0.0.0', port: 0 };

shellConfig.configureWebpack = (config) => {
  configureShell(config);
  config.resolve.alias.diff_match_patch$ = require.resolve('diff-match-patch');
  config.resolve.extensionAlias = {
    ...(config.resolve.extensionAlias || {}),
    '.js':  ['.ts', '.js'],
    '.mjs': ['.mts', '.mjs'],
  };
};

shellConfig.chainWebpack = (config) => {
  config.plugins.delete('fork-ts-checker');
};

module.exports = shellConfig;
