// The one place the tab imports the route engine from (../../src, bundled into the
// extension by build-pkg). Nothing else in the package reaches into src/.
export {
  compileCluster,
  compileClusterWhenReady,
  loadRe2,
  re2Ready,
  resolveRoute,
  mirrorFallback,
  configUsage,
  hostsWithoutConfig,
  effectiveSystemDefaultRegistry,
  applySystemDefaultRegistry,
  checkSystemDefaultRegistry,
  normalizeEndpoint,
  checkRegistryKey,
  patternProblem,
  compilePattern,
  applyRewrites,
  inNodeOrder,
  replaceAll,
  parseReference,
  WILDCARD_FIXED_VERSIONS,
  checkSecretRefs,
  sampleImages,
  redact,
  curlCommand,
} from '../../../src';
export type {
  Compiled, CompiledCluster, ConfigUse, Profile, ProfileId, MirrorFallback, SdrSource, PullContext, SecretInfo, SampleImage
} from '../../../src';
export type {
  Attempt, Finding, Route, RouteSettings, Severity
} from '../../../src/types';
// node files, import/export, save diff and the many-image check (the tab's tool panels)
export {
  nodeFiles,
  importNodeRegistries,
  exportNodeRegistries,
  AUTH_SECRET_TYPE,
  saveDiff,
  checkImages,
  filterRows,
  parseImageList,
  imagesOfWorkloads,
} from '../../../src';
export type {
  NodeFile, FileMark, ImportOutcome, ImportResult, PendingSecret, MissingItem, SaveDiff, RouteChange, LineChange, ImageCheckRow, ImageFilter
} from '../../../src';
// CA bundles (the config cards, the CA expiry check) and the fleet posture (the Registry Routes page)
export {
  utf8ToBase64,
  caExpiryFindings,
  base64ToUtf8,
  readCaBundle,
  caBundleToStore,
  readCertificate,
  readPemCertificates,
  sdrMirrorSuggestion,
  fleetPostureSliced,
  fleetImageRoute,
  summariseFleet,
  unreferencedAuthSecrets,
  filterFleet,
} from '../../../src';
export type {
  CaBundleForm, CaBundleRead, CertInfo, CertRead, MirrorSuggestion, ClusterPosture, FleetCluster, FleetSummary, FleetImageRoute, FleetFilter, PostureResult, DockerHubPosture
} from '../../../src';
