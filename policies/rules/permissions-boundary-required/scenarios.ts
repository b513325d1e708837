import { resource, role, RuleScenario } from "../scenario-kit";

const unbounded = role("r");
delete unbounded.props.permissionsBoundary;

export const scenarios: RuleScenario[] = [
    {
        name: "passes a role whose boundary matches the pattern",
        resources: [role("r")],
        expect: "pass",
    },
    {
        name: "fails a role without a boundary",
        resources: [unbounded],
        expect: "violation",
        messages: ["role r has no permissions boundary"],
    },
    {
        name: "fails a role whose boundary is empty as having none",
        resources: [role("r", { permissionsBoundary: "" })],
        expect: "violation",
        messages: ["role r has no permissions boundary"],
    },
    {
        name: "fails a role whose boundary does not match the pattern",
        resources: [role("r", { permissionsBoundary: "arn:aws:iam::aws:policy/ReadOnlyAccess" })],
        expect: "violation",
        messages: ["role r has permissions boundary arn:aws:iam::aws:policy/ReadOnlyAccess, which does not match arn:aws:iam::*:policy/*boundary*"],
    },
    {
        name: "uses the configured pattern",
        resources: [role("r")],
        config: { "permissions-boundary-required": { boundaryArnPattern: "arn:aws:iam::*:policy/orders-boundary" } },
        expect: "violation",
    },
    {
        name: "is not applicable to other types",
        resources: [resource("aws:s3/bucket:Bucket", "docs", { bucket: "docs" })],
        expect: "not-applicable",
    },
];
