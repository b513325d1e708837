import * as fs from "fs";
import * as path from "path";
import type { InputProblem } from "../lib/input-error";
import { parseWithSchema, readYamlFile } from "../lib/catalog-file";
import { organizationCatalogSchema, OrganizationCatalog, OrganizationalUnitInput } from "./organization-schema";

export const ORGANIZATION_FILE = "accounts/organization.yaml";
export const ROOT_TARGET = "Root";
/** SCP documents may name the catalog's regions with this placeholder instead of repeating them. */
export const REGIONS_PLACEHOLDER = "${meridian:regions}";

/** A JSON policy document as written in the catalog's SCP files. */
export type PolicyDocumentJson = Record<string, unknown>;

/** The organisation as the accounts tools need it: the validated catalog and its SCP documents by name. */
export interface OrganizationModel {
    organization: OrganizationCatalog;
    scpDocuments: Record<string, PolicyDocumentJson>;
}

export interface OrganizationRead {
    catalog?: OrganizationCatalog;
    scpDocuments: Record<string, PolicyDocumentJson>;
    problems: InputProblem[];
}

/** Every OU path in the tree, parents before children: `Workloads`, `Workloads/Prod`. */
export function ouPaths(units: readonly OrganizationalUnitInput[], prefix = ""): string[] {
    return units.flatMap((unit) => {
        const own = prefix ? `${prefix}/${unit.name}` : unit.name;
        return [own, ...ouPaths(unit.children ?? [], own)];
    });
}

export function readOrganizationCatalog(root: string, approvedRegions: readonly string[]): OrganizationRead {
    const file = ORGANIZATION_FILE;
    const raw = readYamlFile(root, file);
    if (!raw.value) return { scpDocuments: {}, problems: raw.problems };
    const parsed = parseWithSchema(file, organizationCatalogSchema, raw.value);
    if (!parsed.value) return { scpDocuments: {}, problems: parsed.problems };
    const catalog = parsed.value;
    const problems: InputProblem[] = [];
    const problem = (where: string, message: string) => problems.push({ file, path: where, message });

    checkOuTree(catalog.organizationalUnits, "organizationalUnits", problem);
    const paths = ouPaths(catalog.organizationalUnits);
    const knownOus = [ROOT_TARGET, ...paths];

    const seenNames = new Map<string, string>([[catalog.managementAccount.name, "managementAccount.name"]]);
    const seenEmails = new Map<string, string>([[catalog.managementAccount.email.toLowerCase(), "managementAccount.email"]]);
    const seenIds = new Map<string, string>([[catalog.managementAccount.id, "managementAccount.id"]]);
    catalog.accounts.forEach((account, index) => {
        const at = `accounts[${index}]`;
        if (!knownOus.includes(account.ou)) {
            problem(`${at}.ou`, `"${account.ou}" is not an OU in organizationalUnits (known: ${knownOus.join(", ")})`);
        }
        noteUnique(seenNames, account.name, `${at}.name`, (first) =>
            problem(`${at}.name`, `"${account.name}" is already used by ${first}; account names must be unique`),
        );
        noteUnique(seenEmails, account.email.toLowerCase(), `${at}.email`, (first) =>
            problem(`${at}.email`, `"${account.email}" is already used by ${first}; account emails must be unique`),
        );
        if (account.githubOidcProvider !== "create" && !account.id) {
            problem(
                `${at}.githubOidcProvider`,
                `"${account.githubOidcProvider}" needs the account's id: an account still to be created has no provider yet (use create)`,
            );
        }
        if (account.id) {
            noteUnique(seenIds, account.id, `${at}.id`, (first) =>
                problem(`${at}.id`, `"${account.id}" is already used by ${first}; account ids must be unique`),
            );
        }
    });

    const accountNames = catalog.accounts.map((account) => account.name);
    if (catalog.organizationTrail && !accountNames.includes(catalog.organizationTrail.account)) {
        problem(
            "organizationTrail.account",
            `"${catalog.organizationTrail.account}" is not a member account in accounts (the log archive holds the trail's bucket)`,
        );
    }
    const scpDocuments: Record<string, PolicyDocumentJson> = {};
    const seenScps = new Map<string, string>();
    catalog.serviceControlPolicies.forEach((scp, index) => {
        const at = `serviceControlPolicies[${index}]`;
        noteUnique(seenScps, scp.name, `${at}.name`, (first) => problem(`${at}.name`, `"${scp.name}" is already used by ${first}; SCP names must be unique`));
        scp.targets.forEach((target, targetIndex) => {
            if (!knownOus.includes(target) && !accountNames.includes(target)) {
                problem(`${at}.targets[${targetIndex}]`, `"${target}" is not Root, an OU path or an account name`);
            }
        });
        const document = readScpDocument(root, scp.file, approvedRegions, (message) => problem(`${at}.file`, message));
        if (document) scpDocuments[scp.name] = document;
    });

    return { catalog: problems.length === 0 ? catalog : undefined, scpDocuments, problems };
}

function checkOuTree(units: readonly OrganizationalUnitInput[], at: string, problem: (where: string, message: string) => void): void {
    const siblings = new Set<string>();
    units.forEach((unit, index) => {
        if (siblings.has(unit.name))
            problem(`${at}[${index}].name`, `"${unit.name}" appears twice under the same parent; OU names must be unique among siblings`);
        siblings.add(unit.name);
        if (unit.name === ROOT_TARGET) problem(`${at}[${index}].name`, `"${ROOT_TARGET}" is reserved for the organisation root`);
        checkOuTree(unit.children ?? [], `${at}[${index}].children`, problem);
    });
}

function noteUnique(seen: Map<string, string>, key: string, where: string, onDuplicate: (first: string) => void): void {
    const first = seen.get(key);
    if (first) onDuplicate(first);
    else seen.set(key, where);
}

function readScpDocument(
    root: string,
    relativeFile: string,
    approvedRegions: readonly string[],
    problem: (message: string) => void,
): Record<string, unknown> | undefined {
    const accountsDir = path.join(root, "accounts");
    const absolute = path.resolve(accountsDir, relativeFile);
    if (!absolute.startsWith(accountsDir + path.sep)) {
        problem(`"${relativeFile}" points outside accounts/; SCP files must live under accounts/`);
        return undefined;
    }
    if (!fs.existsSync(absolute)) {
        problem(`"${relativeFile}" does not exist (paths are relative to accounts/)`);
        return undefined;
    }
    let document: unknown;
    try {
        document = JSON.parse(fs.readFileSync(absolute, "utf8"));
    } catch (error) {
        problem(`"${relativeFile}" is not valid JSON (${(error as Error).message})`);
        return undefined;
    }
    if (typeof document !== "object" || document === null || Array.isArray(document) || !("Statement" in document)) {
        problem(`"${relativeFile}" is not an IAM policy document (a JSON object with Version and Statement)`);
        return undefined;
    }
    return substituteRegions(document as Record<string, unknown>, approvedRegions);
}

function substituteRegions<T>(value: T, regions: readonly string[]): T {
    if (value === REGIONS_PLACEHOLDER) return [...regions] as T;
    if (Array.isArray(value)) return value.map((item) => substituteRegions(item, regions)) as T;
    if (typeof value === "object" && value !== null) {
        return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, substituteRegions(item, regions)])) as T;
    }
    return value;
}
