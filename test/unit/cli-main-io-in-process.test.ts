// main() and io.ts in this process: --version/--help, unknown commands, the exit codes of
// a failed run (README: 2 bad input, 3 a bug; a reader that went away ends quietly), stdin
// read once, output written straight to a redirected file descriptor, chunked output and
// the 0600 file writer. Standard input and fd 1 are stood in for through a mock of
// node:fs / node:tty (the worker's real fd 0 and 1 are not ours to read or redirect);
// every other file-system call is the real one. Expected texts are written by hand from
// the README's CLI section and the messages io.ts documents (path, reason, fix).
import { lstatSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';

const fake = vi.hoisted(() => ({
  stdin: undefined as undefined | string | { code: string },
  stdinReads: 0,
  fd1: undefined as undefined | 'file' | 'tty-char' | 'char' | 'pipe',
  fd1Written: [] as string[],
  shortFirstWrite: 0,
  eagainPath: '',
  modeOf: undefined as undefined | number,
}));

vi.mock('node:fs', async(importOriginal) => {
  const real = await importOriginal<typeof import('node:fs')>();
  const readFileSync = ((p: unknown, ...rest: unknown[]) => {
    if (p === 0 && fake.stdin !== undefined) {
      fake.stdinReads++;
      if (typeof fake.stdin !== 'string') throw Object.assign(new Error('read'), fake.stdin);
      return Buffer.from(fake.stdin);
    }
    if (fake.eagainPath && p === fake.eagainPath) throw Object.assign(new Error('EAGAIN: resource temporarily unavailable'), { code: 'EAGAIN' });
    return (real.readFileSync as (...a: unknown[]) => unknown)(p, ...rest);
  }) as typeof real.readFileSync;
  const fstatSync = ((fd: number, ...rest: unknown[]) => {
    if (fd === 1 && fake.fd1) {
      const kind = fake.fd1;
      return { isFile: () => kind === 'file', isCharacterDevice: () => kind === 'char' || kind === 'tty-char' } as never;
    }
    const st = (real.fstatSync as (...a: unknown[]) => { mode: number })(fd, ...rest);
    return fake.modeOf !== undefined ? Object.assign(Object.create(Object.getPrototypeOf(st)), st, { mode: fake.modeOf }) : st;
  }) as typeof real.fstatSync;
  const writeSync = ((fd: number, data: string | Buffer, off?: number) => {
    if (fd === 1 && fake.fd1) {
      let bytes = typeof data === 'string' ? Buffer.from(data) : data.subarray(off ?? 0);
      if (fake.shortFirstWrite) {
        bytes = bytes.subarray(0, fake.shortFirstWrite);
        fake.shortFirstWrite = 0;
      } else if (typeof data !== 'string') bytes = bytes.subarray(0, 3); // a slow device: 3 bytes at a time
      fake.fd1Written.push(bytes.toString('latin1'));
      return bytes.length;
    }
    return (real.writeSync as (...a: unknown[]) => number)(fd, data, off);
  }) as typeof real.writeSync;
  return { ...real, default: { ...real, readFileSync, fstatSync, writeSync }, readFileSync, fstatSync, writeSync };
});
vi.mock('node:tty', async(importOriginal) => {
  const real = await importOriginal<typeof import('node:tty')>();
  const isatty = (fd: number) => (fd === 1 && fake.fd1 ? fake.fd1 === 'tty-char' : real.isatty(fd));
  return { ...real, default: { ...real, isatty }, isatty };
});

// eslint-disable-next-line import/first -- after the mocks
import { failed, main, outputFailure } from '../../src/cli/main';
// eslint-disable-next-line import/first
import { ChunkedOut, fsReason, outputOf, readInput, resetStdin, writePrivateFile } from '../../src/cli/io';
// eslint-disable-next-line import/first
import { UsageError } from '../../src/cli/args';

afterEach(() => {
  Object.assign(fake, { stdin: undefined, stdinReads: 0, fd1: undefined, fd1Written: [], shortFirstWrite: 0, eagainPath: '', modeOf: undefined });
  resetStdin();
});

function collector() {
  const o = { text: '', calls: [] as string[], write: (s: string) => { o.text += s; o.calls.push(s); return true; } };
  return o;
}
function run(args: string[], stdout: { write(s: string): unknown } = collector()) {
  const err = collector();
  const code = main(args, stdout as never, err as never);
  return { code, stdout: (stdout as { text?: string }).text ?? '', stderr: err.text };
}
const dir = mkdtempSync(join(tmpdir(), 'rr-main-io-'));
const VERSION = JSON.parse(readFileSync(join(__dirname, '../../package.json'), 'utf8')).version as string;
const CLUSTERS = 'apiVersion: v1\nkind: List\nitems:\n- {apiVersion: provisioning.cattle.io/v1, kind: Cluster, metadata: {name: dev, namespace: fleet-default}, spec: {kubernetesVersion: v1.32.5+k3s1, rkeConfig: {}}}\n';

describe('main: the commands every run can reach', () => {
  it.each([['--version'], ['-V'], ['check', '--version']])('%s prints "registry-route <version of package.json>", exit 0', (...args) => {
    expect(run(args)).toEqual({ code: 0, stdout: `registry-route ${VERSION}\n`, stderr: '' });
  });
  it('version wins over --help', () => {
    expect(run(['--help', '--version']).stdout).toBe(`registry-route ${VERSION}\n`);
  });
  it.each([['--help'], ['-h'], ['fleet', '--help']])('%s prints the usage, exit 0', (...args) => {
    const r = run(args);
    expect([r.code, r.stderr]).toEqual([0, '']);
    expect(r.stdout.split('\n')[0]).toBe('Usage:');
    expect(r.stdout).toContain('registry-route check [options]');
    expect(r.stdout).toContain('registry-route fleet [--system-default-registry R] [--secrets FILE] [--image IMAGE]');
  });
  it('the `version` and `help` words do the same', () => {
    expect(run(['version']).stdout).toBe(`registry-route ${VERSION}\n`);
    expect(run(['help']).stdout.split('\n')[0]).toBe('Usage:');
  });
  it('probe is not run by main() (it is asynchronous; bin/ runs it): an unknown command, exit 2', () => {
    expect(run(['probe', 'nginx'])).toEqual({ code: 2, stdout: '', stderr: 'registry-route: unknown command probe\n' });
  });
});

describe('main: how a failed run ends', () => {
  const throwing = (e: unknown) => ({ write: () => { throw e; } });
  it('a reader that went away (EPIPE, a destroyed stream): exit 0, nothing on stderr', () => {
    for (const code of ['EPIPE', 'ERR_STREAM_DESTROYED']) {
      expect(run(['--version'], throwing(Object.assign(new Error(`${code}: gone`), { code })))).toEqual({ code: 0, stdout: '', stderr: '' });
    }
  });
  it.each(['ENOSPC', 'EDQUOT', 'EIO'])('%s while writing: exit 2, the first line of the reason', (code) => {
    const r = run(['--version'], throwing(Object.assign(new Error(`${code}: no room, write\nsecond line`), { code })));
    expect(r).toEqual({ code: 2, stdout: '', stderr: `registry-route: cannot write the output: ${code}: no room, write\n` });
  });
  it('any other error is a bug: exit 3, "internal error" and its message', () => {
    expect(run(['--version'], throwing(new TypeError('x is not a function')))).toEqual({ code: 3, stdout: '', stderr: 'registry-route: internal error: x is not a function\n' });
    expect(run(['--version'], throwing(Object.assign(new Error('odd'), { code: 'EBADF' }))).code).toBe(3);
  });
  it('a thrown value that is no Error is still named; stderr gone too does not throw', () => {
    const err = collector();
    expect(failed('plain text', err)).toBe(3);
    expect(failed(undefined, err)).toBe(3);
    expect(failed(null, err)).toBe(3);
    expect(err.text).toBe('registry-route: internal error: plain text\nregistry-route: internal error: undefined\nregistry-route: internal error: null\n');
    expect(failed(new UsageError('bad flag'), throwing(new Error('stderr closed')) as never)).toBe(2);
  });
  it('outputFailure: quiet 0 for a gone reader, 2 for a full disk, undefined otherwise', () => {
    expect([outputFailure({ code: 'EPIPE' }), outputFailure({ code: 'ERR_STREAM_DESTROYED' }), outputFailure({ code: 'ENOSPC' }), outputFailure({ code: 'EDQUOT' }), outputFailure({ code: 'EIO' })]).toEqual([0, 0, 2, 2, 2]);
    expect([outputFailure({ code: 'EACCES' }), outputFailure({}), outputFailure(undefined), outputFailure(null), outputFailure({ code: '' })]).toEqual([undefined, undefined, undefined, undefined, undefined]);
  });
});

describe('io: reading inputs', () => {
  it('- reads stdin', () => {
    fake.stdin = CLUSTERS;
    const r = run(['fleet', '--json', '-']);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).clusters[0].name).toBe('dev');
    expect(fake.stdinReads).toBe(1);
  });
  it('stdin is read only once: the second - names what to give as a file', () => {
    fake.stdin = CLUSTERS;
    expect(run(['fleet', '--secrets', '-', '-'])).toEqual({ code: 2, stdout: '', stderr: "registry-route: stdin ('-') can be read only once; give the Secrets file as a file\n" });
    expect(fake.stdinReads).toBe(1);
  });
  it('readInput names "file" by default; resetStdin lets the next run read stdin again', () => {
    fake.stdin = 'a: 1\n';
    expect(readInput('-')).toBe('a: 1\n');
    expect(() => readInput('-')).toThrow(new UsageError("stdin ('-') can be read only once; give the file as a file"));
    resetStdin();
    expect(readInput('-', 'x')).toBe('a: 1\n');
  });
  it('each main() run starts with stdin unread', () => {
    fake.stdin = CLUSTERS;
    expect(run(['fleet', '-']).code).toBe(0);
    expect(run(['fleet', '-']).code).toBe(0);
    expect(fake.stdinReads).toBe(2);
  });
  it('a non-blocking stdin with nothing in it (EAGAIN) is empty input, not an error', () => {
    fake.stdin = { code: 'EAGAIN' };
    expect(readInput('-')).toBe('');
    expect(run(['fleet', '-']).stderr).toBe('registry-route: -: no resources in it (expected a List of provisioning.cattle.io/v1 Clusters)\n');
  });
  it('other stdin errors and EAGAIN on a named file are errors naming the input', () => {
    fake.stdin = { code: 'EISDIR' };
    expect(() => readInput('-')).toThrow(new UsageError('cannot read -: it is a directory'));
    fake.eagainPath = join(dir, 'fifo.yaml');
    expect(() => readInput(fake.eagainPath)).toThrow(new UsageError(`cannot read ${fake.eagainPath}: EAGAIN: resource temporarily unavailable`));
  });
  it('a file that is not UTF-8: the file named and the fix', () => {
    const p = join(dir, 'latin1.yaml');
    writeFileSync(p, Buffer.from([0x61, 0x3a, 0x20, 0xe9, 0x0a]));
    expect(() => readInput(p)).toThrow(new UsageError(`${p} is not UTF-8 text (save it as UTF-8)`));
  });
  it('fsReason: the reason in words, else the message, else the value', () => {
    expect([fsReason({ code: 'ENOENT' }), fsReason({ code: 'ELOOP' }), fsReason(Object.assign(new Error('weird'), { code: 'EWEIRD' })), fsReason(undefined), fsReason(null), fsReason('text')]).toEqual([
      'no such file or directory',
      'it is a symbolic link',
      'weird',
      'undefined',
      'null',
      'text',
    ]);
  });
});

