import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { latencyRecordName } from "../lib/contracts/naming";

export interface LatencyRoutingArgs {
    /** The subsystem environment's hosted zone (created by the `<account>.global` stack). */
    zoneId: pulumi.Input<string>;
    zoneName: string;
    /** Defaults to `api.<zoneName>`. */
    recordName?: string;
    region: string;
    /** The regional REST API and stage the name serves. */
    restApiId: pulumi.Input<string>;
    stageName: pulumi.Input<string>;
    /** This region's CALCULATED health check: when it fails, DNS stops answering with this region. */
    healthCheckId: pulumi.Input<string>;
    tags?: Record<string, string>;
}

const VALIDATION_TTL_SECONDS = 60;

/**
 * How long a deployment waits for ACM to issue the certificate; the provider would wait 75 minutes.
 * DNS validation normally completes within minutes once the zone is delegated (which `meridian up`
 * and the workflow check before wave 2), so a longer wait means a broken delegation: fail while the
 * CI job's session still has time, and the next run resumes waiting on the same certificate.
 */
export const CERTIFICATE_VALIDATION_TIMEOUT = "30m";

/**
 * This region's share of the latency-routed name: a regional API Gateway custom domain (ACM
 * certificate validated in the zone) mapped to the API, and an alias record with latency routing,
 * set identifier = region, the region's calculated health check and evaluate-target-health.
 */
export class LatencyRouting extends pulumi.ComponentResource {
    readonly recordFqdn: pulumi.Output<string>;
    readonly domainName: pulumi.Output<string>;
    readonly certificateArn: pulumi.Output<string>;

    constructor(name: string, args: LatencyRoutingArgs, opts?: pulumi.ComponentResourceOptions) {
        super("meridian:dns:LatencyRouting", name, {}, opts);
        const parent = { parent: this };
        const tags = args.tags ?? {};
        const recordName = args.recordName ?? latencyRecordName(args.zoneName);

        const certificate = new aws.acm.Certificate(`${name}-certificate`, { domainName: recordName, validationMethod: "DNS", tags }, parent);
        const validation = certificate.domainValidationOptions.apply((options) => options[0]);
        const validationRecord = new aws.route53.Record(
            `${name}-certificate-validation-record`,
            {
                zoneId: args.zoneId,
                name: validation.resourceRecordName,
                type: validation.resourceRecordType,
                records: [validation.resourceRecordValue],
                ttl: VALIDATION_TTL_SECONDS,
                // Every region requests a certificate for the same name and so writes the same validation record.
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

        const domain = new aws.apigateway.DomainName(
            `${name}-domain`,
            {
                domainName: recordName,
                regionalCertificateArn: validated.certificateArn,
                endpointConfiguration: { types: "REGIONAL" },
                securityPolicy: "TLS_1_2",
                tags,
            },
            parent,
        );
        new aws.apigateway.BasePathMapping(`${name}-mapping`, { restApi: args.restApiId, stageName: args.stageName, domainName: domain.domainName }, parent);

        const record = new aws.route53.Record(
            `${name}-record`,
            {
                zoneId: args.zoneId,
                name: recordName,
                type: "A",
                setIdentifier: args.region,
                latencyRoutingPolicies: [{ region: args.region }],
                healthCheckId: args.healthCheckId,
                aliases: [{ name: domain.regionalDomainName, zoneId: domain.regionalZoneId, evaluateTargetHealth: true }],
            },
            parent,
        );

        this.recordFqdn = record.fqdn;
        this.domainName = domain.domainName;
        this.certificateArn = validated.certificateArn;
        this.registerOutputs({ recordFqdn: this.recordFqdn, domainName: this.domainName, certificateArn: this.certificateArn });
    }
}
