// Which files of the built extension (dist-pkg/NAME-VERSION) load when, read from the
// webpack runtime in the built files themselves:
// - the entry (*.umd.min.js): every dashboard page, once the extension is installed;
// - the strings: register('l10n', 'en-us', () => import(...)) – one locale's chunk, the user's;
// - the tab: the entry's lazy import whose group holds the "registry-mirrors-tab" chunk;
// - each tool panel: a lazy import of the tab's chunks (named registry-mirrors-<panel>),
//   loaded when its section is opened – the files of its group the tab has not loaded yet;
// - the Registry Routes page: the entry's lazy route (registry-mirrors-routes-page);
// - the RE2 engine (registry-mirrors-re2): a lazy import of the engine's chunk, loaded by the
//   tab or the page only when a cluster has a rewrite (src/containerd/re2.ts).
// Sizes are gzip level 9 per file, in bytes. A pattern that no longer matches the build
// throws: a figure is never computed from a guess.
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';

export const TOOL_PANELS = ['node-files', 'import-export', 'save-diff', 'image-check'];

export function bundleChunks(dist, pkgId) {
  const entry = `${ pkgId }.umd.min.js`;
  const files = fs.readdirSync(dist).filter((f) => f.endsWith('.js')).sort();

  if (!files.includes(entry)) {
    throw new Error(`no ${ entry } in ${ dist }`);
  }
  const text = (f) => fs.readFileSync(path.join(dist, f), 'utf8');
  const gz = Object.fromEntries(files.map((f) => [f, zlib.gzipSync(fs.readFileSync(path.join(dist, f)), { level: 9 }).length]));
  // chunk id -> file, from the entry's chunk-name map ({368:"registry-mirrors-routes-page"})
  const names = Object.fromEntries([...text(entry).matchAll(/(\d+):"(registry-mirrors-[\w-]+)"/g)].map((m) => [m[1], m[2]]));
  const fileOf = (id) => `${ pkgId }.umd.min.${ names[id] || id }.js`;
  /** the groups of chunks each lazy import in a file loads together */
  const groupsIn = (f) => {
    const t = text(f);
    const all = [...t.matchAll(/Promise\.all\(\[((?:\w+\.e\(\d+\),?)+)\]\)/g)].map((m) => [...m[1].matchAll(/\.e\((\d+)\)/g)].map((x) => fileOf(x[1])));
    // a lazy import of one chunk: `n.e(42).then(`
    const single = [...t.matchAll(/[^,[]\b\w+\.e\((\d+)\)\.then\(/g)].map((m) => [fileOf(m[1])]);

    return [...all, ...single];
  };
  const named = (groups, name) => {
    const g = groups.find((x) => x.includes(`${ pkgId }.umd.min.${ name }.js`));

    if (!g) {
      throw new Error(`no lazy import of the chunk ${ name } found`);
    }

    return g;
  };
  const entryGroups = groupsIn(entry);
  const l10n = Object.fromEntries([...text(entry).matchAll(/register\("l10n","([\w-]+)",\(\)=>\w+\.e\((\d+)\)/g)].map((m) => [m[1], fileOf(m[2])]));

  if (!l10n['en-us']) {
    throw new Error('no register("l10n", "en-us", …) with its chunk in the entry');
  }
  const tab = [...new Set([entry, l10n['en-us'], ...named(entryGroups, 'registry-mirrors-tab')])];
  const tabGroups = tab.filter((f) => f !== entry && files.includes(f)).flatMap(groupsIn);
  const panels = Object.fromEntries(TOOL_PANELS.map((p) => [p, named(tabGroups, `registry-mirrors-${ p }`).filter((f) => !tab.includes(f))]));
  const page = [...new Set([entry, l10n['en-us'], ...named(entryGroups, 'registry-mirrors-routes-page')])];
  const re2 = named(tabGroups, 'registry-mirrors-re2').filter((f) => !tab.includes(f));

  if (re2.some((f) => page.includes(f))) {
    throw new Error('the RE2 engine loads with the Registry Routes page itself: it should load only for a cluster with a rewrite');
  }
  const sum = (list) => list.reduce((n, f) => n + (gz[f] ?? 0), 0);
  const missing = [...tab, ...page, ...re2, ...Object.values(panels).flat(), ...Object.values(l10n)].filter((f) => !files.includes(f));

  if (missing.length) {
    throw new Error(`files named by the build's runtime are missing: ${ missing.join(', ') }`);
  }
  const tools = [...new Set(Object.values(panels).flat())];

  return {
    entry,
    files,
    gz,
    l10n,
    tab,
    panels,
    page,
    re2,
    bytes: {
      tab:         sum(tab),
      panels:      Object.fromEntries(Object.entries(panels).map(([p, l]) => [p, sum(l)])),
      tabAndTools: sum([...new Set([...tab, ...tools])]),
      page:        sum(page),
      re2:         sum(re2),
      /** the same moments on a cluster (or a fleet) with a rewrite: + the RE2 engine */
      withRewrites: {
        tab:         sum([...new Set([...tab, ...re2])]),
        tabAndTools: sum([...new Set([...tab, ...tools, ...re2])]),
        page:        sum([...new Set([...page, ...re2])]),
      },
      all:         sum(files),
    },
  };
}
