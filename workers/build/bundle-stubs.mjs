// The bundle-only stand-ins of this folder, by the library import they replace: one table for wrangler's [alias]
// (which must list the same pairs), the deployable-bundle check and the test build, so all three stub the same code.

/** Import specifier as the library writes it → the package whose modules write it, and the stand-in file. */
export const BUNDLE_STUBS = {
  "../locales/index.js": { importer: "node_modules/zod/", stub: "workers/build/zod-locales-en.js" },
  "./compile.js": { importer: "node_modules/zod/", stub: "workers/build/zod-compile-off.js" },
  "./from-json-schema.js": { importer: "node_modules/zod/", stub: "workers/build/zod-from-json-schema-off.js" },
  standardwebhooks: { importer: "node_modules/resend/", stub: "workers/build/standardwebhooks-off.js" },
};

/**
 * A Vite plugin giving the test build the same stand-ins as `wrangler deploy`, but only for imports from the package
 * each was written for (wrangler's [alias] cannot tell importers apart; deployable-bundle.mjs checks it instead).
 */
export function bundleStubs(root) {
  return {
    name: "renewal-watchdog:bundle-stubs",
    enforce: "pre",
    resolveId(source, importer) {
      const entry = BUNDLE_STUBS[source];
      if (!entry || !importer?.replaceAll("\\", "/").includes(`/${entry.importer}`)) return null;
      return `${root.replace(/\/+$/, "")}/${entry.stub}`;
    },
  };
}
