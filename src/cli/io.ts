// Reading inputs and writing outputs for registry-route: every failure is a
// one-line UsageError naming the path and the fix (exit 2), never a stack.
import { closeSync, constants, fchmodSync, fstatSync, lstatSync, openSync, readFileSync, renameSync, rmSync, writeSync } from 'node:fs';
import { isatty } from 'node:tty';
import { basename, dirname, join } from 'node:path';
import { UsageError } from './args';

export interface Out {
  write(s: string): unknown;
}
export interface Io {
  out: Out;
  err: Out;
}

const REASONS: Record<string, string> = {
  ENOENT: 'no such file or directory',
  EISDIR: 'it is a directory',
  ENOTDIR: 'a part of the path is not a directory',
  EACCES: 'permission denied',
  EPERM: 'operation not permitted',
  ENOSPC: 'no space left on the device',
  EROFS: 'read-only file system',
  EEXIST: 'it exists already',
  ELOOP: 'it is a symbolic link',
  ENOTEMPTY: 'the directory is not empty',
  EDQUOT: 'disk quota exceeded',
};

/** The reason of a file-system error in words, for "cannot write PATH: reason". */
export function fsReason(e: unknown): string {
  const code = (e as NodeJS.ErrnoException)?.code;
  return (code && REASONS[code]) || (e as Error)?.message || String(e);
}

const stdinUse = { read: false };

/** A file's text ('-' = stdin, read once); UTF-8 only, as RKE2/K3s read registries.yaml. */
export function readInput(file: string, what = 'file'): string {
  let bytes: Buffer;
  if (file === '-') {
    if (stdinUse.read) throw new UsageError(`stdin ('-') can be read only once; give the ${what} as a file`);
    stdinUse.read = true;
  }
  try {
    bytes = file === '-' ? readFileSync(0) : readFileSync(file);
  } catch (e) {
    if (file === '-' && (e as NodeJS.ErrnoException).code === 'EAGAIN') bytes = Buffer.alloc(0);
    else throw new UsageError(`cannot read ${file}: ${fsReason(e)}`);
  }
  try {
    // RKE2/K3s refuse a registries.yaml that is not UTF-8; so do we, instead of guessing
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw new UsageError(`${file} is not UTF-8 text (save it as UTF-8)`);
  }
}

/**
 * Where a command writes its output. process.stdout redirected to a file or a device
 * (`> routes.json`, `> /dev/null`) is a synchronous file stream in Node: it copies every
 * string into a new Buffer and then calls fs.writeSync. The same fs.writeSync on the
 * string itself spares that copy (~20 MB of Buffers for 10,000 routes as JSON).
 * Pipes and terminals keep process.stdout (a pipe may be non-blocking); any other Out
 * (tests, the bench) is used as it is.
 */
export function outputOf(out: Out): Out {
  if (out !== process.stdout) return out;
  const fd = 1;
  try {
    const st = fstatSync(fd);
    if (!st.isFile() && !(st.isCharacterDevice() && !isatty(fd))) return out;
  } catch {
    return out;
  }
  return {
    write(s: string) {
      const written = writeSync(fd, s);
      const bytes = Buffer.byteLength(s);
      if (written < bytes) {
        // a short write (rare on files): the rest as bytes
        const buf = Buffer.from(s).subarray(written);
        for (let off = 0; off < buf.length; ) off += writeSync(fd, buf, off);
      }
      return true;
    },
  };
}

/**
 * Collects many small pieces of output and hands them to `out` in chunks of about
 * 64 KB: few write calls, and no string of the whole output (10,000 routes are ~20 MB
 * of JSON) is ever built.
 */
export class ChunkedOut {
  private parts: string[] = [];
  private size = 0;
  constructor(private readonly out: Out, private readonly chunk = 1 << 16) {}
  write(s: string): void {
    this.parts.push(s);
    this.size += s.length;
    if (this.size >= this.chunk) this.flush();
  }

  flush(): void {
    if (this.parts.length === 0) return;
    this.out.write(this.parts.length === 1 ? this.parts[0] : this.parts.join(''));
    this.parts = [];
    this.size = 0;
  }
}

/** For tests running main() several times in one process. */
export function resetStdin(): void {
  stdinUse.read = false;
}

/**
 * Writes a file with mode 0600 through a temporary file in the same directory and a
 * rename: never through a symbolic link, never half written. An existing file is
 * replaced only with `force`.
 */
export function writePrivateFile(path: string, text: string, force: boolean, fix: string): void {
  let existing: ReturnType<typeof lstatSync> | undefined;
  try {
    existing = lstatSync(path);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw new UsageError(`cannot write ${path}: ${fsReason(e)}`);
  }
  if (existing) {
    if (existing.isSymbolicLink()) throw new UsageError(`${path} is a symbolic link; it is not followed (give the real path)`);
    if (!existing.isFile()) throw new UsageError(`${path} exists and is not a file`);
    if (!force) throw new UsageError(`${path} exists; nothing was written (${fix})`);
  }
  const tmp = join(dirname(path), `.${basename(path)}.${process.pid}.${Date.now()}.tmp`);
  let fd: number | undefined;
  try {
    fd = openSync(tmp, constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL | (constants.O_NOFOLLOW ?? 0), 0o600);
    fchmodSync(fd, 0o600);
    const buf = Buffer.from(text);
    for (let off = 0; off < buf.length; ) off += writeSync(fd, buf, off);
    if ((fstatSync(fd).mode & 0o077) !== 0) throw Object.assign(new Error('mode'), { code: 'EPERM' });
    closeSync(fd);
    fd = undefined;
    renameSync(tmp, path);
  } catch (e) {
    if (fd !== undefined) closeSync(fd);
    rmSync(tmp, { force: true });
    if (e instanceof UsageError) throw e;
    throw new UsageError(`cannot write ${path}: ${fsReason(e)}; nothing was written`);
  }
}
