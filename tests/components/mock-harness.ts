import * as pulumi from "@pulumi/pulumi";
import * as settings from "@pulumi/pulumi/runtime/settings";

/** One resource as the mocks saw it: its inputs, and the options it was constructed with. */
export interface RenderedResource {
    type: string;
    name: string;
    inputs: Record<string, unknown>;
    /** Import id the engine received (adoption). */
    importId?: string;
    options: pulumi.CustomResourceOptions;
    parentName?: string;
}

export const ACCOUNT_ID = "555555555555";

/** Outputs the real providers compute and the components read; the mocks must supply them. */
function computedState(type: string, name: string, inputs: Record<string, unknown>): Record<string, unknown> {
    const id = `${name}-id`;
    switch (type) {
        case "aws:iam/role:Role":
            return { arn: `arn:aws:iam::${ACCOUNT_ID}:role/${String(inputs.name)}` };
        case "aws:iam/policy:Policy":
            return { arn: `arn:aws:iam::${ACCOUNT_ID}:policy/${String(inputs.name)}` };
        case "aws:acm/certificate:Certificate":
            return {
                arn: `arn:aws:acm:us-east-1:${ACCOUNT_ID}:certificate/${id}`,
                domainValidationOptions: [
                    {
                        domainName: inputs.domainName,
                        resourceRecordName: `_v.${String(inputs.domainName)}.`,
                        resourceRecordType: "CNAME",
                        resourceRecordValue: "_v.acm-validations.aws.",
                    },
                ],
            };
        case "aws:acm/certificateValidation:CertificateValidation":
            return { certificateArn: inputs.certificateArn };
        case "aws:route53/zone:Zone":
            return { zoneId: `Z-${name}`, nameServers: ["ns-1.awsdns-01.org", "ns-2.awsdns-02.com"] };
        case "aws:route53/record:Record":
            return { fqdn: String(inputs.name) };
        case "aws:apigateway/restApi:RestApi":
            return { rootResourceId: "root", executionArn: `arn:aws:execute-api:us-east-1:${ACCOUNT_ID}:${id}` };
        case "aws:apigateway/domainName:DomainName":
            return { regionalDomainName: `d-${name}.execute-api.amazonaws.com`, regionalZoneId: "ZREGIONAL" };
        case "aws:lambda/function:Function":
            return { arn: `arn:aws:lambda:us-east-1:${ACCOUNT_ID}:function:${String(inputs.name)}`, invokeArn: `invoke:${String(inputs.name)}` };
        case "aws:sqs/queue:Queue":
            return { arn: `arn:aws:sqs:us-east-1:${ACCOUNT_ID}:${String(inputs.name)}`, url: `https://sqs/${String(inputs.name)}` };
        case "aws:kms/key:Key":
            return { arn: `arn:aws:kms:us-east-1:${ACCOUNT_ID}:key/${id}`, keyId: id };
        default:
            return { arn: `arn:aws:mock:::${type}/${name}` };
    }
}

/**
 * Runs `build` under Pulumi mocks and returns every resource it registered, once all registrations
 * have finished. Options are captured by a transformation on the top resource, which its children
 * inherit (so `protect`, `retainOnDelete` and `import` are visible although the mocks never see them).
 */
export async function render(build: (opts: pulumi.ComponentResourceOptions) => void): Promise<RenderedResource[]> {
    const inputs = new Map<string, { inputs: Record<string, unknown>; importId?: string }>();
    const options = new Map<string, { type: string; options: pulumi.CustomResourceOptions; parentName?: string }>();
    await pulumi.runtime.setMocks(
        {
            newResource: (args) => {
                inputs.set(`${args.type}::${args.name}`, { inputs: args.inputs, ...(args.id ? { importId: args.id } : {}) });
                return { id: `${args.name}-id`, state: { ...args.inputs, ...computedState(args.type, args.name, args.inputs) } };
            },
            call: (args) => args.inputs,
        },
        "meridian",
        "test",
        false,
    );
    const capture: pulumi.ResourceTransformation = ({ type, name, opts }) => {
        options.set(`${type}::${name}`, { type, options: opts, parentName: opts.parent ? nameOf(opts.parent) : undefined });
        return undefined;
    };
    let failure: unknown;
    try {
        build({ transformations: [capture] });
    } catch (error) {
        failure = error;
    }
    await (settings as unknown as { waitForRPCs(): Promise<void> }).waitForRPCs();
    const resources = [...inputs].map(([key, recorded]): RenderedResource => {
        const [type, name] = key.split("::");
        const captured = options.get(key);
        return { type, name, ...recorded, options: captured?.options ?? {}, ...(captured?.parentName ? { parentName: captured.parentName } : {}) };
    });
    if (failure !== undefined) {
        throw new RenderError(failure, resources);
    }
    return resources;
}

/** A component threw while being constructed; `resources` is what it had registered by then. */
export class RenderError extends Error {
    constructor(
        readonly error: unknown,
        readonly resources: RenderedResource[],
    ) {
        super(error instanceof Error ? error.message : String(error));
        this.name = "RenderError";
    }
}

/** Renders a build expected to throw; returns the error message and what was registered anyway. */
export async function renderFailure(build: (opts: pulumi.ComponentResourceOptions) => void): Promise<RenderError> {
    try {
        await render(build);
    } catch (error) {
        if (error instanceof RenderError) {
            return error;
        }
        throw error;
    }
    throw new Error("expected the component to throw, but it rendered");
}

/** Cloud resources only: component resources are bookkeeping, not something `pulumi up` would create. */
export function cloudResources(resources: RenderedResource[]): RenderedResource[] {
    return resources.filter((resource) => resource.type.startsWith("aws:"));
}

function nameOf(resource: pulumi.Resource): string | undefined {
    return (resource as unknown as { __name?: string }).__name;
}

export function ofType(resources: RenderedResource[], type: string): RenderedResource[] {
    return resources.filter((resource) => resource.type === type);
}

export function single(resources: RenderedResource[], type: string, name?: string): RenderedResource {
    const matches = ofType(resources, type).filter((resource) => name === undefined || resource.name === name);
    if (matches.length !== 1) {
        throw new Error(`expected one ${type}${name ? ` named ${name}` : ""}, found ${matches.length}: ${matches.map((m) => m.name).join(", ")}`);
    }
    return matches[0];
}

/** Parses a JSON policy input. */
export function policyOf(resource: RenderedResource, field = "policy"): { Statement: Array<Record<string, unknown>> } {
    const value = resource.inputs[field];
    if (typeof value !== "string") {
        throw new Error(`${resource.type} ${resource.name}: ${field} is not a JSON string`);
    }
    return JSON.parse(value) as { Statement: Array<Record<string, unknown>> };
}
