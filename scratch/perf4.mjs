import { parseAllDocuments } from 'yaml';
import jsyaml from 'js-yaml';
const s = 'mirrors:\n  docker.io:\n    endpoint: ["https://' + 'a:'.repeat(500000) + '"]\n';
const p = 'configs:\n  r.example.com:\n    caBundle: ' + 'LS0tLS1CRUdJTiBDRVJUSUZJQ0FURS0tLS0teHl6'.repeat(25000) + '\n';
for (const [n, t] of [['quoted', s], ['plain', p]]) {
  let t0 = performance.now(); parseAllDocuments(t, { version: '1.1', uniqueKeys: false })[0].toJS(); console.log(n, 'yaml', (performance.now() - t0).toFixed(0));
  t0 = performance.now(); jsyaml.load(t); console.log(n, 'js-yaml', (performance.now() - t0).toFixed(0));
}
let m = 'mirrors:\n'; for (let i = 0; i < 20000; i++) m += `  m${i}.example.com:\n    endpoint: ["https://x${i}.example.com"]\n`;
let t0 = performance.now(); jsyaml.load(m); console.log('20k js-yaml', (performance.now() - t0).toFixed(0));
t0 = performance.now(); parseAllDocuments(m, { version: '1.1', uniqueKeys: false })[0].toJS(); console.log('20k yaml', (performance.now() - t0).toFixed(0));
