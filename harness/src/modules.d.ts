// Types for what the standalone page and the component tests import besides typed
// packages: Vite's import.meta.glob, translation files (a YAML transform turns them into
// objects) and the shell's plain-JS plugins and directives (no declarations shipped).
/// <reference types="vite/client" />

declare module '*.yaml' {
  const value: Record<string, unknown>;
  export default value;
}

declare module '@shell/directives/*';
declare module '@shell/plugins/*';
declare module '@shell/mixins/*';
declare module '@shell/store/*';
declare module 'vue-select';

/** What the standalone page exposes to the browser tests (App.vue). */
interface Window {
  __harness?: Record<string, unknown>;
}
