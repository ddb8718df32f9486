import { Lexer, Parser, Composer, parseAllDocuments } from 'yaml';
let t = 'mirrors:\n'; for (let i = 0; i < 20000; i++) t += `  m${i}.example.com:\n    endpoint: ["https://x${i}.example.com"]\n`;
let t0 = performance.now(); let n = 0; for (const tok of new Lexer().lex(t)) n++; console.log('lex', (performance.now() - t0).toFixed(0), n);
t0 = performance.now(); const toks = [...new Parser().parse(t)]; console.log('parse', (performance.now() - t0).toFixed(0));
t0 = performance.now(); const docs = [...new Composer({ version: '1.1', uniqueKeys: false }).compose(toks)]; console.log('compose', (performance.now() - t0).toFixed(0));
t0 = performance.now(); docs[0].toJS(); console.log('toJS', (performance.now() - t0).toFixed(0));
let s = 'mirrors:\n'; for (let i = 0; s.length < 1e6; i++) s += `  k${i}:\n`;
t0 = performance.now(); parseAllDocuments(s, { version: '1.1', uniqueKeys: false }); console.log('short keys', (performance.now() - t0).toFixed(0));