describe('io: where the output goes', () => {
  it('any writer but process.stdout is used as it is', () => {
    const o = collector();
    for (const kind of [undefined, 'file', 'char'] as const) {
      fake.fd1 = kind;
      expect(outputOf(o)).toBe(o);
    }
  });
  it.each([['pipe'], ['tty-char']] as const)('process.stdout on a %s stays process.stdout', (kind) => {
    fake.fd1 = kind;
    expect(outputOf(process.stdout)).toBe(process.stdout);
  });
  it.each([['file'], ['char']] as const)('process.stdout redirected to a %s (> out.json, > /dev/null): written straight to fd 1', (kind) => {
    fake.fd1 = kind;
    const out = outputOf(process.stdout);
    expect(out).not.toBe(process.stdout);
    expect(out.write('héllo\n')).toBe(true);
    expect(Buffer.from(fake.fd1Written.join(''), 'latin1').toString()).toBe('héllo\n');
  });
  it('a short write: the rest follows as bytes until all is written', () => {
    fake.fd1 = 'file';
    fake.shortFirstWrite = 2;
    outputOf(process.stdout).write('ab€cdefgh');
    expect(fake.fd1Written[0]).toBe('ab');
    expect(Buffer.from(fake.fd1Written.join(''), 'latin1').toString()).toBe('ab€cdefgh');
  });
  it('ChunkedOut hands pieces on in chunks once they reach the size, and flush sends the rest once', () => {
    const o = collector();
    const c = new ChunkedOut(o, 4);
    c.write('ab');
    expect(o.calls).toEqual([]);
    c.write('cd');
    expect(o.calls).toEqual(['abcd']);
    c.write('e');
    c.write('fg');
    expect(o.calls).toEqual(['abcd']);
    c.write('h');
    expect(o.calls).toEqual(['abcd', 'efgh']);
    c.write('i');
    c.flush();
    c.flush();
    expect(o.calls).toEqual(['abcd', 'efgh', 'i']);
  });
});

