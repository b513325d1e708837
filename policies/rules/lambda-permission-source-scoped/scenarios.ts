import { UNKNOWN_SENTINEL } from "../../unknown-values-proxy";
import { ACCOUNT, resource, role, RuleScenario } from "../scenario-kit";

function permission(props: Record<string, unknown>) {
    return resource("aws:lambda/permission:Permission", "invoke", { action: "lambda:InvokeFunction", function: "orders-api", ...props });
}

export const scenarios: RuleScenario[] = [
    {
        name: "passes a service principal with sourceArn",
        resources: [permission({ principal: "events.amazonaws.com", sourceArn: "arn:aws:events:us-east-1:123456789012:rule/x" })],
        expect: "pass",
    },
    {
        name: "passes a service principal with sourceAccount",
        resources: [permission({ principal: "s3.amazonaws.com", sourceAccount: ACCOUNT })],
        expect: "pass",
    },
    {
        name: "passes at the first preview a sourceArn whose value is not known yet (an API's execution ARN): the source is named",
        resources: [permission({ principal: "apigateway.amazonaws.com", sourceArn: UNKNOWN_SENTINEL })],
        expect: "pass",
    },
    {
        name: "fails a service principal without a source",
        resources: [permission({ principal: "s3.amazonaws.com" })],
        expect: "violation",
        messages: ["Lambda permission for service principal s3.amazonaws.com has neither sourceArn nor sourceAccount"],
    },
    {
        name: "is not applicable to account principals",
        resources: [permission({ principal: ACCOUNT })],
        expect: "not-applicable",
    },
    {
        name: "is not applicable to a permission that names no principal",
        resources: [permission({})],
        expect: "not-applicable",
    },
    {
        name: "is not applicable to other types",
        resources: [role("r")],
        expect: "not-applicable",
    },
];
