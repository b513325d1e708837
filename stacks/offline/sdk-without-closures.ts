import Module = require("module");

/**
 * Imported first by a render worker, before anything loads @pulumi/pulumi: stands in for the three
 * SDK modules an offline render never runs, which are most of the SDK's load time (about 900 of
 * its 1,400 modules, the TypeScript compiler among them). They serialise JavaScript closures into
 * Lambda code (`aws.lambda.CallbackFunction`) and drive the Pulumi CLI (Automation API); Meridian's
 * stack programs declare their Lambda code as bundled assets and never call either. Calling a
 * stand-in fails with a message naming what is missing. Worker threads have their own module
 * registry, so this reaches no other thread: the main thread (and `meridian deploy`) load the SDK whole.
 */
function unavailable(what: string): () => never {
    return () => {
        throw new Error(`${what} is not available in an offline render worker (stacks/offline/sdk-without-closures.ts); declare Lambda code as an asset`);
    };
}

const STAND_INS: Record<string, Record<string, unknown>> = {
    "@pulumi/pulumi/automation/index.js": {},
    "@pulumi/pulumi/runtime/closure/serializeClosure.js": {
        serializeFunction: unavailable("pulumi.runtime.serializeFunction"),
        serializeFunctionAsync: unavailable("pulumi.runtime.serializeFunctionAsync"),
    },
    "@pulumi/pulumi/runtime/closure/codePaths.js": { computeCodePaths: unavailable("pulumi.runtime.computeCodePaths") },
};

for (const [id, exports] of Object.entries(STAND_INS)) {
    const file = require.resolve(id);
    if (require.cache[file]) continue;
    const standIn = new Module(file);
    standIn.filename = file;
    standIn.loaded = true;
    standIn.exports = exports;
    require.cache[file] = standIn;
}
