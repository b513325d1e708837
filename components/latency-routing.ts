import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { deploymentSnapshot } from "./api-deployment";
import { type CheckerRangesSnapshot, ROUTE53_CHECKER_RANGES, checkerPrefixes } from "../regions/health-checker-ranges";
import { latencyRecordName, publicApiName, regionalRecordName } from "../lib/contracts/naming";
import { publicApiPolicyDocument } from "./policy-documents/health-api";

export interface LatencyRoutingArgs {
    subsystem: string;
    /** The subsystem environment's hosted zone (created by the `<account>.global` stack). */
    zoneId: pulumi.Input<string>;
    zoneName: string;
    /** Defaults to `api.<zoneName>`. */
    recordName?: string;
    region: string;
    /** This region's DNS check: when it fails, DNS stops answering with this region. */
    healthCheckId: pulumi.Input<string>;
    /** TTL of the latency record (and of the region's own name): how long resolvers may keep sending clients here after the region leaves DNS answers. */
    ttlSeconds: number;
    /** The web ACL that admits only Route 53's checkers to health paths; the public stage joins it. */
    webAclArn: pulumi.Input<string>;
    checkerRanges?: CheckerRangesSnapshot;
    tags?: Record<string, string>;
}

const VALIDATION_TTL_SECONDS = 60;
const STAGE_NAME = "live";

/** The public API's health path: a MOCK integration, so checking it costs no function call, no table read. */
export const PUBLIC_HEALTH_PATH = "ping";

/**
 * How long a deployment waits for ACM to issue the certificate; the provider would wait 75 minutes.
 * DNS validation normally completes within minutes once the zone is delegated (which `meridian up`
 * and the workflow check before wave 2), so a longer wait means a broken delegation: fail while the
 * CI job's session still has time, and the next run resumes waiting on the same certificate.
 */
export const CERTIFICATE_VALIDATION_TIMEOUT = "30m";

/**
 * This region's share of the latency-routed name: the region's public REST API (its `GET /ping`
 * health path answers Route 53's checkers only), a regional API Gateway custom domain for the
 * latency name and one for the region's own name (`<region>.api.<zone>`, which the DNS check calls
 * to check the domain as users reach it), both under one ACM certificate validated in the zone,
 * and a latency CNAME record with set identifier = region, the region's DNS check and a TTL this
 * stack sets. An alias record would carry its target's TTL, which nothing here controls.
 */
export class LatencyRouting extends pulumi.ComponentResource {
    readonly recordFqdn: pulumi.Output<string>;
    readonly domainName: pulumi.Output<string>;
    readonly certificateArn: pulumi.Output<string>;
    readonly publicApiId: pulumi.Output<string>;
    /** `<region>.api.<zone>`: the region's own name under the public domain. */
    readonly regionalHost: string;

