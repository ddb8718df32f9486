// Upper bounds that keep every keystroke responsive. Beyond them the engine
// previews only what fits and says so; the settings themselves are never cut.
export const LIMITS = {
  /** bytes of a registries.yaml or manifest to import */
  fileBytes: 1024 * 1024,
  mirrors: 2000,
  configs: 2000,
  endpointsPerMirror: 100,
  rewritesPerMirror: 100,
  /** characters of a rewrite pattern or replacement */
  patternLength: 1000,
  /** characters of an endpoint URL or key */
  urlLength: 2048,
  /** characters of an image reference */
  imageLength: 4096,
} as const;

export function limitMessage(what: string, limit: number, actual: number): string {
  return `${what}: ${actual.toLocaleString('en')} is more than the ${limit.toLocaleString('en')} the preview handles; only the first ${limit.toLocaleString('en')} are previewed (nothing is removed from the settings)`;
}
