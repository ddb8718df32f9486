import { parseAllDocuments } from 'yaml';
let t = 'mirrors:\n'; for (let i = 0; i < 20000; i++) t += `  m${i}.example.com:\n    endpoint: ["https://x${i}.example.com"]\n`;
for (const uk of [true, false]) { const t0 = performance.now(); const d = parseAllDocuments(t, { version: '1.1', uniqueKeys: uk }); const t1 = performance.now(); d[0].toJS(); console.log(uk, (t1 - t0).toFixed(0), (performance.now() - t1).toFixed(0)); }
let deep = 'a: ' + '['.repeat(5000) + ']'.repeat(5000) + '\n';
try { const t0 = performance.now(); const d = parseAllDocuments(deep, { version: '1.1' }); console.log('deep', performance.now() - t0, d[0]?.errors?.length); d[0].toJS(); } catch (e) { console.log('deep err', e.constructor.name, e.message.slice(0,80)); }
