// The tool's version: the version of this repository's package.json.
import { version } from '../../package.json';

export const VERSION: string = version;
