import * as fs from "fs";
import * as path from "path";
import type { InputProblem } from "../lib/input-error";
import { parseWithSchema, readYamlFile } from "../lib/catalog-file";
import { organizationCatalogSchema, OrganizationCatalog, OrganizationalUnitInput } from "./organization-schema";
import { catalogPlaceholderValues, PLACEHOLDERS, substitutePlaceholders, unknownPlaceholders } from "./policy-placeholders";

export const ORGANIZATION_FILE = "accounts/organization.yaml";
export const ROOT_TARGET = "Root";

/** A JSON policy document as written in the catalog's SCP files. */
export type PolicyDocumentJson = Record<string, unknown>;

/** The organisation as the accounts tools need it: the validated catalog and its SCP and RCP documents by name. */
export interface OrganizationModel {
    organization: OrganizationCatalog;
    scpDocuments: Record<string, PolicyDocumentJson>;
    rcpDocuments: Record<string, PolicyDocumentJson>;
}

export interface OrganizationRead {
    catalog?: OrganizationCatalog;
    scpDocuments: Record<string, PolicyDocumentJson>;
    rcpDocuments: Record<string, PolicyDocumentJson>;
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
    if (!raw.value) return { scpDocuments: {}, rcpDocuments: {}, problems: raw.problems };
    const parsed = parseWithSchema(file, organizationCatalogSchema, raw.value);
    if (!parsed.value) return { scpDocuments: {}, rcpDocuments: {}, problems: parsed.problems };
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
    const placeholders = catalogPlaceholderValues(catalog, approvedRegions);
    const readPolicies = (list: "serviceControlPolicies" | "resourceControlPolicies", kind: string): Record<string, PolicyDocumentJson> => {
        const documents: Record<string, PolicyDocumentJson> = {};
        const seen = new Map<string, string>();
        catalog[list].forEach((policy, index) => {
            const at = `${list}[${index}]`;
            noteUnique(seen, policy.name, `${at}.name`, (first) =>
                problem(`${at}.name`, `"${policy.name}" is already used by ${first}; ${kind} names must be unique`),
            );
            policy.targets.forEach((target, targetIndex) => {
                if (!knownOus.includes(target) && !accountNames.includes(target)) {
                    problem(`${at}.targets[${targetIndex}]`, `"${target}" is not Root, an OU path or an account name`);
                }
            });
            if (policy.everyMember) {
                const outside = catalog.accounts.filter((account) => !appliesTo(policy.targets, account)).map((account) => account.name);
                if (outside.length)
                    problem(
                        `${at}.targets`,
                        `${outside.join(", ")} ${outside.length === 1 ? "is" : "are"} outside every target; everyMember needs each account under one (Root, an OU on its path, or the account)`,
                    );
            }
            const document = readScpDocument(root, policy.file, placeholders, (message) => problem(`${at}.file`, message));
            if (document) documents[policy.name] = document;
        });
        return documents;
    };
    const scpDocuments = readPolicies("serviceControlPolicies", "SCP");
    const rcpDocuments = readPolicies("resourceControlPolicies", "RCP");

    return { catalog: problems.length === 0 ? catalog : undefined, scpDocuments, rcpDocuments, problems };
}

/** Whether a policy with these targets applies to the account: attached to Root, to an OU on its path, or to it. */
export function appliesTo(targets: readonly string[], account: { name: string; ou: string }): boolean {
    const ous = account.ou === ROOT_TARGET ? [] : account.ou.split("/");
    const above = [ROOT_TARGET, ...ous.map((_, index) => ous.slice(0, index + 1).join("/")), account.name];
    return targets.some((target) => above.includes(target));
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
    placeholders: Readonly<Record<string, string[]>>,
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
    const unknown = unknownPlaceholders(document, [...Object.keys(placeholders), PLACEHOLDERS.organizationId]);
    if (unknown.length) {
        problem(`"${relativeFile}" uses ${unknown.join(", ")}, which Meridian does not fill in (known: ${Object.values(PLACEHOLDERS).join(", ")})`);
        return undefined;
    }
    return substitutePlaceholders(document as Record<string, unknown>, placeholders);
}
