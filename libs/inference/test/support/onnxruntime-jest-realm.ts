import vm from 'node:vm';

/**
 * Jest runs each test file in its own realm with its own Float32Array, while
 * onnxruntime-node's native binding builds output tensors with the main realm's typed
 * arrays, and onnxruntime-common then rejects them ("A float32 tensor's data must be type
 * of function Float32Array()"). It runs before every test file so both
 * sides use the main realm's constructors. Production processes have one realm and need
 * nothing. jest.config.cjs lists it in setupFiles.
 */
const typedArrays = [
  'Float32Array', 'Float64Array', 'Int8Array', 'Int16Array', 'Int32Array',
  'Uint16Array', 'Uint32Array', 'BigInt64Array', 'BigUint64Array',
] as const;

for (const name of typedArrays) {
  (globalThis as Record<string, unknown>)[name] = vm.runInThisContext(name);
}
