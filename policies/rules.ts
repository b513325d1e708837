import { accountProtected } from "./rules/account-protected";
import { boundaryBlocksEscalation } from "./rules/boundary-blocks-escalation";
import { busReplication } from "./rules/bus-replication";
import { calculatedCheckThreshold } from "./rules/calculated-check-threshold";
import { healthCheckTiming } from "./rules/health-check-timing";
import { healthEndpointRestricted } from "./rules/health-endpoint-restricted";
import { lambdaPermissionSourceScoped } from "./rules/lambda-permission-source-scoped";
import { latencyRecordHealthCheck } from "./rules/latency-record-health-check";
import { noAdminPolicies } from "./rules/no-admin-policies";
import { noLongLivedCredentials } from "./rules/no-long-lived-credentials";
import { noNegatedGrants } from "./rules/no-negated-grants";
import { noPrivilegeEscalation } from "./rules/no-privilege-escalation";
import { noWildcardGrants } from "./rules/no-wildcard-grants";
import { permissionsBoundaryRequired } from "./rules/permissions-boundary-required";
import { realActionNames } from "./rules/real-action-names";
import { resourcePolicyNotPublic } from "./rules/resource-policy-not-public";
import { roleWriteNeedsBoundary } from "./rules/role-write-needs-boundary";
import { scopedPassRole } from "./rules/scoped-pass-role";
import { scopedResources } from "./rules/scoped-resources";
import { trustInsideOrganization } from "./rules/trust-inside-organization";
import { trustPolicyTight } from "./rules/trust-policy-tight";
import type { MeridianRule } from "./rule-kit";

/**
 * The pack's rules, in catalog order. Importing this list has no side effects, unlike `index.ts`,
 * which hands it to `new PolicyPack(...)` and starts the analyzer's gRPC server.
 */
export const MERIDIAN_RULES: readonly MeridianRule[] = [
    noWildcardGrants,
    scopedResources,
    noNegatedGrants,
    noPrivilegeEscalation,
    scopedPassRole,
    trustPolicyTight,
    trustInsideOrganization,
    permissionsBoundaryRequired,
    boundaryBlocksEscalation,
    roleWriteNeedsBoundary,
    realActionNames,
    noAdminPolicies,
    noLongLivedCredentials,
    resourcePolicyNotPublic,
    lambdaPermissionSourceScoped,
    latencyRecordHealthCheck,
    healthCheckTiming,
    calculatedCheckThreshold,
    healthEndpointRestricted,
    accountProtected,
    busReplication,
];
