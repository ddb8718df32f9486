// Stand-in for 'cronstrue' in the extension build (alias in ../vue.config.js), with
// cron-validator.js. The shell's LabeledInput describes a cron expression in words
// only for type="cron", which the tab never uses; the two libraries are ~6 KB gzip.
// A cron field would show no description (an empty hint is not rendered).
export default {
  toString() {
    return '';
  },
};
