#!/usr/bin/env node
// npm start [-- --port 5180] [--host 127.0.0.1] [--open-sample airgap-rke2-v1.31.6]
// Starts the Vite dev server for harness/ (the extension's tab on sample clusters) and
// prints its URL. Query parameters select sample, theme and mode:
//   /?sample=k3s-rewrites-embedded&theme=dark&mode=view
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { createServer } from 'vite';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

const { values } = parseArgs({
  options: {
    port: { type: 'string', short: 'p' },
    host: { type: 'string', default: '127.0.0.1' },
    help: { type: 'boolean', short: 'h' },
  },
  allowPositionals: false,
});

if (values.help) {
  console.log('Usage: npm start -- [--port N] [--host 127.0.0.1]');
  process.exit(0);
}

const port = Number(values.port ?? process.env.PORT ?? 5180);

if (!Number.isInteger(port) || port < 0 || port > 65535) {
  console.error(`Invalid --port: ${ values.port }`);
  process.exit(2);
}

const server = await createServer({
  configFile: path.join(ROOT, 'harness', 'vite.config.mjs'),
  server:     { host: values.host, port, strictPort: true },
});

try {
  await server.listen();
} catch (e) {
  console.error(`Could not start the harness on ${ values.host }:${ port }: ${ e?.message || e }`);
  process.exit(1);
}

const address = server.httpServer?.address();
const actualPort = typeof address === 'object' && address ? address.port : port;
const url = `http://${ values.host }:${ actualPort }/`;

console.log(`registry-mirrors harness: ${ url }`);
console.log(`  samples: ${ url }?sample=empty-new | airgap-rke2-v1.31.6 | k3s-rewrites-embedded  (&theme=dark&mode=create|edit|view)`);

const stop = async() => {
  await server.close();
  process.exit(0);
};

process.on('SIGINT', stop);
process.on('SIGTERM', stop);
