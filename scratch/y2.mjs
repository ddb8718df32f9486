import { parseAllDocuments, parseDocument, visit, isScalar, isPair } from 'yaml';
const t = `# top\na: yes # c1\n'b': on\nc: 0x1F\ny: 1\n? |\n  z\n: 2\ne: ~\n`;
const docs = parseAllDocuments(t, { version: '1.1', uniqueKeys: true });
const d = docs[0];
visit(d, { Scalar(k, node) { console.log(k, JSON.stringify(node.value), node.source, node.type, node.range); } });
console.log(JSON.stringify(d.toJS({maxAliasCount: 100})));
console.log(parseAllDocuments('', {version:'1.1'}), parseAllDocuments('# c\n', {version:'1.1'}).length);
const b = parseAllDocuments('\ufeffa: 1\n', {version:'1.1'}); console.log(b[0].errors, b[0].toJS());