describe('io: writePrivateFile (convert --secrets-out)', () => {
  const FIX = 'add --force to replace it';
  let k = 0;
  const target = () => join(mkdtempSync(join(dir, `w${k++}-`)), 'secrets.yaml');
  const leftovers = (p: string) => readdirSync(join(p, '..')).filter((f) => f.endsWith('.tmp'));

  it('a new file: the text, mode 0600, no temporary file left', () => {
    const p = target();
    writePrivateFile(p, 'kind: Secret\n', false, FIX);
    expect(readFileSync(p, 'utf8')).toBe('kind: Secret\n');
    expect(statSync(p).mode & 0o777).toBe(0o600);
    expect(leftovers(p)).toEqual([]);
  });
  it('an existing file: nothing written without force (the fix named); replaced with force, mode 0600', () => {
    const p = target();
    writeFileSync(p, 'old\n', { mode: 0o644 });
    expect(() => writePrivateFile(p, 'new\n', false, FIX)).toThrow(new UsageError(`${p} exists; nothing was written (add --force to replace it)`));
    expect(readFileSync(p, 'utf8')).toBe('old\n');
    writePrivateFile(p, 'new\n', true, FIX);
    expect(readFileSync(p, 'utf8')).toBe('new\n');
    expect(statSync(p).mode & 0o777).toBe(0o600);
  });
  it('a symbolic link is never followed, even with force', () => {
    const p = target();
    const real = join(p, '..', 'real.yaml');
    writeFileSync(real, 'keep\n');
    symlinkSync(real, p);
    expect(() => writePrivateFile(p, 'new\n', true, FIX)).toThrow(new UsageError(`${p} is a symbolic link; it is not followed (give the real path)`));
    expect(readFileSync(real, 'utf8')).toBe('keep\n');
    expect(lstatSync(p).isSymbolicLink()).toBe(true);
  });
  it('a directory in the way: "exists and is not a file", even with force', () => {
    const p = target();
    mkdirSync(p);
    expect(() => writePrivateFile(p, 'new\n', true, FIX)).toThrow(new UsageError(`${p} exists and is not a file`));
  });
  it('a path under a file: the reason, before anything is tried', () => {
    const f = target();
    writeFileSync(f, 'x');
    const p = join(f, 'secrets.yaml');
    expect(() => writePrivateFile(p, 'new\n', true, FIX)).toThrow(new UsageError(`cannot write ${p}: a part of the path is not a directory`));
  });
  it('a missing directory: the reason and "nothing was written"', () => {
    const p = join(dir, 'no-such-dir', 'secrets.yaml');
    expect(() => writePrivateFile(p, 'new\n', false, FIX)).toThrow(new UsageError(`cannot write ${p}: no such file or directory; nothing was written`));
  });
  it('a file system that keeps group/other bits despite chmod: refused, no file, no temporary left', () => {
    const p = target();
    fake.modeOf = 0o100644;
    expect(() => writePrivateFile(p, 'password: x\n', false, FIX)).toThrow(new UsageError(`cannot write ${p}: operation not permitted; nothing was written`));
    fake.modeOf = undefined;
    expect(readdirSync(join(p, '..'))).toEqual([]);
  });
});