    constructor(name: string, args: LatencyRoutingArgs, opts?: pulumi.ComponentResourceOptions) {
        super("meridian:dns:LatencyRouting", name, {}, opts);
        const parent = { parent: this };
        const tags = args.tags ?? {};
        const recordName = args.recordName ?? latencyRecordName(args.zoneName);
        const regionalHost = regionalRecordName(recordName, args.region);

        // The wildcard covers the region's own name; ACM validates a name and its wildcard with one record.
        const certificate = new aws.acm.Certificate(
            `${name}-certificate`,
            { domainName: recordName, subjectAlternativeNames: [`*.${recordName}`], validationMethod: "DNS", tags },
            parent,
        );
        const validation = certificate.domainValidationOptions.apply((options) => options.find((option) => option.domainName === recordName) ?? options[0]);
        const validationRecord = new aws.route53.Record(
            `${name}-certificate-validation-record`,
            {
                zoneId: args.zoneId,
                name: validation.resourceRecordName,
                type: validation.resourceRecordType,
                records: [validation.resourceRecordValue],
                ttl: VALIDATION_TTL_SECONDS,
                // Every region requests a certificate for the same names and so writes the same validation record.
                allowOverwrite: true,
            },
            // The other regions' certificates keep renewing through this record: destroying this
            // region's stack, or replacing the record (created anew, then the old one deleted by
            // name), must not delete it.
            { ...parent, retainOnDelete: true },
        );
        const validated = new aws.acm.CertificateValidation(
            `${name}-certificate-validation`,
            { certificateArn: certificate.arn, validationRecordFqdns: [validationRecord.fqdn] },
            { ...parent, customTimeouts: { create: CERTIFICATE_VALIDATION_TIMEOUT } },
        );

        const api = new aws.apigateway.RestApi(
            `${name}-public-api`,
            {
                name: publicApiName(args.subsystem),
                description: `${args.subsystem} public API in ${args.region}; GET /${PUBLIC_HEALTH_PATH} answers Route 53's checkers.`,
                endpointConfiguration: { types: "REGIONAL" },
                tags,
            },
            parent,
        );
        const ping = new aws.apigateway.Resource(
            `${name}-ping-resource`,
            { restApi: api.id, parentId: api.rootResourceId, pathPart: PUBLIC_HEALTH_PATH },
            parent,
        );
        const pingMethod = new aws.apigateway.Method(
            `${name}-ping-method`,
            { restApi: api.id, resourceId: ping.id, httpMethod: "GET", authorization: "NONE" },
            parent,
        );
        const pingIntegration = new aws.apigateway.Integration(
            `${name}-ping-integration`,
            {
                restApi: api.id,
                resourceId: ping.id,
                httpMethod: pingMethod.httpMethod,
                type: "MOCK",
                requestTemplates: { "application/json": JSON.stringify({ statusCode: 200 }) },
            },
            parent,
        );
        const pingResponse = new aws.apigateway.MethodResponse(
            `${name}-ping-method-response`,
            { restApi: api.id, resourceId: ping.id, httpMethod: pingMethod.httpMethod, statusCode: "200" },
            parent,
        );
        const pingIntegrationResponse = new aws.apigateway.IntegrationResponse(
            `${name}-ping-integration-response`,
            {
                restApi: api.id,
                resourceId: ping.id,
                httpMethod: pingMethod.httpMethod,
                statusCode: pingResponse.statusCode,
                responseTemplates: { "application/json": JSON.stringify({ status: "ok" }) },
            },
            { ...parent, dependsOn: [pingIntegration] },
        );
        const apiPolicy = new aws.apigateway.RestApiPolicy(
            `${name}-public-api-policy`,
            {
                restApiId: api.id,
                policy: JSON.stringify(publicApiPolicyDocument(STAGE_NAME, PUBLIC_HEALTH_PATH, checkerPrefixes(args.checkerRanges ?? ROUTE53_CHECKER_RANGES))),
            },
            parent,
        );
        const deployment = new aws.apigateway.Deployment(
            `${name}-public-deployment`,
            {
                restApi: api.id,
                triggers: {
                    configuration: deploymentSnapshot({
                        pathPart: ping.pathPart,
                        httpMethod: pingMethod.httpMethod,
                        authorization: pingMethod.authorization,
                        integrationType: pingIntegration.type,
                        resource: ping.id,
                        method: pingMethod.id,
                        integration: pingIntegration.id,
                        integrationResponse: pingIntegrationResponse.id,
                        policy: apiPolicy.policy,
                    }),
                },
            },
            { ...parent, dependsOn: [pingIntegrationResponse, apiPolicy] },
        );
        const stage = new aws.apigateway.Stage(`${name}-public-stage`, { restApi: api.id, deployment: deployment.id, stageName: STAGE_NAME, tags }, parent);
        new aws.wafv2.WebAclAssociation(`${name}-web-acl-association`, { resourceArn: stage.arn, webAclArn: args.webAclArn }, parent);

        const customDomain = (resourceName: string, mappingName: string, domainName: string) => {
            const domain = new aws.apigateway.DomainName(
                resourceName,
                {
                    domainName,
                    regionalCertificateArn: validated.certificateArn,
                    endpointConfiguration: { types: "REGIONAL" },
                    securityPolicy: "TLS_1_2",
                    tags,
                },
                parent,
            );
            new aws.apigateway.BasePathMapping(mappingName, { restApi: api.id, stageName: stage.stageName, domainName: domain.domainName }, parent);
            return domain;
        };
        const domain = customDomain(`${name}-domain`, `${name}-mapping`, recordName);
        const regionalDomain = customDomain(`${name}-region-domain`, `${name}-region-mapping`, regionalHost);

        const record = new aws.route53.Record(
            `${name}-record`,
            {
                zoneId: args.zoneId,
                name: recordName,
                type: "CNAME",
                ttl: args.ttlSeconds,
                records: [domain.regionalDomainName],
                setIdentifier: args.region,
                latencyRoutingPolicies: [{ region: args.region }],
                healthCheckId: args.healthCheckId,
            },
            // A record's type cannot change in place, and Route 53 refuses a CNAME next to the A
            // record it replaces: the old one goes first (this region alone leaves DNS answers briefly).
            { ...parent, deleteBeforeReplace: true },
        );
        // Always answered, whatever the region's health: the DNS check keeps probing through it and sees the region recover.
        new aws.route53.Record(
            `${name}-region-record`,
            { zoneId: args.zoneId, name: regionalHost, type: "CNAME", ttl: args.ttlSeconds, records: [regionalDomain.regionalDomainName] },
            parent,
        );

        this.recordFqdn = record.fqdn;
        this.domainName = domain.domainName;
        this.certificateArn = validated.certificateArn;
        this.publicApiId = api.id;
        this.regionalHost = regionalHost;
        this.registerOutputs({ recordFqdn: this.recordFqdn, domainName: this.domainName, certificateArn: this.certificateArn, publicApiId: this.publicApiId });
    }
}
