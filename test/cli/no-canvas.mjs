// Loaded with `node --import` in a test: makes the optional `canvas` packages unresolvable, as on a
// machine where they could not be built, without touching node_modules.
import { register } from 'node:module';

register(
  'data:text/javascript,' +
    encodeURIComponent(`
export async function resolve(specifier, context, next) {
  if (specifier === 'canvas' || specifier === 'chartjs-node-canvas') {
    const err = new Error('Cannot find package ' + specifier);
    err.code = 'ERR_MODULE_NOT_FOUND';
    throw err;
  }
  return next(specifier, context);
}`),
);
