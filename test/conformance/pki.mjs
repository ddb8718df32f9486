// Dummy TLS material for the generated registries.yaml files. containerd 1.6 reads
// every ca/client file a hosts.toml names (a missing or unparsable file changes what
// ctr does), so the suite writes these real PEM files into its temp dir.
// TEST-ONLY: a self-signed P-256 certificate and its key, made for this suite with
//   openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -days 36500
// They protect nothing and are never used for a connection (ctr runs without a network).
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';

const CERT = `-----BEGIN CERTIFICATE-----
MIIBoTCCAUegAwIBAgIUVtYvtzx3wJAvkUCZY+26EWasenQwCgYIKoZIzj0EAwIw
JTEjMCEGA1UEAwwacmVnaXN0cnktcm91dGUtY29uZm9ybWFuY2UwIBcNMjYxMTIz
MjAyMjI4WhgPMjEyNjEwMzAyMDIyMjhaMCUxIzAhBgNVBAMMGnJlZ2lzdHJ5LXJv
dXRlLWNvbmZvcm1hbmNlMFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAEMzaKI4g8
Ag2k0RY0M0g7SnvDE6fnSQgS9GXGIIhtKCGGYf2q3GtTsW34D8tUuSmwFQGcoETx
VperCBzzJB6pY6NTMFEwHQYDVR0OBBYEFKe2idMrS2gAFDeS0SVbW1Qy8bXAMB8G
A1UdIwQYMBaAFKe2idMrS2gAFDeS0SVbW1Qy8bXAMA8GA1UdEwEB/wQFMAMBAf8w
CgYIKoZIzj0EAwIDSAAwRQIhAOUSyMNjKVArYny1IDy/jMiqf86pkj04CKT1P0A1
66EZAiB9qXHlGZQPW2DlnNmcM6pr0t5iO12v9Z5Zojhw3g+jLw==
-----END CERTIFICATE-----
`;

const KEY = `-----BEGIN PRIVATE KEY-----
MIGHAgEAMBMGByqGSM49AgEGCCqGSM49AwEHBG0wawIBAQQgRBvcYS6mGXnwZYLk
uDwDJska5mgQsV4mKbycBH5fbX+hRANCAAQzNoojiDwCDaTRFjQzSDtKe8MTp+dJ
CBL0ZcYgiG0oIYZh/arca1OxbfgPy1S5KbAVAZygRPFWl6sIHPMkHqlj
-----END PRIVATE KEY-----
`;

/** Write ca.pem, ca2.pem, client.crt, client.key into DIR; return their paths. */
export function writePki(dir) {
  mkdirSync(dir, { recursive: true });
  const pki = {
    ca: path.join(dir, 'ca.pem'),
    ca2: path.join(dir, 'ca2.pem'),
    cert: path.join(dir, 'client.crt'),
    key: path.join(dir, 'client.key'),
  };
  writeFileSync(pki.ca, `${CERT}\n`);
  writeFileSync(pki.ca2, `${CERT}\n`);
  writeFileSync(pki.cert, `${CERT}\n`);
  writeFileSync(pki.key, `${KEY}\n`, { mode: 0o600 });
  return pki;
}
