import { matchesIamGlob } from "../../../lib/iam-glob";
import { MeridianResourceRule, requireType } from "../../rule-kit";

const CREDENTIAL_TYPES = ["aws:iam/user:User", "aws:iam/accessKey:AccessKey", "aws:iam/userLoginProfile:UserLoginProfile"];

/** `urn:pulumi:<stack>::<project>::...` → `<stack>`. */
export function stackOfUrn(urn: string): string {
    return urn.split("::")[0].split(":").slice(2).join(":");
}

export const noLongLivedCredentials: MeridianResourceRule = {
    name: "no-long-lived-credentials",
    description: "Workload stacks define no IAM users, access keys or login profiles: people and pipelines use roles.",
    remediationSteps: "Use a role assumed through SSO or OIDC federation instead of a user with keys.",
    enforcementLevel: "mandatory",
    context: [],
    configSchema: {
        properties: {
            nonWorkloadStacks: {
                type: "array",
                items: { type: "string" },
                default: ["organization"],
                description: "Stack-name globs that are not workload stacks (where break-glass users may live).",
            },
        },
    },
    validateResource: (args, report) => {
        requireType(args, CREDENTIAL_TYPES);
        const { nonWorkloadStacks } = args.getConfig<{ nonWorkloadStacks: string[] }>();
        const stack = stackOfUrn(args.urn);
        // Checked and fine: break-glass users may live outside workload stacks.
        if (nonWorkloadStacks.some((pattern) => matchesIamGlob(pattern, stack))) return;
        report(`${args.type.split(":").pop()} ${args.name} is a long-lived credential in workload stack ${stack}`);
    },
};
