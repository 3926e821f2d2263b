// fklint for Node.js (ESM): the same instance as node.cjs (`import` and `require` share it), with `init` as the
// default export so that `import init, { check } from 'fklint'; await init();` runs unchanged in Node.js.
import fklint from './node.cjs';

export const check = fklint.check;
export const schema = fklint.schema;
export const layout = fklint.layout;
export const rules = fklint.rules;
export const version = fklint.version;
export const initSync = fklint.initSync;
export const initFull = fklint.initFull;
export const prepare = fklint.prepare;
export const __fklint_panic_for_tests = fklint.__fklint_panic_for_tests;
export default fklint.init;
