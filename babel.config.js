// The shell's babel config, as in every Rancher extension skeleton (used by `npm run dev`/`build`).
module.exports = require('@rancher/shell/babel.config.js');
