// Stand-in for 'jsonpath-plus' in the extension build (alias in ../vue.config.js).
// @shell/utils/object's get() evaluates a path with JSONPath only when it starts with
// '$'; the bundled shell code (LabeledSelect option keys and labels) and the tab never
// pass such a path, and the library is ~7 KB gzip. If one ever does, get() catches
// this error, logs it and returns '(JSON Path err)'.
export function JSONPath({ path } = {}) {
  throw new Error(`JSONPath ${ path } is not available in the registry-mirrors extension (see pkg/registry-mirrors/shims)`);
}
