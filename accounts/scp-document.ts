import { z } from "zod";

/**
 * The grammar AWS Organizations accepts for a service control policy (AWS_LIMITS.scpGrammar):
 * checked in `catalog validate`, so that a malformed SCP is bad input there rather than a failure
 * halfway through a deployment.
 */

/** IAM lets one value stand for a list of one; read both as a list so that a bad item is named by its index. */
const oneOrMany = <T extends z.ZodType>(item: T, what: string) =>
    z.preprocess(
        (value) => (value !== undefined && !Array.isArray(value) ? [value] : value),
        z.array(item, { error: `must be a ${what} or a list of them` }).min(1, { error: `must list at least one ${what}` }),
    );

const actionPattern = z.string().regex(/^(\*|[A-Za-z0-9-]+:[A-Za-z0-9*?]+)$/, {
    error: (issue) => `${JSON.stringify(issue.input)} is not an action: "*" or service:Action, where the action may use * and ?`,
});

const statementFields = {
    Sid: z
        .string()
        .regex(/^[A-Za-z0-9]*$/, { error: "must be letters and digits only" })
        .optional(),
    Effect: z.enum(["Allow", "Deny"], { error: (issue) => `${JSON.stringify(issue.input)} is not Allow or Deny` }),
    Action: oneOrMany(actionPattern, "action").optional(),
    NotAction: oneOrMany(actionPattern, "action").optional(),
    Resource: oneOrMany(z.string().min(1), "resource ARN").optional(),
    NotResource: oneOrMany(z.string().min(1), "resource ARN").optional(),
    Condition: z.record(z.string(), z.record(z.string(), z.unknown()), { error: "must map condition operators to {key: values}" }).optional(),
};

function actionAndResource(statement: { Action?: unknown; NotAction?: unknown; Resource?: unknown; NotResource?: unknown }, context: z.RefinementCtx): void {
    if ((statement.Action === undefined) === (statement.NotAction === undefined))
        context.addIssue({ code: "custom", path: [], message: "must have exactly one of Action and NotAction" });
    if (statement.Resource !== undefined && statement.NotResource !== undefined)
        context.addIssue({ code: "custom", path: [], message: "may have Resource or NotResource, not both" });
}

const statementSchema = z.object(statementFields).strict().superRefine(actionAndResource);

/**
 * A resource control policy's statement: as an SCP's, with `Principal` `"*"` (the only value RCPs
 * take) and the Deny effect (only AWS's RCPFullAWSAccess may allow). Source: AWS Organizations,
 * "RCP syntax" (https://docs.aws.amazon.com/organizations/latest/userguide/orgs_manage_policies_rcps_syntax.html).
 */
const rcpStatementSchema = z
    .object({
        ...statementFields,
        Effect: z.literal("Deny", { error: (issue) => `${JSON.stringify(issue.input)} is not Deny (only AWS's RCPFullAWSAccess may allow)` }),
        Principal: z.literal("*", { error: 'must be "*": RCPs apply to every principal and narrow them with conditions' }),
    })
    .strict()
    .superRefine(actionAndResource);

const version = z.literal(["2012-10-17", "2008-10-17"], {
    error: (issue) =>
        issue.input === undefined ? "is required (use 2012-10-17)" : `${JSON.stringify(issue.input)} is not a policy language version (use 2012-10-17)`,
});

export const scpDocumentSchema = z
    .object({
        Version: version,
        Id: z.string().optional(),
        Statement: oneOrMany(statementSchema, "statement"),
    })
    .strict();

export const rcpDocumentSchema = z
    .object({
        Version: version,
        Id: z.string().optional(),
        Statement: oneOrMany(rcpStatementSchema, "statement"),
    })
    .strict();
