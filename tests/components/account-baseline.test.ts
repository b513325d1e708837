import * as aws from "@pulumi/aws";
import { strict as assert } from "node:assert";
import Module from "node:module";
import { AccountBaseline, type AccountBaselineArgs } from "../../components/account-baseline";
import { HANDLER_ENTRY, bundleHandler } from "../../components/health-check/bundle";
import { permissionBoundaryDocument } from "../../components/policy-documents/permission-boundary";
import { findAction, isReadOnlyAction } from "../../policies/iam/action-catalog";
import { ACCOUNT_ID, type RenderedResource, ofType, policyOf, render, single } from "./mock-harness";

const ROLE = "aws:iam/role:Role";
const POLICY = "aws:iam/policy:Policy";
const deployment: AccountBaselineArgs["deployment"] = {
    githubRepository: "meridian-example/orders",
    githubEnvironment: "orders-prod",
    state: {
        bucketName: "meridian-state",
        keyArn: "arn:aws:kms:us-east-1:111111111111:key/state",
        project: "meridian",
        partition: "aws",
        account: "orders-prod",
        writes: ["orders-prod.us-east-1"],
        reads: ["orders-prod.global", "organization"],
    },
    bootstrapRoleArn: "arn:aws:iam::111111111111:role/meridian-bootstrap",
    organizationId: "o-example",
};
const ENTRY_ROLE = "arn:aws:iam::111111111111:role/management-preview";
const preview: AccountBaselineArgs["preview"] = { entryRoleArn: ENTRY_ROLE, organizationId: "o-meridian" };

async function renderDelegated(): Promise<{ resources: RenderedResource[]; parentProvider: aws.Provider | undefined }> {
    let parentProvider: aws.Provider | undefined;
    const resources = await render((opts) => {
        parentProvider = new aws.Provider("shared-services", { region: "us-east-1" });
        new AccountBaseline(
            "orders-prod",
            {
                owner: "orders",
                accountId: ACCOUNT_ID,
                deployment,
                preview,
                dns: { kind: "delegated", zoneName: "prod.orders.meridian.example.com", parentZoneId: "Z-PARENT", parentProvider },
            },
            opts,
        );
    });
    return { resources, parentProvider };
}

