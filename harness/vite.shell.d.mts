import type { Plugin, UserConfig } from 'vite';

export declare const ROOT: string;
export declare const PKG: string;
export declare const SHELL_LINK: string;
export declare function ensureShellLink(): string;
export declare function yamlPlugin(): Plugin;
export declare function shellViteConfig(): Required<Pick<UserConfig, 'resolve' | 'css' | 'define'>>;
export declare const SHELL_INLINE_DEPS: RegExp[];
