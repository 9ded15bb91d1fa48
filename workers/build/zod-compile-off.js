// Build-time stand-in for zod's ahead-of-time compiler (zod/v4/core/compile.js), wired by [alias] in wrangler.toml.
// The compiler generates code with `new Function`, which Workers refuse, so on this runtime `z.compile()` can only
// ever hand the schema back unchanged; this keeps exactly that behaviour without shipping ~8 KiB gzip of generator.
// Nothing here calls it: schemas only run the compiler if `zod/compile` is imported or `z.compile` is called.
export const INVALID = Symbol.for("zod.compile.invalid");

export class ZodCompileAsyncError extends Error {
  name = "ZodCompileAsyncError";
}

export class ZodCompileUnsupportedError extends Error {
  name = "ZodCompileUnsupportedError";
}

/** Same contract as zod's on a runtime without code generation: the schema back, or the refusal under `strict`. */
export function compile(schema, options) {
  if (options?.strict) throw new ZodCompileUnsupportedError("z.compile is not available in this Worker");
  return schema;
}

export function compileFn() {
  throw new ZodCompileUnsupportedError("z.compile is not available in this Worker");
}

export function withParser() {
  throw new ZodCompileUnsupportedError("z.withParser is not available in this Worker");
}
