import { confinesWith, parsePolicyDocumentOrUndefined } from "../../iam/policy-document";
import { MeridianResourceRule, requireType, RESOURCE_POLICY_TYPES, resourcePolicyDocuments } from "../../rule-kit";

const LAMBDA_PERMISSION = "aws:lambda/permission:Permission";
const EVENT_PERMISSION = "aws:cloudwatch/eventPermission:EventPermission";

export const resourcePolicyNotPublic: MeridianResourceRule = {
    name: "resource-policy-not-public",
    description: "Event bus, Lambda, SQS, SNS, S3 and KMS resource policies grant no public (`*`) principal without a restricting condition.",
    remediationSteps:
        "Name the principals, or add a condition such as `aws:PrincipalOrgID`, `aws:SourceArn` or `aws:SourceAccount` (for Lambda permissions: `principalOrgId`, `sourceArn` or `sourceAccount`).",
    enforcementLevel: "mandatory",
    context: [],
    configSchema: {
        properties: {
            restrictingConditionKeys: {
                type: "array",
                items: { type: "string" },
                default: [
                    "aws:PrincipalOrgID",
                    "aws:PrincipalOrgPaths",
                    "aws:PrincipalAccount",
                    "aws:PrincipalArn",
                    "aws:SourceArn",
                    "aws:SourceAccount",
                    "aws:SourceOrgID",
                    "aws:SourceOwner",
                    "aws:SourceVpc",
                    "aws:SourceVpce",
                    "kms:CallerAccount",
                ],
            },
        },
    },
    validateResource: (args, report) => {
        requireType(args, [...RESOURCE_POLICY_TYPES, LAMBDA_PERMISSION, EVENT_PERMISSION]);
        const { restrictingConditionKeys } = args.getConfig<{ restrictingConditionKeys: string[] }>();
        if (args.type === LAMBDA_PERMISSION) {
            if (args.props.principal !== "*") args.notApplicable("the permission names its principal");
            if (!args.props.principalOrgId && !args.props.sourceArn && !args.props.sourceAccount)
                report(`Lambda permission grants ${String(args.props.action)} to "*" with no principalOrgId, sourceArn or sourceAccount`);
            return;
        }
        if (args.type === EVENT_PERMISSION) {
            if (args.props.principal !== "*") args.notApplicable("the permission names its principal");
            if (!args.props.condition) report(`event bus permission grants "*" with no condition`);
            return;
        }
        for (const { where, raw } of resourcePolicyDocuments(args.type, args.props)) {
            parsePolicyDocumentOrUndefined(raw)?.statements.forEach((statement, index) => {
                if (statement.effect === "Allow" && statement.principal?.anyone && !confinesWith(statement, restrictingConditionKeys)) {
                    report(
                        `${where} Statement[${index}] allows ${(statement.actions ?? statement.notActions ?? []).join(", ")} to any principal ("*") without a restricting condition`,
                    );
                }
            });
        }
    },
};
