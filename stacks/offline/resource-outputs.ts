import { hashDigits, hashHex, hashUpper, hashUuid } from "./synthetic-ids";

/**
 * What AWS would report back for a created resource: ids, ARNs and the computed attributes that
 * Meridian's programs read (a function's invoke ARN, a zone's name servers, a certificate's DNS
 * validation record…). Inputs are echoed back, as the engine does; only computed fields are added.
 */

export interface ResourceContext {
    type: string;
    logicalName: string;
    urn: string;
    inputs: Record<string, unknown>;
    region: string;
    accountId: string;
    partition: string;
    importId?: string;
    /** The organisation's ids, for Organizations resources. */
    organizationId: string;
    rootId: string;
    managementAccountId: string;
}

type Synthesiser = (context: ResourceContext, name: string) => { id: string; computed: Record<string, unknown> };

/** API Gateway's regional hosted zone ids (published by AWS); others fall back to a stand-in. */
const API_GATEWAY_ZONE_IDS: Record<string, string> = {
    "us-east-1": "Z1UJRXOUMOOFQ8",
    "us-east-2": "ZOJJZC49E0EPZ",
    "us-west-1": "Z2MUQ32089INYE",
    "us-west-2": "Z2OJLYMUO9EFXC",
    "eu-west-1": "ZLY8HYME6SFDD",
    "eu-west-2": "ZJ5UAJN8Y3Z2Q",
    "eu-central-1": "Z1U9ULNL0V5AJ3",
    "ap-southeast-1": "ZL327KTPIQFUL",
    "ap-southeast-2": "Z2RPCDW04V8134",
    "ap-northeast-1": "Z1YSHQZHG15GKL",
};

const arn = (c: ResourceContext, service: string, resource: string, regional = true, account = true) =>
    `arn:${c.partition}:${service}:${regional ? c.region : ""}:${account ? c.accountId : ""}:${resource}`;

const named = (id: string, computed: Record<string, unknown>) => ({ id, computed });

