// Install on a Vue app what the Rancher dashboard installs before any page renders,
// limited to what the tab and the shell components it uses need: the Vuex store, the
// shell's i18n plugin (t(), v-t, <t>), the Nuxt-style fetch() mixin, the shell's
// directives, floating-vue (tooltips) and vue-select. Used by the harness and the
// component tests, so both mount the real shell components the same way.
import type { App, Plugin } from 'vue';
import type { Store } from 'vuex';
import FloatingVue from 'floating-vue';
import vSelect from 'vue-select';
import i18n from '@shell/plugins/i18n';
import fetchMixin from '@shell/mixins/fetch.client.js';
import { floatingVueOptions } from '@shell/plugins/floating-vue';
import focusDirective from '@shell/directives/focus';
import cleanHtmlDirective from '@shell/directives/clean-html';
import cleanTooltipDirective from '@shell/directives/clean-tooltip';
import trimWhitespaceDirective from '@shell/directives/trim-whitespace';
import htmlStrippedAriaLabelDirective from '@shell/directives/strip-html-aria-label';
import uiContextDirective from '@shell/directives/ui-context';
import pkgEnUs from '@pkg/l10n/en-us.yaml';
import pkgZhHans from '@pkg/l10n/zh-hans.yaml';
import shellZhHans from '@shell/assets/translations/zh-hans.yaml';

/** The locales of the extension: what Rancher offers (en-us, zh-hans). */
export const LOCALES = ['en-us', 'zh-hans'] as const;
export type Locale = typeof LOCALES[number];

/**
 * Merge the extension's translations (and the shell's own zh-hans, which the dashboard
 * loads when the user picks 中文) as importTypes() + the shell's l10n loader do.
 */
export function loadPkgTranslations(store: Store<any>): void {
  store.commit('i18n/mergeLoadTranslations', { locale: 'en-us', translations: pkgEnUs });
  store.commit('i18n/mergeLoadTranslations', { locale: 'zh-hans', translations: shellZhHans });
  store.commit('i18n/mergeLoadTranslations', { locale: 'zh-hans', translations: pkgZhHans });
}

/** app.use()-style list of what to install; pass `global` of @vue/test-utils the same things. */
export function shellGlobals(store: Store<any>) {
  loadPkgTranslations(store);

  return {
    plugins:    [store, i18n, [FloatingVue, floatingVueOptions]] as Array<Plugin | [Plugin, unknown]>,
    mixins:     [fetchMixin],
    components: { 'v-select': vSelect },
    directives: {
      'trim-whitespace':     trimWhitespaceDirective,
      'clean-html':          cleanHtmlDirective,
      'clean-tooltip':       cleanTooltipDirective,
      focus:                 focusDirective,
      'stripped-aria-label': htmlStrippedAriaLabelDirective,
      'ui-context':          uiContextDirective,
      // keyboard shortcuts of SortableTable (vue3-shortkey in the dashboard): not needed here
      shortkey:              {},
    } as Record<string, any>,
  };
}

export function installShell(app: App, store: Store<any>): void {
  const g = shellGlobals(store);

  for (const p of g.plugins) {
    if (Array.isArray(p)) {
      app.use(p[0], p[1]);
    } else {
      app.use(p);
    }
  }
  g.mixins.forEach((m) => app.mixin(m));
  Object.entries(g.components).forEach(([name, c]) => app.component(name, c));
  Object.entries(g.directives).forEach(([name, d]) => app.directive(name, d));
}
