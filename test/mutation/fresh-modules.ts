// vitest.mutation.config.mts runs every test file in one worker (isolate: false).
// Before each file, forget the evaluated src/ and test modules, so the engine's
// module-level memo tables (lib/memo.ts users, containerd/rewrite.ts) start empty
// for every file and every mutant, as they do in a fresh process. Dependencies from
// node_modules are loaded natively and stay loaded: that is the time saved.
import { vi } from 'vitest';

vi.resetModules();
