import { boundaryPolicyArn, busArn, busName, latencyRecordName, environmentZoneName } from "../lib/contracts/naming";
import type { PlannedResource, PlannedStack } from "../lib/contracts/plan-document";
import { FleetPolicySettings, RenderedStack, withPolicyContexts } from "../stacks/policy-context";
import { DEFAULT_FAILOVER_TARGET_SECONDS } from "../regions/region-schema";

/**
 * A synthetic planned fleet in the shape `meridian plan` records, following the components'
 * conventions (tags, names, boundaries, replication targets). It is a correct least-privilege
 * design, so the pack must pass it; tests break one thing at a time, and the benchmark scales it.
 */

export interface SyntheticSubsystem {
    name: string;
    regions: string[];
    /** Environment → account id. */
    accounts: Record<string, string>;
}

const PROJECT = "meridian";
const MANAGEMENT_ACCOUNT = "999999999999";
const ORG_ID = "o-exampleorg1";

function json(value: unknown): string {
    return JSON.stringify(value);
}

class StackBuilder {
    readonly resources: PlannedResource[] = [];
    readonly provider: string;

    constructor(
        readonly stack: string,
        readonly region: string,
        readonly accountId: string,
    ) {
        this.provider = `urn:pulumi:${stack}::${PROJECT}::pulumi:providers:aws::default`;
        this.resources.push(this.make("pulumi:providers:aws", "default", { region, allowedAccountIds: [accountId] }, {}, false));
    }

    private make(type: string, name: string, inputs: Record<string, unknown>, computed: Record<string, unknown>, managed = true): PlannedResource {
        return {
            urn: `urn:pulumi:${this.stack}::${PROJECT}::${type}::${name}`,
            type,
            name,
            custom: true,
            parent: `urn:pulumi:${this.stack}::${PROJECT}::pulumi:pulumi:Stack::${PROJECT}-${this.stack}`,
            provider: managed ? this.provider : undefined,
            region: this.region,
            inputs,
            outputs: { ...inputs, ...computed },
            protect: false,
            retainOnDelete: false,
            dependencies: [],
        };
    }

    add(type: string, name: string, inputs: Record<string, unknown>, computed: Record<string, unknown> = {}): PlannedResource {
        const resource = this.make(type, name, inputs, { id: computed.id ?? inputs.name ?? name, ...computed });
        this.resources.push(resource);
        return resource;
    }

    role(name: string, trust: unknown, boundaryArn: string): string {
        const arn = `arn:aws:iam::${this.accountId}:role/${name}`;
        this.add("aws:iam/role:Role", name, { name, assumeRolePolicy: json(trust), permissionsBoundary: boundaryArn }, { arn });
        return name;
    }

    rolePolicy(name: string, role: string, statements: unknown[]): void {
        this.add("aws:iam/rolePolicy:RolePolicy", name, { name, role, policy: json({ Version: "2012-10-17", Statement: statements }) });
    }
}

const serviceTrust = (service: string, accountId: string) => ({
    Version: "2012-10-17",
    Statement: [
        { Effect: "Allow", Principal: { Service: service }, Action: "sts:AssumeRole", Condition: { StringEquals: { "aws:SourceAccount": accountId } } },
    ],
});

function organizationStack(subsystems: readonly SyntheticSubsystem[], homeRegion: string): RenderedStack {
    const builder = new StackBuilder("organization", homeRegion, MANAGEMENT_ACCOUNT);
    for (const subsystem of subsystems) {
        for (const [environment, accountId] of Object.entries(subsystem.accounts)) {
            const account = builder.add(
                "aws:organizations/account:Account",
                `account-${subsystem.name}-${environment}`,
                { name: `${subsystem.name}-${environment}`, email: `${subsystem.name}-${environment}@example.com` },
                { id: accountId },
            );
            account.protect = true;
            account.retainOnDelete = true;
        }
    }
    return {
        name: "organization",
        wave: 0,
        kind: "organization",
        account: "management",
        accountId: MANAGEMENT_ACCOUNT,
        region: homeRegion,
        dependsOn: [],
        outputs: {},
        resources: builder.resources,
    };
}

