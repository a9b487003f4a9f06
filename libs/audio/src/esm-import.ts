import vm from 'node:vm';

/**
 * The wasm Ogg decoders are ESM-only, and this workspace compiles to CommonJS, where
 * TypeScript would rewrite `import()` into `require()`. A dynamic import compiled by vm
 * escapes that rewrite; USE_MAIN_CONTEXT_DEFAULT_LOADER also makes it work inside jest's
 * per-file realms, where a plain `new Function('s', 'return import(s)')` is refused
 * without --experimental-vm-modules. Node prints one ExperimentalWarning for it per process.
 */
const dynamicImport = vm.runInThisContext('(specifier) => import(specifier)', {
  importModuleDynamically: vm.constants.USE_MAIN_CONTEXT_DEFAULT_LOADER,
}) as (specifier: string) => Promise<unknown>;

const loaded = new Map<string, Promise<unknown>>();

/** Loads an ESM package once per process. */
export function importEsm<T>(specifier: string): Promise<T> {
  let module = loaded.get(specifier);
  if (!module) {
    module = dynamicImport(specifier);
    loaded.set(specifier, module);
  }
  return module as Promise<T>;
}
