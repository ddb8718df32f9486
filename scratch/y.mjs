import { parseAllDocuments, parseDocument } from 'yaml';
const opts = { version: '1.1', uniqueKeys: true, customTags: (tags) => { console.log(tags.map(t=>t.tag+ ' ' + (t.format||'') + ' '+ (t.test||''))); return tags.filter(t => /:(bool|null|map|seq|str|merge)$/.test(t.tag)); } };
const t = `a: yes\nb: on\nc: 0x1F\nd: 1e999\ne: ~\nf: 2024-01-01\ng: <<\nbase: &b {x: 1}\nm:\n  <<: *b\n  y: 'no'\nn: NO\n`;
const d = parseDocument(t, opts);
console.log(d.errors, JSON.stringify(d.toJS()));
const e = parseDocument('a: 1\na: 2\n', opts); console.log(e.errors[0]?.message, e.errors[0]?.linePos);
const f = parseDocument('a: [1\n', opts); console.log(f.errors[0]?.message, f.errors[0]?.linePos, f.errors[0]?.code);