function accountStack(subsystem: SyntheticSubsystem, environment: string, accountId: string, homeRegion: string): RenderedStack {
    const account = `${subsystem.name}-${environment}`;
    const builder = new StackBuilder(`${account}.global`, homeRegion, accountId);
    const prefix = subsystem.name;
    const boundary = boundaryPolicyArn(accountId, prefix);
    const deploymentBoundary = `arn:aws:iam::${accountId}:policy/${prefix}-deployment-boundary`;
    builder.add(
        "aws:iam/policy:Policy",
        `${prefix}-boundary`,
        {
            name: `${prefix}-boundary`,
            policy: json({
                Version: "2012-10-17",
                Statement: [
                    { Effect: "Allow", Action: ["dynamodb:*", "events:*", "logs:*", "xray:*", "cloudwatch:*", "ssm:GetParameter"], Resource: "*" },
                    { Effect: "Allow", Action: "lambda:*", Resource: `arn:aws:lambda:*:${accountId}:function:${prefix}-*` },
                    { Effect: "Deny", Action: ["iam:*", "organizations:*"], Resource: "*" },
                ],
            }),
        },
        { arn: boundary },
    );
    builder.add(
        "aws:iam/policy:Policy",
        `${prefix}-deployment-boundary`,
        {
            name: `${prefix}-deployment-boundary`,
            policy: json({
                Version: "2012-10-17",
                Statement: [
                    { Effect: "Allow", Action: ["events:*", "route53:*", "dynamodb:*", "apigateway:*", "cloudwatch:*", "logs:*"], Resource: "*" },
                    {
                        Effect: "Allow",
                        Action: ["lambda:*", "ssm:*"],
                        Resource: [`arn:aws:lambda:*:${accountId}:function:${prefix}-*`, `arn:aws:ssm:*:${accountId}:parameter/${prefix}/*`],
                    },
                    {
                        Effect: "Allow",
                        Action: [
                            "iam:CreateRole",
                            "iam:PutRolePolicy",
                            "iam:AttachRolePolicy",
                            "iam:PutRolePermissionsBoundary",
                            "iam:GetRole",
                            "iam:DeleteRolePolicy",
                        ],
                        Resource: `arn:aws:iam::${accountId}:role/${prefix}-*`,
                        Condition: { StringEquals: { "iam:PermissionsBoundary": boundary } },
                    },
                    { Effect: "Allow", Action: ["iam:TagRole", "iam:PassRole"], Resource: `arn:aws:iam::${accountId}:role/${prefix}-*` },
                    { Effect: "Deny", Action: ["iam:DeleteRolePermissionsBoundary", "iam:DeleteUserPermissionsBoundary"], Resource: "*" },
                    {
                        Effect: "Deny",
                        Action: ["iam:CreatePolicyVersion", "iam:SetDefaultPolicyVersion", "iam:DeletePolicy"],
                        Resource: [boundary, deploymentBoundary],
                    },
                ],
            }),
        },
        { arn: deploymentBoundary },
    );
    const deployment = builder.role(
        `${prefix}-deployment`,
        {
            Version: "2012-10-17",
            Statement: [
                {
                    Effect: "Allow",
                    Principal: { AWS: `arn:aws:iam::${MANAGEMENT_ACCOUNT}:root` },
                    Action: "sts:AssumeRole",
                    Condition: { StringEquals: { "aws:PrincipalOrgID": ORG_ID } },
                },
            ],
        },
        deploymentBoundary,
    );
    builder.rolePolicy(`${prefix}-deployment-policy`, deployment, [
        {
            Effect: "Allow",
            Action: ["iam:CreateRole", "iam:PutRolePolicy", "iam:AttachRolePolicy", "iam:PutRolePermissionsBoundary", "iam:GetRole", "iam:DeleteRolePolicy"],
            Resource: `arn:aws:iam::${accountId}:role/${prefix}-*`,
            Condition: { StringEquals: { "iam:PermissionsBoundary": boundary } },
        },
        { Effect: "Allow", Action: ["iam:TagRole"], Resource: `arn:aws:iam::${accountId}:role/${prefix}-*` },
        {
            Effect: "Allow",
            Action: "iam:PassRole",
            Resource: `arn:aws:iam::${accountId}:role/${prefix}-*`,
            Condition: { StringEquals: { "iam:PassedToService": ["lambda.amazonaws.com", "events.amazonaws.com"] } },
        },
        {
            Effect: "Allow",
            Action: ["lambda:CreateFunction", "lambda:UpdateFunctionCode", "lambda:GetFunction"],
            Resource: `arn:aws:lambda:*:${accountId}:function:${prefix}-*`,
        },
        { Effect: "Allow", Action: "sts:GetCallerIdentity", Resource: "*" },
    ]);
    return {
        name: `${account}.global`,
        wave: 1,
        kind: "account",
        account,
        accountId,
        region: homeRegion,
        subsystem: subsystem.name,
        environment,
        dependsOn: ["organization"],
        outputs: {},
        resources: builder.resources,
    };
}

