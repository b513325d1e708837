import { resource, role, RuleScenario } from "../scenario-kit";

const inStack = (stack: string, type: string, name: string, props: Record<string, unknown> = {}) =>
    resource(type, name, props, { urn: `urn:pulumi:${stack}::meridian::${type}::${name}` });

export const scenarios: RuleScenario[] = [
    {
        name: "passes a break-glass user in the organization stack, which is not a workload stack",
        resources: [inStack("organization", "aws:iam/user:User", "breakglass")],
        expect: "pass",
    },
    {
        name: "passes a user in a stack that any one of several non-workload patterns names",
        resources: [inStack("organization", "aws:iam/user:User", "breakglass")],
        config: { "no-long-lived-credentials": { nonWorkloadStacks: ["organization", "break-glass-*"] } },
        expect: "pass",
    },
    {
        name: "fails an access key in a workload stack",
        resources: [inStack("orders-prod.us-east-1", "aws:iam/accessKey:AccessKey", "k", { user: "u" })],
        expect: "violation",
        messages: ["AccessKey k is a long-lived credential in workload stack orders-prod.us-east-1"],
    },
    {
        name: "fails a login profile in a workload stack",
        resources: [inStack("orders-prod.us-east-1", "aws:iam/userLoginProfile:UserLoginProfile", "console", { user: "u" })],
        expect: "violation",
        messages: ["UserLoginProfile console is a long-lived credential in workload stack orders-prod.us-east-1"],
    },
    {
        name: "is not applicable to a role, which is not a long-lived credential",
        resources: [role("r")],
        expect: "not-applicable",
    },
];
