import { strict as assert } from "assert";
import { accountProtected } from "../../../policies/rules/account-protected";
import { busReplication } from "../../../policies/rules/bus-replication";
import { calculatedCheckThreshold } from "../../../policies/rules/calculated-check-threshold";
import { healthCheckTiming } from "../../../policies/rules/health-check-timing";
import { lambdaPermissionSourceScoped } from "../../../policies/rules/lambda-permission-source-scoped";
import { latencyRecordHealthCheck } from "../../../policies/rules/latency-record-health-check";
import { resourcePolicyNotPublic } from "../../../policies/rules/resource-policy-not-public";
import { ACCOUNT, document, messages, outcomeOf, resource, role } from "../rule-harness";

const permission = (props: Record<string, unknown>) =>
    resource("aws:lambda/permission:Permission", "invoke", { action: "lambda:InvokeFunction", function: "orders-api", ...props });

describe("resource-policy-not-public", () => {
    const bucketPolicy = (statement: Record<string, unknown>) =>
        resource("aws:s3/bucketPolicy:BucketPolicy", "bp", {
            bucket: "b",
            policy: document({ Effect: "Allow", Action: "s3:GetObject", Resource: "arn:aws:s3:::b/*", ...statement }),
        });
    it("passes named principals and public principals with a restricting condition", () => {
        assert.equal(outcomeOf(resourcePolicyNotPublic, bucketPolicy({ Principal: { AWS: `arn:aws:iam::${ACCOUNT}:role/reader` } })).status, "pass");
        assert.equal(
            outcomeOf(resourcePolicyNotPublic, bucketPolicy({ Principal: "*", Condition: { StringEquals: { "aws:PrincipalOrgID": "o-abc" } } })).status,
            "pass",
        );
        assert.equal(outcomeOf(resourcePolicyNotPublic, permission({ principal: "*", principalOrgId: "o-abc" })).status, "pass");
    });
    it("fails public principals on buckets, buses, queues, topics, keys and Lambda permissions", () => {
        assert.deepEqual(messages(outcomeOf(resourcePolicyNotPublic, bucketPolicy({ Principal: { AWS: "*" } }))), [
            'policy Statement[0] allows s3:GetObject to any principal ("*") without a restricting condition',
        ]);
        for (const type of [
            "aws:cloudwatch/eventBusPolicy:EventBusPolicy",
            "aws:sqs/queuePolicy:QueuePolicy",
            "aws:sns/topicPolicy:TopicPolicy",
            "aws:kms/key:Key",
        ]) {
            const open = resource(type, "x", { policy: document({ Effect: "Allow", Principal: "*", Action: "events:PutEvents", Resource: "*" }) });
            assert.equal(outcomeOf(resourcePolicyNotPublic, open).status, "violation", type);
        }
        assert.deepEqual(messages(outcomeOf(resourcePolicyNotPublic, permission({ principal: "*" }))), [
            'Lambda permission grants lambda:InvokeFunction to "*" with no principalOrgId, sourceArn or sourceAccount',
        ]);
    });
    it("fails a public principal whose condition confines nothing", () => {
        for (const condition of [
            { StringLike: { "aws:SourceArn": "*" } },
            { ArnLike: { "aws:SourceArn": "arn:aws:sns:*:*:*" } },
            { StringNotEquals: { "aws:SourceAccount": "999999999999" } },
            { StringEqualsIfExists: { "aws:PrincipalOrgID": "o-abc" } },
        ]) {
            assert.equal(
                outcomeOf(resourcePolicyNotPublic, bucketPolicy({ Principal: "*", Condition: condition })).status,
                "violation",
                JSON.stringify(condition),
            );
        }
    });
    it("is not applicable to permissions that name their principal, and to other types", () => {
        assert.equal(outcomeOf(resourcePolicyNotPublic, permission({ principal: "events.amazonaws.com" })).status, "not-applicable");
        assert.equal(outcomeOf(resourcePolicyNotPublic, role("r")).status, "not-applicable");
    });
});

