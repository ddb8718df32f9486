import { Document, parseDocument, visit, isScalar } from 'yaml';
const doc = new Document({ rewrite: { '<<': ' ' } }, { version: '1.1', merge: false });
visit(doc, { Pair(_, pair) { if (isScalar(pair.key) && pair.key.value === '<<') pair.key.type = 'QUOTE_DOUBLE'; } });
const t = doc.toString(); console.log(t);
const d = parseDocument(t, { version: '1.1', merge: true }); console.log(d.errors.map(e=>e.message), JSON.stringify(d.toJS()));
const d2 = parseDocument('a: {"<<": " "}\n', { version: '1.1', merge: true }); console.log(d2.errors.map(e=>e.message), JSON.stringify(d2.toJS()));
