// Setup file: the engine loads the RE2 engine on first need (src/containerd/re2.ts), as
// the tab does before it compiles a rewrite; the tests compile rewrites synchronously, as
// the CLI does once it has loaded it at start.
import { loadRe2 } from '../../src/containerd/re2';

await loadRe2();
