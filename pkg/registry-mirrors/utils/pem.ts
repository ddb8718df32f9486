// CA bundle reading lives in the engine (src/input/pem.ts): the tab and the fleet
// posture read certificates the same way.
export {
  utf8ToBase64, base64ToUtf8, readCaBundle, caBundleToStore, readCertificate, readPemCertificates
} from './engine';
export type {
  CaBundleForm, CaBundleRead, CertInfo, CertRead
} from './engine';
