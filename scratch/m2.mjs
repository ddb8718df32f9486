import { Document, Scalar, parseDocument, visit, isScalar } from 'yaml';
const doc = new Document({ rewrite: { '<<': ' ' } }, { version: '1.1' });
visit(doc, { Pair(_, pair) { console.log(pair.key); if (isScalar(pair.key) && pair.key.value === '<<') { pair.key.type = 'QUOTE_DOUBLE'; pair.key.tag = 'tag:yaml.org,2002:str'; } } });
console.log(doc.toString());
