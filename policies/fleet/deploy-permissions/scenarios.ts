import type { DeniedCall, Deployability } from "../../../lib/contracts/plan-document";
import { resource } from "../../rules/scenario-kit";
import { type FleetScenario, plannedStack } from "../fleet-scenario-kit";

const DEPLOYER = "arn:aws:iam::555555555555:role/orders-deployment";
const KEY = "urn:pulumi:test::meridian::aws:kms/key:Key::bus-key";

function planned(name: string, deployability?: Partial<Deployability>) {
    const stack = plannedStack(name, { kind: "subsystem", account: "orders-prod", subsystem: "orders" }, [resource("aws:kms/key:Key", "bus-key", {})]);
    return deployability
        ? {
              ...stack,
              deployability: {
                  principal: DEPLOYER,
                  chain: [DEPLOYER],
                  origin: "planned in orders-prod.global",
                  calls: 12,
                  denied: [],
                  unmodelled: [],
                  ...deployability,
              },
          }
        : stack;
}

const createKey: DeniedCall = {
    urn: KEY.replace("urn:pulumi:test::", "urn:pulumi:orders-prod.us-east-1::"),
    phase: "create",
    action: "kms:TagResource",
    resource: "arn:aws:kms:us-east-1:555555555555:key/*",
    principal: DEPLOYER,
    reason: "no statement of orders-deployment allows it without aws:ResourceTag/meridian:owner",
};

export const scenarios: FleetScenario[] = [
    {
        name: "passes a fleet whose every checked call is allowed",
        stacks: [planned("orders-prod.us-east-1", {}), planned("orders-prod.eu-west-1", {})],
        expect: "pass",
    },
    {
        name: "fails a call nothing allows, naming the principal, action, ARN and phase",
        stacks: [planned("orders-prod.us-east-1", { denied: [createKey] })],
        expect: "violation",
        messages: [
            "arn:aws:iam::555555555555:role/orders-deployment may not kms:TagResource on arn:aws:kms:us-east-1:555555555555:key/* (create): nothing allows it (no statement of orders-deployment allows it without aws:ResourceTag/meridian:owner)",
        ],
    },
    {
        name: "fails a call an explicit Deny refuses, naming the document",
        stacks: [
            planned("orders-prod.us-east-1", {
                denied: [
                    {
                        ...createKey,
                        action: "cloudtrail:UpdateTrail",
                        deniedBy: "SCP protect-security-services",
                        reason: "explicit Deny in SCP protect-security-services (ProtectCloudTrail)",
                    },
                ],
            }),
        ],
        expect: "violation",
        messages: [/may not cloudtrail:UpdateTrail .*\(create\): explicit Deny in SCP protect-security-services \(ProtectCloudTrail\)$/],
    },
    {
        name: "fails a call the provider-call table cannot check, so a gap is never a silent pass",
        stacks: [planned("orders-prod.us-east-1", { unmodelled: ["aws:foo/bar:Bar (no row)"] })],
        expect: "violation",
        messages: ["unchecked: aws:foo/bar:Bar (no row); the provider-call table has no way to check it"],
    },
    {
        name: "is not applicable to stacks with no deployability record (a preview or an export)",
        stacks: [planned("orders-prod.us-east-1")],
        expect: "not-applicable",
    },
];
