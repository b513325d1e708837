import { conditionValues, type PolicyStatement, parsePolicyDocumentOrUndefined } from "../../iam/policy-document";
import { MeridianResourceRule, requireType, RESOURCE_POLICY_TYPES, resourcePolicyDocuments, trustDocuments } from "../../rule-kit";

interface OrganizationConfig {
    accountId: string;
    organizationId: string;
    organizationAccountIds: string[];
    allowedAccountIds: string[];
}

const LAMBDA_PERMISSION = "aws:lambda/permission:Permission";
const EVENT_PERMISSION = "aws:cloudwatch/eventPermission:EventPermission";

/** The account a principal or ARN names: `123456789012`, `arn:aws:iam::123456789012:role/x`, `arn:aws:events:eu-west-1:123456789012:rule/x`. */
export function accountOf(value: string): string | undefined {
    if (/^\d{12}$/.test(value)) return value;
    return /^arn:aws[a-z-]*:[a-z0-9-]+:[a-z0-9-]*:(\d{12}):/.exec(value)?.[1];
}

class Organization {
    constructor(private readonly config: OrganizationConfig) {}

    /** The stack's own account, a member of the organisation, or an account the config lets in. */
    holds(account: string | undefined): boolean {
        const { accountId, organizationAccountIds, allowedAccountIds } = this.config;
        return account !== undefined && (account === accountId || organizationAccountIds.includes(account) || allowedAccountIds.includes(account));
    }

    /** Values of an organisation-id key that name this organisation (any `o-...` when it is not known). */
    isOrganizationId(value: string): boolean {
        return this.config.organizationId ? value === this.config.organizationId : /^o-[a-z0-9]+$/.test(value);
    }

    /** A path under this organisation: `o-.../r-.../...`. */
    isOrganizationPath(value: string): boolean {
        const [organization] = value.split("/");
        return value.includes("/") && this.isOrganizationId(organization);
    }
}

/** Does the statement confine its principals to the organisation, through any key AWS documents for it? */
function confinedToOrganization(statement: PolicyStatement, organization: Organization): boolean {
    const all = (key: string, test: (value: string) => boolean) => {
        const values = conditionValues(statement, key);
        return values.length > 0 && values.every(test);
    };
    return (
        all("aws:PrincipalOrgID", (value) => organization.isOrganizationId(value)) ||
        all("aws:PrincipalOrgPaths", (value) => organization.isOrganizationPath(value)) ||
        all("aws:SourceOrgID", (value) => organization.isOrganizationId(value)) ||
        all("aws:SourceOrgPaths", (value) => organization.isOrganizationPath(value)) ||
        ["aws:PrincipalAccount", "aws:SourceAccount", "aws:PrincipalArn", "aws:SourceArn"].some((key) =>
            all(key, (value) => organization.holds(accountOf(value))),
        )
    );
}

/** What a statement admits that is outside the organisation, as phrases for the finding. */
function outsiders(statement: PolicyStatement, organization: Organization, isTrust: boolean): string[] {
    const principal = statement.principal;
    if (statement.effect !== "Allow" || !principal) return [];
    if (confinedToOrganization(statement, organization)) return [];
    const found: string[] = [];
    if (principal.anyone) found.push(`any principal ("*")`);
    for (const entry of principal.aws.filter((value) => value !== "*")) {
        if (!organization.holds(accountOf(entry))) found.push(`${entry} (account ${accountOf(entry) ?? "unknown"})`);
    }
    for (const provider of principal.federated) {
        if (!organization.holds(accountOf(provider))) found.push(`identities of ${provider}`);
    }
    // A role's trust in a service is confined by iam:PassRole, which needs the role in the caller's account;
    // a resource policy's is not, so the service must act for the organisation (the confused deputy).
    if (!isTrust) for (const service of principal.service) found.push(`${service} acting for any account`);
    return found;
}

function checkPermission(type: string, props: Record<string, unknown>, organization: Organization, report: (message: string) => void): void {
    const principal = String(props.principal ?? "");
    const sourceAccount = typeof props.sourceAccount === "string" ? props.sourceAccount : undefined;
    if (type === LAMBDA_PERMISSION) {
        if (principal === "*") {
            const orgId = typeof props.principalOrgId === "string" ? props.principalOrgId : "";
            if (!organization.isOrganizationId(orgId) && !organization.holds(sourceAccount))
                report(`Lambda permission admits any principal ("*") outside the organisation`);
        } else if (principal.endsWith(".amazonaws.com")) {
            if (sourceAccount !== undefined && !organization.holds(sourceAccount))
                report(`Lambda permission lets ${principal} act for account ${sourceAccount}, outside the organisation`);
        } else if (!organization.holds(accountOf(principal))) {
            report(`Lambda permission admits ${principal}, outside the organisation`);
        }
        return;
    }
    const condition = props.condition as { key?: string; value?: string } | undefined;
    const orgConfined = principal === "*" && condition?.key === "aws:PrincipalOrgID" && organization.isOrganizationId(String(condition.value));
    if (!orgConfined && !organization.holds(accountOf(principal))) report(`event bus permission admits ${principal}, outside the organisation`);
}

export const trustInsideOrganization: MeridianResourceRule = {
    name: "trust-inside-organization",
    description:
        "Role trust policies and resource policies (event bus, queue, topic, bucket, key, Lambda and event bus permissions) admit no principal outside the organisation: other accounts must be members, `*` must be confined by aws:PrincipalOrgID/aws:PrincipalOrgPaths of this organisation or by member accounts, and services in resource policies must act for the organisation (aws:SourceAccount, aws:SourceArn or aws:SourceOrgID).",
    remediationSteps:
        "Name principals of the organisation's accounts, or add `aws:PrincipalOrgID` = the organisation's id (`aws:PrincipalOrgPaths` for an OU); for a service principal in a resource policy add `aws:SourceAccount`/`aws:SourceArn` of a member account or `aws:SourceOrgID`.",
    enforcementLevel: "mandatory",
    context: ["accountId", "organizationId", "organizationAccountIds"],
    configSchema: {
        properties: {
            accountId: { type: "string", default: "", description: "The stack's own account." },
            organizationId: { type: "string", default: "", description: "The organisation's id; empty = accept any o-... value of aws:PrincipalOrgID." },
            organizationAccountIds: { type: "array", items: { type: "string" }, default: [], description: "Every account id of the organisation." },
            allowedAccountIds: {
                type: "array",
                items: { type: "string" },
                default: [],
                description: "Accounts outside the organisation that may be admitted anyway.",
            },
        },
    },
    validateResource: (args, report) => {
        requireType(args, ["aws:iam/role:Role", ...RESOURCE_POLICY_TYPES, LAMBDA_PERMISSION, EVENT_PERMISSION]);
        const organization = new Organization(args.getConfig<OrganizationConfig>());
        if (args.type === LAMBDA_PERMISSION || args.type === EVENT_PERMISSION) return checkPermission(args.type, args.props, organization, report);
        const isTrust = args.type === "aws:iam/role:Role";
        const documents = isTrust ? trustDocuments(args.type, args.props) : resourcePolicyDocuments(args.type, args.props);
        if (documents.length === 0) args.notApplicable("defines no trust or resource policy");
        for (const { where, raw } of documents) {
            parsePolicyDocumentOrUndefined(raw)?.statements.forEach((statement, index) => {
                const admitted = outsiders(statement, organization, isTrust);
                if (admitted.length) report(`${where} Statement[${index}] admits ${admitted.join(", ")}, outside the organisation`);
            });
        }
    },
};
