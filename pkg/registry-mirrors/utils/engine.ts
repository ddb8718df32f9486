// The one place the tab imports the route engine from (../../src, bundled into the
// extension by build-pkg). Nothing else in the package reaches into src/.
export {
  compile,
  resolveRoute,
  settingsFromCluster,
  effectiveSystemDefaultRegistry,
  applySystemDefaultRegistry,
  normalizeEndpoint,
  checkRegistryKey,
  compilePattern,
  applyRewrites,
  replaceAll,
  parseReference,
  WILDCARD_FIXED_VERSIONS,
  checkSecretRefs,
  sampleImages,
} from '../../../src/index';
export type {
  Compiled, Profile, ProfileId, SdrSource, PullContext, SecretInfo, SampleImage
} from '../../../src/index';
export type {
  Attempt, Finding, Route, RouteSettings, Severity
} from '../../../src/types';
