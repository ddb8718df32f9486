// t() of the shell escapes HTML (&, <, >, quotes) unless asked for the raw string.
// Vue's {{ }} and attribute bindings escape on their own, so the tab always asks for
// the raw string and lets Vue render it as text – never as HTML.
//
// Findings: the engine returns a code, a text variant and the placeholder values; the
// words are in l10n under registryMirrors.finding.<code>[.<variant>].message / .fix, in
// the dashboard's language. A finding without texts there, or without the values they
// need (one the tab made itself, already translated), shows the message and fix it carries.
import { defineComponent } from 'vue';
import type { Finding } from './engine';
import { hasTranslation } from './store';

export function findingTextKey(f: Pick<Finding, 'code' | 'variant'>, part: 'message' | 'fix'): string {
  return `registryMirrors.finding.${ f.code }${ f.variant ? `.${ f.variant }` : '' }.${ part }`;
}

export const rawT = defineComponent({
  methods: {
    tr(key: string, args: Record<string, unknown> = {}): string {
      return this.t(key, args, true);
    },
    findingText(f: Finding, part: 'message' | 'fix'): string {
      const key = findingTextKey(f, part);

      if (!hasTranslation(this.$store, key)) {
        return f[part];
      }
      try {
        return this.tr(key, f.params || {});
      } catch {
        // a finding made outside the engine without the placeholder values: its own text
        return f[part];
      }
    },
    findingMessage(f: Finding): string {
      return this.findingText(f, 'message');
    },
    findingFix(f: Finding): string {
      return this.findingText(f, 'fix');
    },
  },
});
