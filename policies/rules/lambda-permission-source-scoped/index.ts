import { isSet, MeridianResourceRule, requireType } from "../../rule-kit";

export const lambdaPermissionSourceScoped: MeridianResourceRule = {
    name: "lambda-permission-source-scoped",
    description:
        "A Lambda permission for an AWS service principal names the source (`sourceArn` or `sourceAccount`), so no other account's resource can invoke the function (confused deputy).",
    remediationSteps: "Set `sourceArn` to the rule, bucket, topic or API that invokes the function (or at least `sourceAccount`).",
    enforcementLevel: "mandatory",
    context: [],
    configSchema: { properties: {} },
    validateResource: (args, report) => {
        requireType(args, ["aws:lambda/permission:Permission"]);
        const principal = args.props.principal;
        if (typeof principal !== "string" || !principal.endsWith(".amazonaws.com")) args.notApplicable("the principal is not an AWS service");
        if (!isSet(args.props, "sourceArn") && !isSet(args.props, "sourceAccount"))
            report(`Lambda permission for service principal ${principal} has neither sourceArn nor sourceAccount`);
    },
};