describe("lambda-permission-source-scoped", () => {
    it("passes a service principal with sourceArn or sourceAccount", () => {
        assert.equal(
            outcomeOf(
                lambdaPermissionSourceScoped,
                permission({ principal: "events.amazonaws.com", sourceArn: "arn:aws:events:us-east-1:123456789012:rule/x" }),
            ).status,
            "pass",
        );
        assert.equal(outcomeOf(lambdaPermissionSourceScoped, permission({ principal: "s3.amazonaws.com", sourceAccount: ACCOUNT })).status, "pass");
    });
    it("fails a service principal without a source", () => {
        assert.deepEqual(messages(outcomeOf(lambdaPermissionSourceScoped, permission({ principal: "s3.amazonaws.com" }))), [
            "Lambda permission for service principal s3.amazonaws.com has neither sourceArn nor sourceAccount",
        ]);
    });
    it("is not applicable to account principals and other types", () => {
        assert.equal(outcomeOf(lambdaPermissionSourceScoped, permission({ principal: ACCOUNT })).status, "not-applicable");
        assert.equal(outcomeOf(lambdaPermissionSourceScoped, role("r")).status, "not-applicable");
    });
});

const record = (props: Record<string, unknown>) =>
    resource("aws:route53/record:Record", "api", {
        name: "api.prod.orders.example.com",
        type: "A",
        setIdentifier: "eu-west-1",
        healthCheckId: "hc-1",
        latencyRoutingPolicies: [{ region: "eu-west-1" }],
        aliases: [{ name: "d.example", zoneId: "Z1", evaluateTargetHealth: true }],
        ...props,
    });

describe("latency-record-health-check", () => {
    it("passes a health-checked record whose set identifier is its region", () => {
        assert.equal(outcomeOf(latencyRecordHealthCheck, record({})).status, "pass");
    });
    it("fails a missing health check, a mismatched set identifier and an alias not evaluating health", () => {
        assert.deepEqual(
            messages(
                outcomeOf(latencyRecordHealthCheck, record({ setIdentifier: "primary", aliases: [{ name: "d", zoneId: "Z", evaluateTargetHealth: false }] })),
            ),
            [
                'latency record api has setIdentifier "primary", not its region "eu-west-1"',
                "latency record api has an alias that does not evaluate target health",
            ],
        );
        const unchecked = record({});
        delete unchecked.props.healthCheckId;
        assert.deepEqual(messages(outcomeOf(latencyRecordHealthCheck, unchecked)), [
            "latency record api (eu-west-1) has no health check: an unhealthy region would stay in DNS answers",
        ]);
    });
    it("is not applicable to records without latency routing", () => {
        assert.equal(
            outcomeOf(latencyRecordHealthCheck, resource("aws:route53/record:Record", "ns", { type: "NS", records: ["ns1"] })).status,
            "not-applicable",
        );
    });
});

const check = (props: Record<string, unknown>) => resource("aws:route53/healthCheck:HealthCheck", "hc", props);

describe("health-check-timing", () => {
    it("passes 10 s × 3 within the default 180 s target", () => {
        assert.equal(outcomeOf(healthCheckTiming, check({ type: "HTTPS", requestInterval: 10, failureThreshold: 3 })).status, "pass");
    });
    it("fails disallowed values and detection slower than the failover target", () => {
        assert.deepEqual(messages(outcomeOf(healthCheckTiming, check({ type: "HTTPS", requestInterval: 20, failureThreshold: 11 }))), [
            "requestInterval 20 is not one of 10, 30",
            "failureThreshold 11 is not an integer from 1 to 10",
            "detection takes up to 280 s (20 s × 11 + 60 s TTL), over the failover target of 180 s",
        ]);
        const config = { "health-check-timing": { failoverTargetSeconds: 60 } };
        assert.deepEqual(messages(outcomeOf(healthCheckTiming, check({ type: "HTTPS", requestInterval: 10, failureThreshold: 3 }), config)), [
            "detection takes up to 90 s (10 s × 3 + 60 s TTL), over the failover target of 60 s",
        ]);
    });
    it("is not applicable to calculated and metric checks", () => {
        assert.equal(outcomeOf(healthCheckTiming, check({ type: "CALCULATED" })).status, "not-applicable");
        assert.equal(outcomeOf(healthCheckTiming, check({ type: "CLOUDWATCH_METRIC" })).status, "not-applicable");
    });
});

