// t() of the shell escapes HTML (&, <, >, quotes) unless asked for the raw string.
// Vue's {{ }} and attribute bindings escape on their own, so the tab always asks for
// the raw string and lets Vue render it as text – never as HTML.
import { defineComponent } from 'vue';

export const rawT = defineComponent({
  methods: {
    tr(key: string, args: Record<string, unknown> = {}): string {
      return this.t(key, args, true);
    },
  },
});
