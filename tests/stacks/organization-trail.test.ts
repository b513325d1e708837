import { strict as assert } from "assert";
import * as fs from "fs";
import * as path from "path";
import { REPO_ROOT, exampleFleetPlan } from "../helpers/example-catalog";

const TRAIL = "aws:cloudtrail/trail:Trail";

describe("the organisation trail", () => {
    it("is the fleet's only trail: in the management account's organization stack, none in a member account", async () => {
        const plan = await exampleFleetPlan();
        const trails = plan.stacks.flatMap((stack) =>
            stack.resources.filter((resource) => resource.type === TRAIL || /cloudtrail/i.test(resource.type)).map((resource) => ({ stack, resource })),
        );
        assert.deepEqual(
            trails.map(({ stack, resource }) => [stack.name, resource.type]),
            [["organization", TRAIL]],
        );
        const trail = trails[0].resource;
        assert.equal(trail.inputs.isOrganizationTrail, true);
        assert.equal(trail.inputs.isMultiRegionTrail, true);
        assert.equal(trail.inputs.enableLogFileValidation, true);
        // The stack's own provider: the management account's credentials, which no SCP restricts.
        assert.match(trail.provider!, /::pulumi:providers:aws::default/);
    });

    it("delivers to a protected, private bucket in the log archive that only this trail may write", async () => {
        const plan = await exampleFleetPlan();
        const organization = plan.stacks.find((stack) => stack.name === "organization")!;
        const provider = organization.resources.find((resource) => resource.type === "pulumi:providers:aws" && resource.name === "log-archive")!;
        const roles = JSON.parse(JSON.stringify(provider.inputs.assumeRoles)) as unknown;
        const chain = typeof roles === "string" ? JSON.parse(roles) : roles;
        assert.deepEqual(
            (chain as Array<{ roleArn: string }>).map((hop) => hop.roleArn),
            ["arn:aws:iam::333333333333:role/OrganizationAccountAccessRole"],
        );
        // The trail's S3 resources; the state bucket's guard rails (StateBackend) stay in the management account.
        const inLogArchive = organization.resources.filter((resource) => resource.type.startsWith("aws:s3/") && resource.urn.includes("OrganizationTrail"));
        assert.ok(inLogArchive.length >= 5);
        for (const resource of inLogArchive) assert.ok(resource.provider?.endsWith("::log-archive"), `${resource.name} is not in the log archive`);
        const bucket = inLogArchive.find((resource) => resource.type === "aws:s3/bucket:Bucket")!;
        assert.equal(bucket.protect, true);
        assert.equal(bucket.retainOnDelete, true);
        const trailArn = "arn:aws:cloudtrail:us-east-1:111111111111:trail/meridian-organization-trail";
        const policy = JSON.parse(String(organization.resources.find((resource) => resource.type === "aws:s3/bucketPolicy:BucketPolicy")!.inputs.policy));
        for (const statement of policy.Statement) {
            assert.deepEqual(statement.Principal, { Service: "cloudtrail.amazonaws.com" });
            assert.equal(statement.Condition.StringEquals["aws:SourceArn"], trailArn);
        }
    });

    it("is never frozen by the root SCP that stops member principals changing trails, which no management principal is subject to", () => {
        const catalog = fs.readFileSync(path.join(REPO_ROOT, "accounts/organization.yaml"), "utf8");
        assert.match(catalog, /- name: protect-security-services\n(.*\n)*?\s+targets: \[Root\]/);
        const scp = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, "accounts/scps/protect-security-services.json"), "utf8"));
        const trailStatement = scp.Statement.find((statement: { Sid: string }) => statement.Sid === "ProtectCloudTrail");
        assert.deepEqual(trailStatement.Action, ["cloudtrail:StopLogging", "cloudtrail:DeleteTrail", "cloudtrail:UpdateTrail", "cloudtrail:PutEventSelectors"]);
        assert.equal(trailStatement.Condition, undefined, "the trail statement binds every member principal; it needs no exemption now");
    });
});