describe("calculated-check-threshold", () => {
    it("passes a threshold equal to the number of children", () => {
        assert.equal(outcomeOf(calculatedCheckThreshold, check({ type: "CALCULATED", childHealthchecks: ["a", "b"], childHealthThreshold: 2 })).status, "pass");
    });
    it("fails a lower threshold and a check without children", () => {
        assert.deepEqual(
            messages(outcomeOf(calculatedCheckThreshold, check({ type: "CALCULATED", childHealthchecks: ["a", "b", "c"], childHealthThreshold: 1 }))),
            ["calculated health check hc has childHealthThreshold 1 but 3 children: a failing child would not fail the region"],
        );
        assert.deepEqual(messages(outcomeOf(calculatedCheckThreshold, check({ type: "CALCULATED", childHealthchecks: [] }))), [
            "calculated health check hc has no children",
        ]);
    });
    it("is not applicable to endpoint checks", () => {
        assert.equal(outcomeOf(calculatedCheckThreshold, check({ type: "HTTPS" })).status, "not-applicable");
    });
});

describe("account-protected", () => {
    const account = (props: Record<string, unknown>, protect: boolean) =>
        resource("aws:organizations/account:Account", "account-orders-prod", { name: "orders-prod", email: "o@example.com", ...props }, { opts: { protect } });
    it("passes a protected account that is not closed on deletion", () => {
        assert.equal(outcomeOf(accountProtected, account({}, true)).status, "pass");
    });
    it("fails an unprotected account and closeOnDeletion: true", () => {
        assert.deepEqual(messages(outcomeOf(accountProtected, account({ closeOnDeletion: true }, false))), [
            "account account-orders-prod is not protected",
            "account account-orders-prod has closeOnDeletion: true; deleting the resource would close the account",
        ]);
    });
    it("is not applicable to other types", () => {
        assert.equal(outcomeOf(accountProtected, role("r")).status, "not-applicable");
    });
});

describe("bus-replication", () => {
    const bus = (region: string) =>
        resource(
            "aws:cloudwatch/eventBus:EventBus",
            "orders-bus",
            { name: "orders-bus" },
            { outputs: { name: "orders-bus", arn: `arn:aws:events:${region}:${ACCOUNT}:event-bus/orders-bus` } },
        );
    const target = (region: string) =>
        resource("aws:cloudwatch/eventTarget:EventTarget", `to-${region}`, { arn: `arn:aws:events:${region}:${ACCOUNT}:event-bus/orders-bus` });
    const peers = { "bus-replication": { subsystemRegions: ["us-east-1", "eu-west-1", "ap-southeast-2"] } };
    it("passes a bus that forwards to every peer region", () => {
        assert.equal(outcomeOf(busReplication, [bus("us-east-1"), target("eu-west-1"), target("ap-southeast-2")], peers).status, "pass");
    });
    it("fails a bus missing a peer, or with no peer at all", () => {
        const missing = outcomeOf(busReplication, [bus("us-east-1"), target("eu-west-1")], peers);
        assert.deepEqual(messages(missing), ["bus orders-bus in us-east-1 does not replicate to ap-southeast-2"]);
        assert.equal(missing.findings[0].urn, bus("us-east-1").urn);
        assert.deepEqual(messages(outcomeOf(busReplication, [bus("us-east-1")])), ["bus orders-bus replicates to no peer region"]);
    });
    it("is not applicable to a stack without a subsystem bus", () => {
        assert.equal(outcomeOf(busReplication, [role("r")]).status, "not-applicable");
    });
});
