// The whole-library `lodash` import in the extension build, narrowed to what is used
// (aliased as 'lodash$' in ../vue.config.js): real lodash functions, re-exported.
//
// The shell components the tab bundles import one function from the whole library:
//   import { debounce } from 'lodash'
// in rancher-components/Form/LabeledInput/LabeledInput.vue,
// rancher-components/Form/TextArea/TextAreaAutoGrow.vue and
// components/form/labeled-select-utils/labeled-select-pagination.ts (@rancher/shell
// 3.0.8). That one import pulled in all of lodash.js (~26 KB gzip). Per-method imports
// ('lodash/cloneDeep', ...) are not affected by the alias and stay as they are.
//
// A named import this module does not export fails the build (see the guard in
// ../vue.config.js): add it here, from its per-method module 'lodash/<name>'.
export { default as debounce } from 'lodash/debounce';
// SortableTable (the Registry Routes page) brings a formatter that sums with lodash
export { default as sum } from 'lodash/sum';
