import { document, resource, role } from "../../rules/scenario-kit";
import { type FleetScenario, plannedStack } from "../fleet-scenario-kit";

const HOST = "token.actions.githubusercontent.com";

function pipeline(account: string, accountId: string, subject: string, operator = "StringEquals") {
    const trust = document({
        Effect: "Allow",
        Principal: { Federated: `arn:aws:iam::${accountId}:oidc-provider/${HOST}` },
        Action: "sts:AssumeRoleWithWebIdentity",
        Condition: { [operator]: { [`${HOST}:aud`]: "sts.amazonaws.com", [`${HOST}:sub`]: subject } },
    });
    return plannedStack(`${account}.global`, { kind: "account", account }, [role(`${account}-pipeline`, { assumeRolePolicy: trust })], { accountId });
}

export const scenarios: FleetScenario[] = [
    {
        name: "passes one GitHub environment per account",
        stacks: [
            pipeline("orders-prod", "555555555555", "repo:acme/platform:environment:orders-prod"),
            pipeline("audit", "222222222222", "repo:acme/platform:environment:audit"),
        ],
        expect: "pass",
    },
    {
        name: "fails one environment trusted in two accounts",
        stacks: [
            pipeline("orders-prod", "555555555555", "repo:acme/platform:environment:prod"),
            pipeline("audit", "222222222222", "repo:acme/platform:environment:prod"),
        ],
        expect: "violation",
        messages: [
            'role orders-prod-pipeline in account 555555555555 trusts sub "repo:acme/platform:environment:prod", which role audit-pipeline in account 222222222222 (audit.global) also admits with "repo:acme/platform:environment:prod": one CI job reaches both accounts',
        ],
    },
    {
        name: "fails a pattern in one account that admits another account's subject",
        stacks: [
            pipeline("orders-prod", "555555555555", "repo:acme/platform:environment:orders-prod"),
            pipeline("sandbox", "777777777777", "repo:acme/platform:*", "StringLike"),
        ],
        expect: "violation",
    },
    {
        name: "is not applicable to a fleet without GitHub OIDC trust",
        stacks: [plannedStack("organization", { kind: "organization", account: "management" }, [resource("aws:s3/bucket:Bucket", "b", { bucket: "b" })])],
        expect: "not-applicable",
    },
];
