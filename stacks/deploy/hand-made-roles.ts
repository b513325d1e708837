import {
    ADMINISTRATOR_ACCESS_POLICY,
    accountTrustDocument,
    awsManagedPolicyArn,
    managementPipelineTrustDocument,
} from "../../components/policy-documents/bootstrap-roles";
import { PIPELINE_SESSION_SECONDS } from "../../components/policy-documents/deployment";
import type { ResourcePolicyDocument } from "../../components/policy-documents/policy-document";
import { BOOTSTRAP_ROLE_NAME, pipelineRoleName, roleArn } from "../../lib/contracts/naming";
import type { Catalog } from "../catalog-types";

/**
 * The management account's roles that no stack can create, because the stacks run as them: the
 * bootstrap role (people, from a workstation) and the management pipeline role (CI, waves 0 and 1).
 * Both administer the management account: wave 0 manages Organizations, its policies and the
 * organisation trail, and both reach every member account through its administrator access role,
 * so a narrower policy would protect nothing those roles cannot already do.
 */
export interface HandMadeRole {
    name: string;
    arn: string;
    purpose: string;
    trust: ResourcePolicyDocument;
    managedPolicyArns: string[];
    maxSessionDuration: number;
}

export function handMadeRoles(catalog: Catalog): HandMadeRole[] {
    const management = catalog.organization.managementAccount;
    const administrator = [awsManagedPolicyArn(ADMINISTRATOR_ACCESS_POLICY)];
    const pipeline = pipelineRoleName(management.name);
    return [
        {
            name: BOOTSTRAP_ROLE_NAME,
            arn: roleArn(management.id, BOOTSTRAP_ROLE_NAME),
            purpose: "people bootstrap and run `meridian up` as it; every deployment role trusts it",
            trust: accountTrustDocument(management.id),
            managedPolicyArns: administrator,
            maxSessionDuration: PIPELINE_SESSION_SECONDS,
        },
        {
            name: pipeline,
            arn: roleArn(management.id, pipeline),
            purpose: `CI runs waves 0 and 1 as it, from ${catalog.subsystems.pipeline.repository} in the management GitHub environment`,
            trust: managementPipelineTrustDocument(management.id, catalog.subsystems.pipeline.repository),
            managedPolicyArns: administrator,
            maxSessionDuration: PIPELINE_SESSION_SECONDS,
        },
    ];
}
