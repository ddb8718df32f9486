import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
export const E2E = path.join(ROOT, 'test', 'e2e');
export const RESULTS = path.join(ROOT, 'test-results');
export const SCREENSHOTS = path.join(ROOT, 'assets', 'screenshots');
export const PKG_NAME = 'registry-mirrors';
