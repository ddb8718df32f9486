// Stand-in for 'vuex' in the extension build (alias in ../vue.config.js). The
// extension runs inside the dashboard's store (this.$store); the one thing the
// bundled shell code imports from vuex are mapGetters (LabeledSelect.vue:
// `...mapGetters({ t: 'i18n/t' })`) and useStore (SortableTable), which brought all of
// vuex (~4.5 KB gzip).
// A named import this module does not export fails the build (guard in
// ../vue.config.js).
import { inject } from 'vue';

/** vuex's mapGetters: computed properties reading this.$store.getters. */
export function mapGetters(namespace, map) {
  let prefix = '';

  if (typeof namespace === 'string') {
    prefix = namespace && !namespace.endsWith('/') ? `${ namespace }/` : namespace;
  } else {
    map = namespace;
  }
  const entries = Array.isArray(map) ? map.map((k) => [k, k]) : Object.entries(map || {});
  const out = {};

  for (const [key, getter] of entries) {
    out[key] = function mappedGetter() {
      return this.$store.getters[`${ prefix }${ getter }`];
    };
    out[key].vuex = true;
  }

  return out;
}

/**
 * vuex's useStore, for SortableTable (the Registry Routes page): the store the
 * dashboard's app provides under vuex's key 'store'.
 */
export function useStore(key = null) {
  return inject(key !== null ? key : 'store');
}
