// Stand-in for 'lodash/cloneDeep' in the extension build (alias in ../vue.config.js).
// lodash's cloneDeep brings ~5 KB gzip of machinery (Stack, MapCache, tag tables); the
// bundled shell code calls it on form values only (Checkbox.vue copies its value, a
// boolean or an array, before flipping it). Deep copy of plain data: arrays, objects
// (prototype kept), Date, RegExp, Map, Set, typed arrays; cycles preserved; other
// values (primitives, functions) as they are.
function copy(value, seen) {
  if (value === null || typeof value !== 'object') {
    return value;
  }
  if (seen.has(value)) {
    return seen.get(value);
  }
  let out;

  if (value instanceof Date) {
    return new Date(value.getTime());
  }
  if (value instanceof RegExp) {
    return new RegExp(value.source, value.flags);
  }
  if (ArrayBuffer.isView(value)) {
    return value.slice ? value.slice() : new value.constructor(value);
  }
  if (value instanceof Map) {
    out = new Map();
    seen.set(value, out);
    value.forEach((v, k) => out.set(k, copy(v, seen)));

    return out;
  }
  if (value instanceof Set) {
    out = new Set();
    seen.set(value, out);
    value.forEach((v) => out.add(copy(v, seen)));

    return out;
  }
  out = Array.isArray(value) ? [] : Object.create(Object.getPrototypeOf(value));
  seen.set(value, out);
  for (const key of Object.keys(value)) {
    out[key] = copy(value[key], seen);
  }
  for (const sym of Object.getOwnPropertySymbols(value)) {
    if (Object.prototype.propertyIsEnumerable.call(value, sym)) {
      out[sym] = copy(value[sym], seen);
    }
  }

  return out;
}

export default function cloneDeep(value) {
  return copy(value, new Map());
}
