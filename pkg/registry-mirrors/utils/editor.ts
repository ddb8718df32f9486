// What the tab's child components may change, provided by RegistryMirrorsTab. Every
// method is a no-op in view mode; all of them edit the live cluster model in place.
import type { ConfigField } from './edit';

export interface AuthSecretRequest {
  type: 'rke.cattle.io/auth-config' | 'kubernetes.io/basic-auth';
  username: string;
  password: string;
}

export interface RegistriesEditor {
  renameMirror(from: string, to: string): boolean;
  removeMirror(key: string): void;
  addEndpoint(key: string, url: string): void;
  setEndpoint(key: string, index: number, url: string): void;
  removeEndpoint(key: string, index: number): void;
  moveEndpoint(key: string, from: number, to: number): void;
  addRewrite(key: string, pattern: string, replacement: string): boolean;
  renameRewrite(key: string, from: string, to: string): boolean;
  setRewriteReplacement(key: string, pattern: string, replacement: string): void;
  removeRewrite(key: string, pattern: string): void;
  addConfig(host: string): boolean;
  renameConfig(from: string, to: string): boolean;
  removeConfig(host: string): void;
  setConfigField(host: string, field: ConfigField, value: string | boolean | null | undefined): void;
  /** creates the Secret in the cluster's namespace now and points the config at it */
  createAuthSecret(host: string, req: AuthSecretRequest): Promise<string>;
  /** deletes a Secret the tab created (create mode: the cluster may never be created) */
  deleteAuthSecret(host: string, name: string): Promise<void>;
}

export const EDITOR_KEY = 'registryMirrorsEditor';