const SYNTHESISERS: Record<string, Synthesiser> = {
    "aws:iam/role:Role": (c, name) =>
        named(name, { arn: arn(c, "iam", `role${String(c.inputs.path ?? "/")}${name}`, false), uniqueId: `AROA${hashUpper(c.urn, 17)}` }),
    "aws:iam/policy:Policy": (c, name) => {
        const policyArn = arn(c, "iam", `policy${String(c.inputs.path ?? "/")}${name}`, false);
        return named(policyArn, { arn: policyArn, policyId: `ANPA${hashUpper(c.urn, 17)}` });
    },
    "aws:iam/openIdConnectProvider:OpenIdConnectProvider": (c) => {
        const host = String(c.inputs.url ?? "").replace(/^https:\/\//, "");
        const providerArn = arn(c, "iam", `oidc-provider/${host}`, false);
        return named(providerArn, { arn: providerArn });
    },
    "aws:lambda/function:Function": (c, name) => {
        const functionArn = arn(c, "lambda", `function:${name}`);
        return named(name, {
            arn: functionArn,
            qualifiedArn: `${functionArn}:$LATEST`,
            version: "$LATEST",
            invokeArn: `arn:${c.partition}:apigateway:${c.region}:lambda:path/2015-03-31/functions/${functionArn}/invocations`,
        });
    },
    "aws:dynamodb/table:Table": (c, name) => {
        const tableArn = arn(c, "dynamodb", `table/${name}`);
        return named(name, { arn: tableArn, streamArn: c.inputs.streamEnabled ? `${tableArn}/stream/2026-01-01T00:00:00.000` : undefined });
    },
    "aws:cloudwatch/eventBus:EventBus": (c, name) => named(name, { arn: arn(c, "events", `event-bus/${name}`) }),
    "aws:cloudwatch/eventRule:EventRule": (c, name) => {
        const bus = typeof c.inputs.eventBusName === "string" && c.inputs.eventBusName !== "default" ? `${c.inputs.eventBusName}/` : "";
        return named(`${bus.replace("/", "|")}${name}`, { arn: arn(c, "events", `rule/${bus}${name}`) });
    },
    "aws:cloudwatch/eventArchive:EventArchive": (c, name) => named(name, { arn: arn(c, "events", `archive/${name}`) }),
    "aws:cloudwatch/eventEndpoint:EventEndpoint": (c, name) =>
        named(name, { arn: arn(c, "events", `endpoint/${name}`, false), endpointUrl: `https://${hashHex(c.urn, 10)}.endpoint.events.amazonaws.com` }),
    "aws:cloudwatch/metricAlarm:MetricAlarm": (c, name) => named(name, { arn: arn(c, "cloudwatch", `alarm:${name}`) }),
    "aws:sqs/queue:Queue": (c, name) => {
        const url = `https://sqs.${c.region}.amazonaws.com/${c.accountId}/${name}`;
        return named(url, { arn: arn(c, "sqs", name), url });
    },
    // WAF's ARNs carry the scope and an id AWS assigns: `regional/webacl/<name>/<id>`.
    "aws:wafv2/webAcl:WebAcl": (c, name) => wafArn(c, "webacl", name),
    "aws:wafv2/ipSet:IpSet": (c, name) => wafArn(c, "ipset", name),
    "aws:sns/topic:Topic": (c, name) => {
        const topicArn = arn(c, "sns", name);
        return named(topicArn, { arn: topicArn });
    },
    "aws:kms/key:Key": (c) => {
        const keyId = hashUuid(c.urn);
        return named(keyId, { keyId, arn: arn(c, "kms", `key/${keyId}`) });
    },
    "aws:kms/alias:Alias": (c, name) => named(name, { arn: arn(c, "kms", name) }),
    "aws:s3/bucket:Bucket": (c, name) => s3Bucket(c, name),
    "aws:s3/bucketV2:BucketV2": (c, name) => s3Bucket(c, name),
    "aws:apigateway/restApi:RestApi": (c) => {
        const apiId = hashHex(c.urn, 10);
        return named(apiId, {
            rootResourceId: hashHex(`${c.urn}/root`, 10),
            arn: `arn:${c.partition}:apigateway:${c.region}::/restapis/${apiId}`,
            executionArn: arn(c, "execute-api", apiId),
        });
    },
    "aws:apigateway/resource:Resource": (c) => named(hashHex(c.urn, 6), { path: `/${String(c.inputs.pathPart ?? "")}` }),
    "aws:apigateway/deployment:Deployment": (c) => named(hashHex(c.urn, 6), {}),
    "aws:apigateway/stage:Stage": (c) => {
        const apiId = String(c.inputs.restApi ?? "api");
        const stageName = String(c.inputs.stageName ?? "stage");
        return named(`ags-${apiId}-${stageName}`, {
            invokeUrl: `https://${apiId}.execute-api.${c.region}.amazonaws.com/${stageName}`,
            executionArn: arn(c, "execute-api", `${apiId}/${stageName}`),
            arn: `arn:${c.partition}:apigateway:${c.region}::/restapis/${apiId}/stages/${stageName}`,
        });
    },
    "aws:apigateway/domainName:DomainName": (c) => {
        const domain = String(c.inputs.domainName ?? "");
        return named(domain, {
            regionalDomainName: `d-${hashHex(c.urn, 10)}.execute-api.${c.region}.amazonaws.com`,
            regionalZoneId: API_GATEWAY_ZONE_IDS[c.region] ?? `Z${hashUpper(c.region, 13)}`,
            arn: `arn:${c.partition}:apigateway:${c.region}::/domainnames/${domain}`,
        });
    },
    "aws:acm/certificate:Certificate": (c) => {
        const domain = String(c.inputs.domainName ?? "");
        // ACM's validation record depends on the account and domain, not the region: every region writes the same one.
        const token = hashHex(`${c.accountId}/${domain}`, 32);
        const certificateArn = arn(c, "acm", `certificate/${hashUuid(c.urn)}`);
        return named(certificateArn, {
            arn: certificateArn,
            domainValidationOptions: [
                {
                    domainName: domain,
                    resourceRecordName: `_${token}.${domain}.`,
                    resourceRecordType: "CNAME",
                    resourceRecordValue: `_${hashHex(`${token}/value`, 32)}.acm-validations.aws.`,
                },
            ],
        });
    },
    "aws:route53/zone:Zone": (c) => {
        const zoneId = `Z${hashUpper(c.urn, 20)}`;
        const n = parseInt(hashHex(c.urn, 4), 16);
        return named(zoneId, {
            zoneId,
            arn: `arn:${c.partition}:route53:::hostedzone/${zoneId}`,
            nameServers: [
                `ns-${n % 2048}.awsdns-${n % 64}.com`,
                `ns-${(n + 1) % 2048}.awsdns-${(n + 1) % 64}.net`,
                `ns-${(n + 2) % 2048}.awsdns-${(n + 2) % 64}.org`,
                `ns-${(n + 3) % 2048}.awsdns-${(n + 3) % 64}.co.uk`,
            ],
        });
    },
    "aws:route53/healthCheck:HealthCheck": (c) => {
        const id = hashUuid(c.urn);
        return named(id, { arn: `arn:${c.partition}:route53:::healthcheck/${id}` });
    },
    "aws:route53/record:Record": (c) => {
        const setId = c.inputs.setIdentifier ? `_${String(c.inputs.setIdentifier)}` : "";
        return named(`${String(c.inputs.zoneId)}_${String(c.inputs.name)}_${String(c.inputs.type)}${setId}`, { fqdn: c.inputs.name });
    },
    "aws:ssm/parameter:Parameter": (c, name) => named(name, { arn: arn(c, "ssm", `parameter/${name.replace(/^\//, "")}`) }),
    "aws:cloudwatch/logGroup:LogGroup": (c, name) => named(name, { arn: arn(c, "logs", `log-group:${name}`) }),
    "aws:cloudtrail/trail:Trail": (c, name) => named(name, { arn: arn(c, "cloudtrail", `trail/${name}`) }),
    "aws:organizations/organizationalUnit:OrganizationalUnit": (c) => {
        const id = c.importId ?? `ou-${c.rootId.slice(2, 6)}-${hashHex(c.urn, 8)}`;
        return named(id, { arn: `arn:${c.partition}:organizations::${c.managementAccountId}:ou/${c.organizationId}/${id}` });
    },
    "aws:organizations/account:Account": (c) => {
        const id = c.importId ?? hashDigits(c.urn, 12);
        return named(id, { arn: `arn:${c.partition}:organizations::${c.managementAccountId}:account/${c.organizationId}/${id}`, status: "ACTIVE" });
    },
    "aws:organizations/policy:Policy": (c) => {
        const id = c.importId ?? `p-${hashHex(c.urn, 8)}`;
        return named(id, { arn: `arn:${c.partition}:organizations::${c.managementAccountId}:policy/${c.organizationId}/service_control_policy/${id}` });
    },
};

function wafArn(c: ResourceContext, kind: string, name: string) {
    const id = hashUuid(c.urn);
    const scope = String(c.inputs.scope ?? "REGIONAL").toLowerCase();
    return named(id, { arn: arn(c, "wafv2", `${scope}/${kind}/${name}/${id}`) });
}

function s3Bucket(c: ResourceContext, name: string) {
    return named(name, {
        bucket: name,
        arn: `arn:${c.partition}:s3:::${name}`,
        bucketDomainName: `${name}.s3.amazonaws.com`,
        bucketRegionalDomainName: `${name}.s3.${c.region}.amazonaws.com`,
    });
}

/** The inputs that name a resource physically, in order of precedence. */
export const PHYSICAL_NAME_INPUTS = ["name", "functionName", "bucket", "tableName"] as const;

/** The physical name AWS would see: the given name, or Pulumi's auto-name (logical name plus a suffix). */
export function physicalName(context: ResourceContext): string {
    for (const key of PHYSICAL_NAME_INPUTS) {
        const value = context.inputs[key];
        if (typeof value === "string" && value) return value;
    }
    if (typeof context.inputs.namePrefix === "string") return `${context.inputs.namePrefix}${hashHex(context.urn, 7)}`;
    return `${context.logicalName}-${hashHex(context.urn, 7)}`;
}

export function synthesiseOutputs(context: ResourceContext): { id: string; state: Record<string, unknown> } {
    const name = physicalName(context);
    const synthesise = SYNTHESISERS[context.type];
    if (synthesise) {
        const { id, computed } = synthesise(context, name);
        const state: Record<string, unknown> = { ...context.inputs, name: context.inputs.name ?? name, ...dropUndefined(computed) };
        return { id, state };
    }
    const service = /^aws:([a-z0-9]+)\//.exec(context.type)?.[1];
    if (!service) return { id: name, state: { ...context.inputs } };
    const kind = (context.type.split(":").pop() ?? "resource").toLowerCase();
    return { id: name, state: { name, ...context.inputs, arn: arn(context, service, `${kind}/${name}`) } };
}

function dropUndefined(value: Record<string, unknown>): Record<string, unknown> {
    return Object.fromEntries(Object.entries(value).filter(([, item]) => item !== undefined));
}
