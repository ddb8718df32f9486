import { Document, visit, isScalar } from 'yaml';
const doc = new Document({ rewrite: { '<<': ' ' } }, { version: '1.1', merge: false , schema: 'yaml-1.1'});
console.log(doc.toString());
const d2 = new Document({ rewrite: { '<<': ' ' } }, { version: '1.1', customTags: (t) => t.filter(x => !/merge/.test(x.tag)) });
console.log(d2.toString());
