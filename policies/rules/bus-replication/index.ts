import type { StackValidationArgs } from "@pulumi/policy";
import { matchesIamGlob } from "../../../lib/iam-glob";
import { readIfKnown } from "../../iam/unknown-values";
import { MeridianStackRule } from "../../rule-kit";

const BUS = "aws:cloudwatch/eventBus:EventBus";
const TARGET = "aws:cloudwatch/eventTarget:EventTarget";

/** `arn:aws:events:eu-west-1:123456789012:event-bus/orders-bus` → region and bus name. */
export function parseBusArn(arn: string): { region: string; name: string } | undefined {
    const match = /^arn:aws[a-z-]*:events:([a-z0-9-]+):\d{12}:event-bus\/(.+)$/.exec(arn);
    return match ? { region: match[1], name: match[2] } : undefined;
}

export const busReplication: MeridianStackRule = {
    name: "bus-replication",
    description: "Each subsystem bus forwards to the same-named bus in every peer region (an EventBridge target whose ARN is the peer bus).",
    remediationSteps: "Add one replication rule target per peer region, pointing at `arn:aws:events:<peer>:<account>:event-bus/<subsystem>-bus`.",
    enforcementLevel: "mandatory",
    context: ["subsystemRegions"],
    configSchema: {
        properties: {
            busNamePattern: { type: "string", default: "*-bus", description: "Buses that must replicate." },
            subsystemRegions: {
                type: "array",
                items: { type: "string" },
                default: [],
                description: "Every region the stack's subsystem runs in (stack context). Empty: at least one peer is required.",
            },
        },
    },
    validateStack: (args: StackValidationArgs, report) => {
        const config = args.getConfig<{ busNamePattern: string; subsystemRegions: string[] }>();
        const buses = args.resources.filter((r) => r.type === BUS && typeof r.props.name === "string" && matchesIamGlob(config.busNamePattern, r.props.name));
        if (!buses.length) args.notApplicable("the stack defines no subsystem bus");
        const targets = args.resources
            .filter((r) => r.type === TARGET)
            .map((r) => readIfKnown(() => r.props.arn))
            .filter((arn): arn is string => typeof arn === "string")
            .map(parseBusArn)
            .filter((bus): bus is { region: string; name: string } => bus !== undefined);
        for (const bus of buses) {
            const name = bus.props.name as string;
            const arn = bus.props.arn;
            const home = typeof arn === "string" ? parseBusArn(arn)?.region : undefined;
            const reached = new Set(targets.filter((t) => t.name === name && t.region !== home).map((t) => t.region));
            const listed = config.subsystemRegions.length ? config.subsystemRegions : undefined;
            if (listed === undefined && reached.size === 0) report(`bus ${name} replicates to no peer region`, bus.urn);
            const peers = (listed ?? []).filter((region) => region !== home);
            const missing = peers.filter((region) => !reached.has(region));
            if (missing.length) report(`bus ${name}${home ? ` in ${home}` : ""} does not replicate to ${missing.join(", ")}`, bus.urn);
        }
    },
};