function regionalStack(subsystem: SyntheticSubsystem, environment: string, accountId: string, region: string): RenderedStack {
    const account = `${subsystem.name}-${environment}`;
    const prefix = subsystem.name;
    const builder = new StackBuilder(`${account}.${region}`, region, accountId);
    const boundary = boundaryPolicyArn(accountId, prefix);
    const tags = (check: string) => ({
        Name: `${prefix}-${environment}-${region}-${check}`,
        "meridian:subsystem": prefix,
        "meridian:environment": environment,
        "meridian:region": region,
        "meridian:check": check,
        "meridian:signal": "dns",
    });
    const ownBus = busArn(accountId, region, prefix);
    builder.add("aws:cloudwatch/eventBus:EventBus", busName(prefix), { name: busName(prefix) }, { arn: ownBus });
    const replication = builder.role(`${prefix}-replication-${region}`, serviceTrust("events.amazonaws.com", accountId), boundary);
    const peers = subsystem.regions.filter((peer) => peer !== region);
    builder.rolePolicy(`${prefix}-replication-${region}-policy`, replication, [
        { Effect: "Allow", Action: "events:PutEvents", Resource: peers.map((peer) => busArn(accountId, peer, prefix)) },
    ]);
    for (const peer of peers) {
        builder.add("aws:cloudwatch/eventTarget:EventTarget", `${prefix}-to-${peer}`, {
            rule: `${prefix}-replicate`,
            eventBusName: busName(prefix),
            arn: busArn(accountId, peer, prefix),
            roleArn: `arn:aws:iam::${accountId}:role/${replication}`,
        });
    }
    const tracer = builder.role(`${prefix}-tracer-${region}`, serviceTrust("lambda.amazonaws.com", accountId), boundary);
    builder.rolePolicy(`${prefix}-tracer-${region}-policy`, tracer, [
        { Effect: "Allow", Action: ["dynamodb:GetItem", "dynamodb:PutItem"], Resource: `arn:aws:dynamodb:${region}:${accountId}:table/${prefix}-traces` },
        { Effect: "Allow", Action: "events:PutEvents", Resource: ownBus },
        { Effect: "Allow", Action: "ssm:GetParameter", Resource: `arn:aws:ssm:${region}:${accountId}:parameter/${prefix}/health/*` },
        { Effect: "Allow", Action: ["xray:PutTraceSegments", "xray:PutTelemetryRecords", "cloudwatch:PutMetricData"], Resource: "*" },
    ]);
    builder.add("aws:lambda/permission:Permission", `${prefix}-tracer-invoke`, {
        action: "lambda:InvokeFunction",
        function: `${prefix}-tracer-${region}`,
        principal: "apigateway.amazonaws.com",
        sourceArn: `arn:aws:execute-api:${region}:${accountId}:abc123/*/GET/check`,
    });
    const https = builder.add(
        "aws:route53/healthCheck:HealthCheck",
        `${prefix}-https`,
        {
            type: "HTTPS",
            fqdn: `abc123.execute-api.${region}.amazonaws.com`,
            resourcePath: "/live/check",
            requestInterval: 10,
            failureThreshold: 3,
            tags: tags("https"),
        },
        { id: `hc-https-${region}` },
    );
    const metric = builder.add(
        "aws:route53/healthCheck:HealthCheck",
        `${prefix}-metric`,
        {
            type: "CLOUDWATCH_METRIC",
            cloudwatchAlarmName: `${prefix}-health-trace-error-rate`,
            cloudwatchAlarmRegion: region,
            insufficientDataHealthStatus: "Unhealthy",
            tags: tags("metric"),
        },
        { id: `hc-metric-${region}` },
    );
    builder.add("aws:cloudwatch/metricAlarm:MetricAlarm", `${prefix}-health-trace-error-rate`, {
        name: `${prefix}-health-trace-error-rate`,
        namespace: `Meridian/${prefix}`,
        metricName: "TraceErrors",
        statistic: "Average",
        threshold: 0.5,
        period: 60,
        evaluationPeriods: 3,
        datapointsToAlarm: 2,
    });
    builder.add("aws:lambda/function:Function", `${prefix}-tracer-${region}`, {
        name: `${prefix}-tracer-${region}`,
        role: `arn:aws:iam::${accountId}:role/${tracer}`,
        environment: { variables: { TRACE_TIMEOUT_SECONDS: "90", TRACE_FAILURES_TO_UNHEALTHY: "2", TRACE_INTERVAL_SECONDS: "60" } },
    });
    const calculated = builder.add(
        "aws:route53/healthCheck:HealthCheck",
        `${prefix}-regional`,
        { type: "CALCULATED", childHealthchecks: [https.outputs.id, metric.outputs.id], childHealthThreshold: 2, tags: tags("calculated") },
        { id: `hc-calculated-${region}` },
    );
    const zone = environmentZoneName(`${prefix}.meridian.example.com`, environment);
    builder.add("aws:route53/record:Record", `${prefix}-latency`, {
        zoneId: "Z123EXAMPLE",
        name: latencyRecordName(zone),
        type: "CNAME",
        ttl: 60,
        records: [`d-abc.execute-api.${region}.amazonaws.com`],
        setIdentifier: region,
        healthCheckId: calculated.outputs.id,
        latencyRoutingPolicies: [{ region }],
    });
    return {
        name: `${account}.${region}`,
        wave: 2,
        kind: "subsystem",
        account,
        accountId,
        region,
        subsystem: subsystem.name,
        environment,
        dependsOn: [`${account}.global`],
        outputs: {},
        resources: builder.resources,
    };
}

