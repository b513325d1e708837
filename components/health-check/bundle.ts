import * as esbuild from "esbuild";
import * as path from "node:path";
import { reuseOrDerive } from "../../lib/derived-file-cache";

/** The handler's entry point; the asset is built from this file, so the deployed code is the tested code. */
export const HANDLER_ENTRY = path.join(__dirname, "handler.ts");

/** The Lambda runtime the function runs on and the bundle is compiled for. */
export const HANDLER_RUNTIME = "nodejs22.x";
const BUNDLE_TARGET = "node22";

export interface HandlerBundle {
    /** The bundled CommonJS source, `index.js` in the asset, entry point `index.handler`. */
    code: string;
}

const bundles = new Map<string, HandlerBundle>();

const REPOSITORY = path.resolve(__dirname, "../..");

/**
 * Bundles the handler and its AWS SDK clients with esbuild, in process. Memoised per entry point,
 * and kept on disk while its sources are unchanged (lib/derived-file-cache.ts): planning hundreds
 * of stacks, in several processes and render workers, bundles once. The SDK is bundled rather
 * than taken from the Lambda runtime so the deployed client versions are the ones the tests ran against.
 */
export function bundleHandler(entry: string = HANDLER_ENTRY): HandlerBundle {
    const cached = bundles.get(entry);
    if (cached) {
        return cached;
    }
    const bundle = reuseOrDerive(`bundle-${path.relative(REPOSITORY, entry).replace(/[^\w.-]+/g, "_")}`, () => {
        const result = esbuild.buildSync({
            entryPoints: [entry],
            absWorkingDir: REPOSITORY,
            bundle: true,
            platform: "node",
            target: BUNDLE_TARGET,
            format: "cjs",
            minify: true,
            legalComments: "none",
            write: false,
            metafile: true,
            logLevel: "silent",
        });
        return { value: { code: result.outputFiles[0].text }, inputs: Object.keys(result.metafile.inputs) };
    });
    bundles.set(entry, bundle);
    return bundle;
}
