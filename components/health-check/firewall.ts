import * as aws from "@pulumi/aws";
import type * as pulumi from "@pulumi/pulumi";
import type { CheckerRangesSnapshot } from "../../regions/health-checker-ranges";

/**
 * The regional WAF web ACL in front of the stages whose paths Route 53 checks. WAF runs before API
 * Gateway's throttle, so a flood from anywhere but the checkers is dropped before it can use up the
 * stage's rate limit and make the checkers see 429s.
 * - Route 53's checker ranges are let through (they are the only callers of the health paths);
 * - anyone else calling a health path is blocked;
 * - anyone else is held to a per-address rate.
 */

export interface CheckerFirewallArgs {
    /** Prefix of the web ACL's and IP sets' names. */
    namePrefix: string;
    ranges: CheckerRangesSnapshot;
    /** URI path suffixes that are health paths, e.g. `/check`, `/ping`. */
    healthPaths: readonly string[];
    tags: Record<string, string>;
}

/** Requests per address per 5 minutes, beyond which WAF blocks a caller that is not a checker. */
export const RATE_LIMIT_PER_FIVE_MINUTES = 2000;

function visibility(metricName: string): aws.types.input.wafv2.WebAclRuleVisibilityConfig {
    return { cloudwatchMetricsEnabled: true, metricName, sampledRequestsEnabled: true };
}

function pathEndsWith(suffix: string): aws.types.input.wafv2.WebAclRuleStatement {
    return {
        byteMatchStatement: {
            fieldToMatch: { uriPath: {} },
            positionalConstraint: "ENDS_WITH",
            searchString: suffix,
            textTransformations: [{ priority: 0, type: "NONE" }],
        },
    };
}

function anyOf(statements: aws.types.input.wafv2.WebAclRuleStatement[]): aws.types.input.wafv2.WebAclRuleStatement {
    return statements.length === 1 ? statements[0] : { orStatement: { statements } };
}

export function checkerFirewall(name: string, args: CheckerFirewallArgs, parent: pulumi.ComponentResourceOptions): aws.wafv2.WebAcl {
    const ipSet = (version: "IPV4" | "IPV6", addresses: string[]) =>
        new aws.wafv2.IpSet(
            `${name}-checkers-${version.toLowerCase()}`,
            {
                name: `${args.namePrefix}-route53-checkers-${version.toLowerCase()}`,
                description: `Route 53 health checkers (ip-ranges.json of ${args.ranges.createDate})`,
                scope: "REGIONAL",
                ipAddressVersion: version,
                addresses,
                tags: args.tags,
            },
            parent,
        );
    const sets = [
        ipSet(
            "IPV4",
            args.ranges.ipv4.map((r) => r.prefix),
        ),
        ipSet(
            "IPV6",
            args.ranges.ipv6.map((r) => r.prefix),
        ),
    ];
    return new aws.wafv2.WebAcl(
        `${name}-web-acl`,
        {
            name: `${args.namePrefix}-health`,
            description: "Health paths answer Route 53's checkers only; everyone else is rate-limited.",
            scope: "REGIONAL",
            defaultAction: { allow: {} },
            rules: [
                {
                    name: "route53-checkers",
                    priority: 0,
                    action: { allow: {} },
                    statement: anyOf(sets.map((set) => ({ ipSetReferenceStatement: { arn: set.arn } }))),
                    visibilityConfig: visibility(`${args.namePrefix}-route53-checkers`),
                },
                {
                    name: "health-paths-checkers-only",
                    priority: 1,
                    action: { block: {} },
                    statement: anyOf(args.healthPaths.map(pathEndsWith)),
                    visibilityConfig: visibility(`${args.namePrefix}-health-paths-blocked`),
                },
                {
                    name: "rate-per-address",
                    priority: 2,
                    action: { block: {} },
                    statement: { rateBasedStatement: { limit: RATE_LIMIT_PER_FIVE_MINUTES, aggregateKeyType: "IP", evaluationWindowSec: 300 } },
                    visibilityConfig: visibility(`${args.namePrefix}-rate-limited`),
                },
            ],
            visibilityConfig: visibility(`${args.namePrefix}-web-acl`),
            tags: args.tags,
        },
        parent,
    );
}
