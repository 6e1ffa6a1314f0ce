/**
 * Node's own require (not a test runner's stand-in, which cannot load ES modules), from the built-in
 * module table as Node 20.16+ gives it. Node 20.19+ loads an ES-module-only package with it
 * (`require(esm)`), synchronously, the same way in the built API and under jest, whose own `import()`
 * of such a package breaks once a second spec file of the same worker loads it again.
 */
export function nodeRequire(): NodeJS.Require {
  const modules = process.getBuiltinModule('node:module') as typeof import('node:module');
  return modules.createRequire(__filename);
}
