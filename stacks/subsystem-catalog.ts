import type { InputProblem } from "../lib/input-error";
import { parseWithSchema, readYamlFile } from "../lib/catalog-file";
import type { YamlSource } from "../lib/yaml-source";
import { isAwsRegion } from "../regions/aws-regions";
import type { OrganizationCatalog } from "../accounts/organization-schema";
import type { RegionCatalog } from "../regions/region-schema";
import { ORGANIZATION_FILE } from "../accounts/organization-catalog";
import { REGIONS_FILE } from "../regions/region-catalog";
import { subsystemCatalogSchema, SubsystemCatalog } from "./subsystem-schema";

export const SUBSYSTEMS_FILE = "stacks/subsystems.yaml";
/** A subsystem needs a second region to fail over to. */
export const MIN_SUBSYSTEM_REGIONS = 2;

export interface SubsystemRead {
    catalog?: SubsystemCatalog;
    problems: InputProblem[];
    /** Positions in the file, for the lines of cross-reference problems found later. */
    source?: YamlSource;
}

export function readSubsystemCatalog(root: string): SubsystemRead {
    const raw = readYamlFile(root, SUBSYSTEMS_FILE);
    if (raw.problems.length > 0) return { problems: raw.problems };
    const parsed = parseWithSchema(SUBSYSTEMS_FILE, subsystemCatalogSchema, raw.value, raw.source);
    return parsed.value ? { catalog: parsed.value, problems: [], source: raw.source } : { problems: parsed.problems };
}

/** Cross-references between the subsystem catalog and the other two catalogs. */
export function checkSubsystemReferences(subsystems: SubsystemCatalog, organization: OrganizationCatalog, regions: RegionCatalog): InputProblem[] {
    const problems: InputProblem[] = [];
    const problem = (where: string, message: string) => problems.push({ file: SUBSYSTEMS_FILE, path: where, message });
    const accounts = new Map(organization.accounts.map((account) => [account.name, account]));
    const accountList = [...accounts.keys()].join(", ");
    const inRotation = regions.regions.map((region) => region.code);

    const keyAccount = subsystems.pipeline.stateKeyArn.split(":")[4];
    if (keyAccount !== organization.managementAccount.id) {
        problem(
            "pipeline.stateKeyArn",
            `the key is in account ${keyAccount}; the state key must be in the management account (${organization.managementAccount.id}), where the organization stack manages its policy`,
        );
    }
    if (!accounts.has(subsystems.dns.account)) {
        problem("dns.account", `"${subsystems.dns.account}" is not an account in ${ORGANIZATION_FILE} (known: ${accountList})`);
    }

    const seenNames = new Set<string>();
    const owningSubsystem = new Map<string, string>();
    subsystems.subsystems.forEach((subsystem, index) => {
        const at = `subsystems[${index}]`;
        if (seenNames.has(subsystem.name)) problem(`${at}.name`, `"${subsystem.name}" is defined twice`);
        seenNames.add(subsystem.name);

        if (!subsystem.dnsName.endsWith(`.${subsystems.dns.parentZone}`)) {
            problem(`${at}.dnsName`, `"${subsystem.dnsName}" is not under the parent zone ${subsystems.dns.parentZone}`);
        }

        const seenRegions = new Set<string>();
        subsystem.regions.forEach((code, regionIndex) => {
            const where = `${at}.regions[${regionIndex}]`;
            if (!isAwsRegion(code)) problem(where, `"${code}" is not an AWS region code (for example us-east-1, eu-west-1)`);
            else if (!inRotation.includes(code)) problem(where, `"${code}" is not in rotation in ${REGIONS_FILE} (in rotation: ${inRotation.join(", ")})`);
            if (seenRegions.has(code)) problem(where, `"${code}" is listed twice`);
            seenRegions.add(code);
        });
        if (seenRegions.size < MIN_SUBSYSTEM_REGIONS) {
            problem(
                `${at}.regions`,
                `has ${seenRegions.size} region${seenRegions.size === 1 ? "" : "s"}; a subsystem needs at least ${MIN_SUBSYSTEM_REGIONS} so that it can fail over`,
            );
        }

        const environments = Object.entries(subsystem.accounts);
        if (environments.length === 0) problem(`${at}.accounts`, "must map at least one environment to an account");
        for (const [environment, accountName] of environments) {
            const where = `${at}.accounts.${environment}`;
            const account = accounts.get(accountName);
            if (!account) {
                problem(where, `"${accountName}" is not an account in ${ORGANIZATION_FILE} (known: ${accountList})`);
                continue;
            }
            if (account.environment !== environment) {
                problem(where, `account "${accountName}" has environment "${account.environment}" in ${ORGANIZATION_FILE}, not "${environment}"`);
            }
            if (account.subsystem !== undefined && account.subsystem !== subsystem.name) {
                problem(where, `account "${accountName}" belongs to subsystem "${account.subsystem}" in ${ORGANIZATION_FILE}`);
            }
            const owner = owningSubsystem.get(accountName);
            if (owner && owner !== subsystem.name) problem(where, `account "${accountName}" already runs subsystem "${owner}"; one subsystem per account`);
            owningSubsystem.set(accountName, subsystem.name);
        }
    });

    organization.accounts.forEach((account, index) => {
        if (account.subsystem !== undefined && owningSubsystem.get(account.name) !== account.subsystem) {
            problems.push({
                file: ORGANIZATION_FILE,
                path: `accounts[${index}].subsystem`,
                message: `"${account.subsystem}" does not list account "${account.name}" in ${SUBSYSTEMS_FILE}`,
            });
        }
    });
    return problems;
}
