/**
 * The IAM policy grammar the components emit. Only `Action`/`Resource` appear in Allow statements;
 * `NotResource` is reserved for Deny statements ("deny everything outside the prefix").
 */
export type ConditionBlock = Record<string, Record<string, string | string[]>>;

export type Principal = "*" | { AWS?: string | string[]; Service?: string | string[]; Federated?: string | string[] };

export interface AllowStatement {
    Sid: string;
    Effect: "Allow";
    Action: string[];
    Resource: string[];
    Condition?: ConditionBlock;
    Principal?: Principal;
}

export interface DenyStatement {
    Sid: string;
    Effect: "Deny";
    Action: string[];
    Resource?: string[];
    NotResource?: string[];
    Condition?: ConditionBlock;
}

/** Trust and resource policies name a principal and, in trust policies, no resource; resource policies may deny. */
export interface PrincipalStatement {
    Sid: string;
    Effect: "Allow" | "Deny";
    Principal: Principal;
    Action: string[];
    Resource?: string[];
    Condition?: ConditionBlock;
}

export type Statement = AllowStatement | DenyStatement;

export interface PolicyDocument {
    Version: "2012-10-17";
    Statement: Statement[];
}

export interface ResourcePolicyDocument {
    Version: "2012-10-17";
    Statement: PrincipalStatement[];
}

export function policyDocument(statements: Statement[]): PolicyDocument {
    return { Version: "2012-10-17", Statement: statements };
}

export function resourcePolicyDocument(statements: PrincipalStatement[]): ResourcePolicyDocument {
    return { Version: "2012-10-17", Statement: statements };
}

/** The ARN scope of one account in one partition: `arn:<partition>:<service>:<region>:<account>:`. */
export interface AccountScope {
    accountId: string;
    partition: string;
}

export function arn(scope: AccountScope, service: string, region: string, resource: string): string {
    return `arn:${scope.partition}:${service}:${region}:${scope.accountId}:${resource}`;
}

export function iamArn(scope: AccountScope, resource: string): string {
    return `arn:${scope.partition}:iam::${scope.accountId}:${resource}`;
}

/** IAM quotas, counted without whitespace (JSON.stringify emits none outside strings). */
export const MANAGED_POLICY_MAX_CHARS = 6144;
export const ROLE_INLINE_POLICIES_MAX_CHARS = 10240;

/**
 * Serialises a policy, refusing one IAM would reject for size: better a clear error while
 * planning than a failed `pulumi up` halfway through a wave.
 */
export function policyJson(document: PolicyDocument | ResourcePolicyDocument, maxChars: number, what: string): string {
    const json = JSON.stringify(document);
    if (json.length > maxChars) {
        throw new Error(`${what}: the policy is ${json.length} characters, more than IAM's limit of ${maxChars}; shorten the owner or bucket names`);
    }
    return json;
}
