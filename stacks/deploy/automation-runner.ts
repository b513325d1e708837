import type { OpMap, PulumiCommand } from "@pulumi/pulumi/automation";
import type { ChangeCounts, StackRunner } from "./stack-runner";

/**
 * The one place that touches the Pulumi Automation API: a LocalWorkspace over this project
 * (`Pulumi.yaml` at `workDir`, stack configs in `stacks/`). It creates a stack the backend lacks
 * with the stack's secrets provider (`pulumi stack init --secrets-provider`, which the Automation
 * API runs for `LocalWorkspace.createStack` with the `secretsProvider` option: pulumi/pulumi
 * sdk/nodejs/automation/localWorkspace.ts), selects each stack and runs up, preview or refresh.
 * Everything about ordering and failure lives in `fleet-run.ts`.
 */

export const PULUMI_CLI_MISSING =
    "the Pulumi CLI is not installed or not on PATH; `meridian up|preview|refresh` drive it through the Automation API. " +
    "Install it (https://www.pulumi.com/docs/install/), log in to your backend (`pulumi login`), then re-run. " +
    "Nothing was run.";

export async function createAutomationRunner(workDir: string): Promise<StackRunner> {
    const automation = await import("@pulumi/pulumi/automation");
    let pulumiCommand: PulumiCommand;
    try {
        pulumiCommand = await automation.PulumiCommand.get();
    } catch (error) {
        throw new Error(`${PULUMI_CLI_MISSING} (${firstLine(error)})`);
    }
    return {
        async ensureStack({ stack: stackName, secretsProvider }) {
            try {
                await automation.LocalWorkspace.selectStack({ stackName, workDir }, { pulumiCommand });
                return { created: false };
            } catch (error) {
                if (!(error instanceof automation.StackNotFoundError)) throw new Error(`pulumi stack select failed: ${firstLine(error)}`);
            }
            try {
                await automation.LocalWorkspace.createStack({ stackName, workDir }, { pulumiCommand, secretsProvider });
            } catch (error) {
                throw new Error(`pulumi stack init failed: ${firstLine(error)}`);
            }
            return { created: true };
        },
        async outputs(stackName) {
            const stack = await automation.LocalWorkspace.selectStack({ stackName, workDir }, { pulumiCommand });
            return Object.fromEntries(Object.entries(await stack.outputs()).map(([name, output]) => [name, output.value]));
        },
        async run({ stack: stackName, operation, policyPacks, onOutput }) {
            const stack = await automation.LocalWorkspace.selectStack({ stackName, workDir }, { pulumiCommand });
            try {
                switch (operation) {
                    case "up":
                        return { changes: counts((await stack.up({ onOutput, policyPacks: [...policyPacks] })).summary.resourceChanges) };
                    case "preview":
                        return { changes: counts((await stack.preview({ onOutput, policyPacks: [...policyPacks] })).changeSummary) };
                    case "refresh":
                        return { changes: counts((await stack.refresh({ onOutput })).summary.resourceChanges) };
                }
            } catch (error) {
                // The engine's error embeds the whole CLI transcript, which is already in the stack's log.
                throw new Error(`pulumi ${operation} failed: ${firstLine(error)}`);
            }
        },
    };
}

function counts(map: OpMap | undefined): ChangeCounts {
    return Object.fromEntries(Object.entries(map ?? {}).filter((entry): entry is [string, number] => typeof entry[1] === "number"));
}

function firstLine(error: unknown): string {
    const text = error instanceof Error ? error.message : String(error);
    const errorLine = text.split("\n").find((line) => /error:/i.test(line));
    return (errorLine ?? text.split("\n")[0]).trim();
}