export function syntheticFleet(subsystems: readonly SyntheticSubsystem[], homeRegion = "us-east-1"): PlannedStack[] {
    const stacks: RenderedStack[] = [organizationStack(subsystems, homeRegion)];
    for (const subsystem of subsystems) {
        for (const [environment, accountId] of Object.entries(subsystem.accounts)) {
            stacks.push(accountStack(subsystem, environment, accountId, homeRegion));
            for (const region of subsystem.regions) stacks.push(regionalStack(subsystem, environment, accountId, region));
        }
    }
    return withPolicyContexts(stacks, syntheticFleetSettings(subsystems));
}

/** The catalog settings the synthetic fleet's policy context is computed from. */
export function syntheticFleetSettings(subsystems: readonly SyntheticSubsystem[]): FleetPolicySettings {
    return {
        failoverTargetSeconds: DEFAULT_FAILOVER_TARGET_SECONDS,
        regionsOf: (name) => subsystems.find((subsystem) => subsystem.name === name)?.regions ?? [],
        stateBucket: "synthetic-pulumi-state",
    };
}

/** The example fleet's shape: orders in three regions, payments in two, each with prod and staging. */
export const EXAMPLE_SUBSYSTEMS: readonly SyntheticSubsystem[] = [
    { name: "orders", regions: ["us-east-1", "eu-west-1", "ap-southeast-2"], accounts: { prod: "111111111111", staging: "111111111112" } },
    { name: "payments", regions: ["us-east-1", "eu-west-1"], accounts: { prod: "222222222221", staging: "222222222222" } },
];
