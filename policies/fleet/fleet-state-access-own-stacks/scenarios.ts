import { resource, role, rolePolicy } from "../../rules/scenario-kit";
import { type FleetScenario, plannedStack } from "../fleet-scenario-kit";

const BUCKET = "state";
const CONTEXT = { stateBucket: BUCKET };
const OBJECTS = `arn:aws:s3:::${BUCKET}/.pulumi`;

function statePolicy(...statements: unknown[]) {
    return [role("orders-pipeline"), rolePolicy("orders-pipeline-policy", "orders-pipeline", ...statements)];
}

const organization = plannedStack(
    "organization",
    { kind: "organization", account: "management", dependsOn: [] },
    [resource("aws:s3/bucket:Bucket", "b", {})],
    CONTEXT,
);
const ordersGlobal = (resources = [resource("aws:s3/bucket:Bucket", "b", {})]) =>
    plannedStack("orders-prod.global", { kind: "account", account: "orders-prod", dependsOn: ["organization"] }, resources, CONTEXT);
const ordersRegional = plannedStack(
    "orders-prod.us-east-1",
    { kind: "subsystem", account: "orders-prod", dependsOn: ["organization", "orders-prod.global"] },
    [resource("aws:s3/bucket:Bucket", "b", {})],
    CONTEXT,
);
const paymentsGlobal = plannedStack("payments-prod.global", { kind: "account", account: "payments-prod", dependsOn: ["organization"] }, [], CONTEXT);

export const scenarios: FleetScenario[] = [
    {
        name: "passes a pipeline that writes its own stacks and reads the stacks they reference",
        stacks: [
            organization,
            ordersGlobal(
                statePolicy(
                    {
                        Effect: "Allow",
                        Action: ["s3:GetObject", "s3:PutObject", "s3:DeleteObject"],
                        Resource: [`${OBJECTS}/stacks/meridian/orders-prod.us-east-1.json*`, `${OBJECTS}/locks/organization/meridian/orders-prod.us-east-1/*`],
                    },
                    {
                        Effect: "Allow",
                        Action: "s3:GetObject",
                        Resource: [`${OBJECTS}/stacks/meridian/organization.json*`, `${OBJECTS}/stacks/meridian/orders-prod.global.json*`],
                    },
                ),
            ),
            ordersRegional,
            paymentsGlobal,
        ],
        expect: "pass",
    },
    {
        name: "fails a role that may write the whole bucket, naming the other accounts' stacks it reaches",
        stacks: [
            organization,
            ordersGlobal(statePolicy({ Effect: "Allow", Action: ["s3:PutObject"], Resource: `arn:aws:s3:::${BUCKET}/*` })),
            ordersRegional,
            paymentsGlobal,
        ],
        expect: "violation",
        messages: [
            "role orders-pipeline (account orders-prod) may s3:PutObject the state of organization, payments-prod.global, stacks of other accounts (role policy orders-pipeline-policy)",
        ],
    },
    {
        name: "fails a role that may read a stack its account's stacks do not reference",
        stacks: [
            organization,
            ordersGlobal(statePolicy({ Effect: "Allow", Action: ["s3:GetObject"], Resource: `${OBJECTS}/stacks/meridian/payments-prod.global.json` })),
            ordersRegional,
            paymentsGlobal,
        ],
        expect: "violation",
        messages: [
            "role orders-pipeline (account orders-prod) may read the state of payments-prod.global, which its account's stacks do not reference (role policy orders-pipeline-policy)",
        ],
    },
    {
        name: "is not applicable to a fleet with nothing outside the management account",
        stacks: [organization],
        expect: "not-applicable",
    },
];
