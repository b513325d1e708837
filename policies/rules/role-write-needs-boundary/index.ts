import { statementActions } from "../../iam/permissions";
import { supportsPermissionsBoundaryCondition } from "../../iam/permissions-boundary-actions";
import { confinesWith, parsePolicyDocumentOrUndefined } from "../../iam/policy-document";
import { IDENTITY_POLICY_TYPES, identityDocuments, MeridianResourceRule, requireType } from "../../rule-kit";

export const roleWriteNeedsBoundary: MeridianResourceRule = {
    name: "role-write-needs-boundary",
    description:
        "Every IAM action whose request carries `iam:PermissionsBoundary` (CreateRole, UpdateAssumeRolePolicy, DeleteRole, UpdateRole, PutRolePolicy, ...) is allowed only under a condition on that key, in every identity policy and boundary.",
    remediationSteps:
        "Grant these actions in a statement of their own with `StringEquals` (or `ArnEquals`) on `iam:PermissionsBoundary` naming the owner's boundary ARN; never through `iam:*` or a wildcard that reaches them.",
    enforcementLevel: "mandatory",
    context: [],
    configSchema: { properties: {} },
    validateResource: (args, report) => {
        requireType(args, IDENTITY_POLICY_TYPES);
        const documents = identityDocuments(args.type, args.props);
        if (documents.length === 0) args.notApplicable("defines no identity policy");
        for (const { where, raw } of documents) {
            parsePolicyDocumentOrUndefined(raw)?.statements.forEach((statement, index) => {
                if (statement.effect !== "Allow" || confinesWith(statement, ["iam:PermissionsBoundary"])) return;
                const unbounded = statementActions(statement)
                    .filter((action) => supportsPermissionsBoundaryCondition(action.key))
                    .map((action) => action.name);
                if (unbounded.length) report(`${where} Statement[${index}] allows ${unbounded.join(", ")} without an iam:PermissionsBoundary condition`);
            });
        }
    },
};
