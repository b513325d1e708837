import * as fs from "fs";
import * as path from "path";
import { stringify } from "yaml";

/**
 * Synthetic fleets for benchmarks: a catalog tree with the same layout as the repository's, sized
 * by subsystems × environments × regions. Stack count = 1 + platform accounts + subsystems ×
 * environments × (1 + regions per subsystem).
 */

export interface FleetShape {
    subsystems: number;
    environments: number;
    regionsPerSubsystem: number;
    platformAccounts: number;
}

const ROTATION = ["us-east-1", "eu-west-1", "ap-southeast-2", "us-west-2", "eu-central-1", "ap-northeast-1"];
const SCPS = ["deny-leave-organization.json", "protect-security-services.json", "deny-unapproved-regions.json", "deny-root-user.json"];

export function stackCount(shape: FleetShape): number {
    return 1 + shape.platformAccounts + shape.subsystems * shape.environments * (1 + shape.regionsPerSubsystem);
}

/** The shape closest to `stacks` with 2 environments and 3 regions per subsystem, padded with platform accounts. */
export function shapeForStacks(stacks: number): FleetShape {
    const perSubsystem = 2 * (1 + 3);
    const subsystems = Math.max(1, Math.floor((stacks - 2) / perSubsystem));
    return { subsystems, environments: 2, regionsPerSubsystem: 3, platformAccounts: Math.max(1, stacks - 1 - subsystems * perSubsystem) };
}

export function generateFleet(root: string, shape: FleetShape, scpSource: string): void {
    const environments = ["prod", "staging", "dev", "qa"].slice(0, shape.environments);
    let nextId = 100000000000;
    const id = () => String(nextId++);
    const accounts: Array<Record<string, unknown>> = [];
    for (let index = 0; index < shape.platformAccounts; index++) {
        accounts.push({ name: `platform-${index}`, id: id(), email: `platform-${index}@bench.example.com`, ou: "Infrastructure", environment: "prod" });
    }
    const subsystems: Array<Record<string, unknown>> = [];
    for (let index = 0; index < shape.subsystems; index++) {
        const name = `sub${index}`;
        const owned: Record<string, string> = {};
        for (const environment of environments) {
            const accountName = `${name}-${environment}`;
            owned[environment] = accountName;
            accounts.push({
                name: accountName,
                id: id(),
                email: `${accountName}@bench.example.com`,
                ou: `Workloads/${environment}`,
                environment,
                subsystem: name,
            });
        }
        const regions = Array.from({ length: shape.regionsPerSubsystem }, (_, offset) => ROTATION[(index + offset) % ROTATION.length]);
        subsystems.push({ name, dnsName: `${name}.bench.example.com`, regions, accounts: owned });
    }
    const organization = {
        managementAccount: { name: "management", id: "999999999999", email: "management@bench.example.com" },
        organizationalUnits: [{ name: "Infrastructure" }, { name: "Workloads", children: environments.map((environment) => ({ name: environment })) }],
        accounts,
        serviceControlPolicies: SCPS.map((file) => ({ name: file.replace(".json", ""), file: `scps/${file}`, targets: ["Root"] })),
    };
    write(root, "accounts/organization.yaml", stringify(organization));
    for (const file of SCPS) write(root, `accounts/scps/${file}`, fs.readFileSync(path.join(scpSource, file), "utf8"));
    write(root, "regions/regions.yaml", stringify({ homeRegion: "us-east-1", regions: ROTATION.map((code) => ({ code })) }));
    write(
        root,
        "stacks/subsystems.yaml",
        stringify({
            pipeline: {
                repository: "bench/platform",
                stateBucket: "bench-pulumi-state",
                stateKeyArn: "arn:aws:kms:us-east-1:999999999999:key/00000000-0000-4000-8000-000000000000",
            },
            dns: { parentZone: "bench.example.com", account: "platform-0" },
            subsystems,
        }),
    );
}

function write(root: string, relative: string, text: string): void {
    fs.mkdirSync(path.dirname(path.join(root, relative)), { recursive: true });
    fs.writeFileSync(path.join(root, relative), text);
}