describe("AccountBaseline (PermissionBoundary + DeploymentRoles + PreviewRole + zone)", () => {
    let resources: RenderedResource[];
    let parentProvider: aws.Provider | undefined;
    before(async () => {
        ({ resources, parentProvider } = await renderDelegated());
    });

    it("creates the boundary policy under its deterministic name from the pure document", () => {
        const boundary = single(resources, POLICY, "orders-prod-boundary-policy");
        assert.equal(boundary.inputs.name, "orders-boundary");
        assert.deepEqual(policyOf(boundary), permissionBoundaryDocument({ owner: "orders", accountId: ACCOUNT_ID, partition: "aws" }));
    });

    it("puts a boundary matching the policy pack's *boundary* pattern on every role", () => {
        const roles = ofType(resources, ROLE);
        assert.deepEqual(roles.map((role) => role.inputs.name).sort(), ["orders-deployment", "orders-pipeline", "orders-preview"]);
        for (const role of roles) {
            const ceiling = `${String(role.inputs.name)}-boundary`;
            assert.equal(role.inputs.permissionsBoundary, `arn:aws:iam::${ACCOUNT_ID}:policy/${ceiling}`, String(role.inputs.name));
            assert.match(String(role.inputs.permissionsBoundary), /^arn:aws:iam::[0-9]+:policy\/.*boundary.*$/);
        }
    });

    it("tags the pipeline role with its account's state prefix, which the state bucket's and key's policies read", () => {
        assert.deepEqual(single(resources, ROLE, "orders-prod-deployment-pipeline").inputs.tags, { "meridian:state-prefix": "orders-prod." });
    });

    it("lets only the management account's preview entry role assume the preview role, inside the organisation, and grants it reads only", () => {
        const trust = policyOf(single(resources, ROLE, "orders-prod-preview-role"), "assumeRolePolicy");
        assert.deepEqual(
            trust.Statement.map((s) => [s.Principal, s.Action, s.Condition]),
            [[{ AWS: ENTRY_ROLE }, ["sts:AssumeRole"], { StringEquals: { "aws:PrincipalOrgID": "o-meridian" } }]],
        );
        const grants = policyOf(single(resources, "aws:iam/rolePolicy:RolePolicy", "orders-prod-preview-role-policy")).Statement.flatMap(
            (s) => s.Action as string[],
        );
        assert.ok(grants.includes("iam:GetRole") && grants.includes("route53:ListResourceRecordSets"));
        for (const action of grants) assert.ok(isReadOnlyAction(findAction(action)!), `${action} is not a read`);
        assert.deepEqual(
            policyOf(single(resources, POLICY, "orders-prod-preview-role-boundary")),
            policyOf(single(resources, "aws:iam/rolePolicy:RolePolicy", "orders-prod-preview-role-policy")),
        );
    });

    it("trusts GitHub Actions of one repository and the account's own environment for the pipeline, and the pipeline and the bootstrap role for deployment", () => {
        const provider = single(resources, "aws:iam/openIdConnectProvider:OpenIdConnectProvider");
        assert.equal(provider.inputs.url, "https://token.actions.githubusercontent.com");
        assert.deepEqual(provider.inputs.clientIdLists, ["sts.amazonaws.com"]);
        const pipelineTrust = policyOf(single(resources, ROLE, "orders-prod-deployment-pipeline"), "assumeRolePolicy");
        assert.deepEqual(pipelineTrust.Statement[0].Condition, {
            StringEquals: {
                "token.actions.githubusercontent.com:aud": "sts.amazonaws.com",
                "token.actions.githubusercontent.com:sub": "repo:meridian-example/orders:environment:orders-prod",
            },
        });
        const deploymentTrust = policyOf(single(resources, ROLE, "orders-prod-deployment-deployment"), "assumeRolePolicy");
        assert.deepEqual(deploymentTrust.Statement, [
            { Sid: "AssumedByPipeline", Effect: "Allow", Principal: { AWS: `arn:aws:iam::${ACCOUNT_ID}:role/orders-pipeline` }, Action: ["sts:AssumeRole"] },
            {
                Sid: "AssumedByBootstrapRole",
                Effect: "Allow",
                Principal: { AWS: "arn:aws:iam::111111111111:role/meridian-bootstrap" },
                Action: ["sts:AssumeRole"],
                Condition: { StringEquals: { "aws:PrincipalOrgID": "o-example" } },
            },
        ]);
    });

    it("lets a CI job's session outlive its waits, and keeps the chained deployment session at STS's one-hour cap", () => {
        assert.equal(single(resources, ROLE, "orders-prod-deployment-pipeline").inputs.maxSessionDuration, 7200);
        assert.equal(single(resources, ROLE, "orders-prod-deployment-deployment").inputs.maxSessionDuration, 3600);
    });

    it("creates the GitHub OIDC provider by default, and adopts an existing one with import, never deleting it", async () => {
        const created = single(resources, "aws:iam/openIdConnectProvider:OpenIdConnectProvider");
        assert.equal(created.importId, undefined);
        assert.equal(created.options.retainOnDelete, undefined);

        const imported = await render(
            (opts) =>
                new AccountBaseline(
                    "orders-prod",
                    { owner: "orders", accountId: ACCOUNT_ID, deployment: { ...deployment, githubOidcProvider: "import" }, preview },
                    opts,
                ),
        );
        const provider = single(imported, "aws:iam/openIdConnectProvider:OpenIdConnectProvider");
        assert.equal(provider.importId, `arn:aws:iam::${ACCOUNT_ID}:oidc-provider/token.actions.githubusercontent.com`);
        assert.equal(provider.options.retainOnDelete, true);
    });

    it("gives the deployment role the exact denies and the pipeline role nothing but assume and the state", () => {
        const deploymentPolicy = policyOf(single(resources, "aws:iam/rolePolicy:RolePolicy", "orders-prod-deployment-deployment-policy"));
        assert.deepEqual(
            deploymentPolicy.Statement.filter((s) => s.Effect === "Deny").map((s) => s.Sid),
            [
                "DenyBoundaryRemoval",
                "DenyBoundaryPolicyChanges",
                "DenyAdminPolicyAttachment",
                "DenyLongLivedCredentials",
                "DenyRoleWritesOutsidePrefix",
                "DenyPlatformRoleChanges",
            ],
        );
        const pipelinePolicy = policyOf(single(resources, "aws:iam/rolePolicy:RolePolicy", "orders-prod-deployment-pipeline-policy"));
        assert.deepEqual(
            pipelinePolicy.Statement.map((s) => s.Sid),
            [
                "AssumeDeploymentRole",
                "StateOfOwnStacks",
                "ReadReferencedStacks",
                "ListOwnAndReferencedStacks",
                "SealOwnStackSecrets",
                "OpenReferencedStackSecrets",
            ],
        );
    });

    it("creates the environment zone and delegates it from the parent zone through the parent's provider", () => {
        const zone = single(resources, "aws:route53/zone:Zone");
        assert.equal(zone.inputs.name, "prod.orders.meridian.example.com");
        const delegation = single(resources, "aws:route53/record:Record");
        assert.equal(delegation.inputs.zoneId, "Z-PARENT");
        assert.equal(delegation.inputs.type, "NS");
        assert.equal(delegation.inputs.name, "prod.orders.meridian.example.com");
        assert.deepEqual(delegation.inputs.records, ["ns-1.awsdns-01.org", "ns-2.awsdns-02.com"]);
        assert.equal(delegation.options.provider, parentProvider);
    });

    it("blocks public S3 access account-wide", () => {
        const block = single(resources, "aws:s3/accountPublicAccessBlock:AccountPublicAccessBlock");
        assert.deepEqual(
            [block.inputs.blockPublicAcls, block.inputs.blockPublicPolicy, block.inputs.ignorePublicAcls, block.inputs.restrictPublicBuckets],
            [true, true, true, true],
        );
    });

    it("keeps no trail of its own: the organisation trail covers the account", () => {
        assert.deepEqual(
            resources.filter((resource) => /cloudtrail/i.test(resource.type)),
            [],
        );
    });

    it("holds the parent zone itself, with no delegation, in the DNS-parent account", async () => {
        const parentResources = await render(
            (opts) =>
                new AccountBaseline(
                    "shared-services",
                    { owner: "shared-services", accountId: ACCOUNT_ID, preview, dns: { kind: "parent", zoneName: "meridian.example.com" } },
                    opts,
                ),
        );
        assert.equal(single(parentResources, "aws:route53/zone:Zone").inputs.name, "meridian.example.com");
        assert.deepEqual(ofType(parentResources, "aws:route53/record:Record"), []);
    });

    it("gives an account without deployment settings no CI roles and no OIDC provider, only the preview role", async () => {
        const platform = await render(
            (opts) =>
                new AccountBaseline("audit", { owner: "audit", accountId: ACCOUNT_ID, preview, dns: { kind: "parent", zoneName: "audit.example.com" } }, opts),
        );
        assert.deepEqual(
            ofType(platform, ROLE).map((role) => role.inputs.name),
            ["audit-preview"],
        );
        assert.deepEqual(ofType(platform, "aws:iam/openIdConnectProvider:OpenIdConnectProvider"), []);
    });
});

describe("health-check bundle", () => {
    it("is the handler module, loadable as the Lambda runtime would load it", () => {
        const bundled = new Module(HANDLER_ENTRY);
        (bundled as unknown as { _compile(code: string, filename: string): void })._compile(bundleHandler().code, "index.js");
        const exported = bundled.exports as Record<string, unknown>;
        assert.equal(typeof exported.handler, "function");
        assert.equal(typeof exported.createHandler, "function");
    });

    it("is built once per process however many stacks ask for it", () => {
        assert.equal(bundleHandler(), bundleHandler());
    });
});
