// YAML text of a Kubernetes object as kubectl and the dashboard read it (YAML 1.2),
// written by the `yaml` package like every other YAML the engine writes: no line
// folding, no anchors for repeated objects, keys in insertion order unless sorted.
// (A node's registries.yaml is YAML 1.1: features/registries-yaml.ts toYaml.)
import { stringify } from 'yaml';

export function objectYaml(value: unknown, opts: { sortKeys?: boolean } = {}): string {
  return stringify(value, { lineWidth: 0, aliasDuplicateObjects: false, sortMapEntries: opts.sortKeys === true });
}
