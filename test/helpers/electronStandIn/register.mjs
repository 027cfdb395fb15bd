// `node --import ./register.mjs out/main/index.js`: every `import ... from 'electron'` of the built
// shell resolves to the recording stand-in next to this file instead of the npm package (which
// only exports the path of a binary that cannot be downloaded here).
import { register } from 'node:module'

register('./hooks.mjs', import.meta.url)
