import * as fs from "fs";
import * as path from "path";
import { LineCounter, parseDocument } from "yaml";
import { InputError, InputProblem } from "../lib/input-error";
import { locateProblems, parseWithSchema, readYamlFile } from "../lib/catalog-file";
import { parseJsonText, readInputText } from "../lib/input-file";
import { stackDefaultTags } from "../lib/contracts/tags";
import { YamlSource } from "../lib/yaml-source";
import { OU_MAX_DEPTH, SCP_MAX_CHARACTERS, SCPS_PER_TARGET, TAGS_PER_RESOURCE } from "./aws-limits";
import { organizationCatalogSchema, OrganizationCatalog, OrganizationalUnitInput } from "./organization-schema";
import { scpDocumentSchema } from "./scp-document";

export const ORGANIZATION_FILE = "accounts/organization.yaml";
export const ROOT_TARGET = "Root";
/** SCP documents may name the catalog's regions with this placeholder instead of repeating them. */
export const REGIONS_PLACEHOLDER = "${meridian:regions}";

/** A JSON policy document as written in the catalog's SCP files. */
export type PolicyDocumentJson = Record<string, unknown>;

/** AWS attaches this SCP to every root, OU and account; Meridian leaves it, so it takes one of each target's attachments. */
export const AWS_DEFAULT_SCP = "FullAWSAccess";
/** The stack whose provider creates the OUs and accounts, and so tags them with its default tags. */
const ORGANIZATION_STACK_DEFAULT_TAGS = Object.keys(stackDefaultTags("organization"));

/** The organisation as the accounts tools need it: the validated catalog and its SCP documents by name. */
export interface OrganizationModel {
    organization: OrganizationCatalog;
    scpDocuments: Record<string, PolicyDocumentJson>;
}

export interface OrganizationRead {
    catalog?: OrganizationCatalog;
    scpDocuments: Record<string, PolicyDocumentJson>;
    problems: InputProblem[];
    /** Positions in the file, for the lines of cross-reference problems found later. */
    source?: YamlSource;
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
    if (raw.problems.length > 0) return { scpDocuments: {}, problems: raw.problems };
    const parsed = parseWithSchema(file, organizationCatalogSchema, raw.value, raw.source);
    if (!parsed.value) return { scpDocuments: {}, problems: parsed.problems };
    const catalog = parsed.value;
    const problems: InputProblem[] = [];
    const problem = (where: string, message: string) => problems.push({ file, path: where, message });

    checkOuTree(catalog.organizationalUnits, "organizationalUnits", 1, problem);
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
        checkTagCount(account.tags, `${at}.tags`, problem);
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
    const attached = new Map<string, string[]>();
    catalog.serviceControlPolicies.forEach((scp, index) => {
        const at = `serviceControlPolicies[${index}]`;
        noteUnique(seenScps, scp.name, `${at}.name`, (first) => problem(`${at}.name`, `"${scp.name}" is already used by ${first}; SCP names must be unique`));
        scp.targets.forEach((target, targetIndex) => {
            if (!knownOus.includes(target) && !accountNames.includes(target)) {
                problem(`${at}.targets[${targetIndex}]`, `"${target}" is not Root, an OU path or an account name`);
            }
            attached.set(target, [...(attached.get(target) ?? []), scp.name]);
            if (attached.get(target)!.length === SCPS_PER_TARGET) {
                problem(
                    `${at}.targets[${targetIndex}]`,
                    `"${target}" would have ${SCPS_PER_TARGET + 1} SCPs attached (${[AWS_DEFAULT_SCP, ...attached.get(target)!].join(", ")}); ` +
                        `AWS allows ${SCPS_PER_TARGET} per root, OU or account, and ${AWS_DEFAULT_SCP} stays attached, so at most ${SCPS_PER_TARGET - 1} from the catalog`,
                );
            }
        });
        const read = readScpDocument(root, scp.file, approvedRegions);
        problems.push(...read.problems.map((found) => (found.file === file ? { ...found, path: `${at}.file` } : found)));
        if (read.document) scpDocuments[scp.name] = read.document;
    });

    return { catalog: problems.length === 0 ? catalog : undefined, scpDocuments, problems: locateProblems(problems, raw.source), source: raw.source };
}

function checkTagCount(tags: Record<string, string> | undefined, at: string, problem: (where: string, message: string) => void): void {
    const keys = new Set([...Object.keys(tags ?? {}), ...ORGANIZATION_STACK_DEFAULT_TAGS]);
    if (keys.size > TAGS_PER_RESOURCE) {
        problem(
            at,
            `has ${keys.size} tags with the provider's default tags (${ORGANIZATION_STACK_DEFAULT_TAGS.join(", ")}); AWS allows ${TAGS_PER_RESOURCE} per account or OU`,
        );
    }
}

function checkOuTree(units: readonly OrganizationalUnitInput[], at: string, depth: number, problem: (where: string, message: string) => void): void {
    const siblings = new Set<string>();
    units.forEach((unit, index) => {
        const where = `${at}[${index}]`;
        if (siblings.has(unit.name)) problem(`${where}.name`, `"${unit.name}" appears twice under the same parent; OU names must be unique among siblings`);
        siblings.add(unit.name);
        if (unit.name === ROOT_TARGET) problem(`${where}.name`, `"${ROOT_TARGET}" is reserved for the organisation root`);
        if (depth === OU_MAX_DEPTH + 1)
            problem(`${where}.name`, `"${unit.name}" is ${depth} levels below the root; AWS allows OUs at most ${OU_MAX_DEPTH} deep`);
        checkTagCount(unit.tags, `${where}.tags`, problem);
        checkOuTree(unit.children ?? [], `${where}.children`, depth + 1, problem);
    });
}

function noteUnique(seen: Map<string, string>, key: string, where: string, onDuplicate: (first: string) => void): void {
    const first = seen.get(key);
    if (first) onDuplicate(first);
    else seen.set(key, where);
}

/**
 * One SCP file: inside accounts/ (symbolic links included), UTF-8 JSON, in the SCP grammar, and
 * within AWS's size limit once the regions are filled in. Problems inside the document name the
 * SCP file and the path in it; the others are reported where the catalog references the file.
 */
function readScpDocument(root: string, relativeFile: string, approvedRegions: readonly string[]): { document?: PolicyDocumentJson; problems: InputProblem[] } {
    const accountsDir = path.join(root, "accounts");
    const absolute = path.resolve(accountsDir, relativeFile);
    const shown = path.relative(root, absolute).split(path.sep).join("/");
    const referenced = (message: string) => ({ problems: [{ file: ORGANIZATION_FILE, path: "", message }] });
    if (!absolute.startsWith(accountsDir + path.sep)) return referenced(`"${relativeFile}" points outside accounts/; SCP files must live under accounts/`);
    if (!fs.existsSync(absolute)) return referenced(`"${relativeFile}" does not exist (paths are relative to accounts/)`);
    let document: unknown;
    let text: string;
    try {
        text = readInputText(absolute, { shown, within: { directory: accountsDir, shown: "accounts/" } });
        document = parseJsonText(text, shown);
    } catch (error) {
        if (error instanceof InputError) return { problems: [...error.problems] };
        throw error;
    }
    const lineCounter = new LineCounter();
    const source = new YamlSource(parseDocument(text, { lineCounter }), lineCounter, text);
    const grammar = parseWithSchema(shown, scpDocumentSchema, document, source);
    if (!grammar.value) return { problems: grammar.problems };
    const filled = substituteRegions(document as PolicyDocumentJson, approvedRegions);
    // AWS_LIMITS.scpSize: what components/organization.ts sends is JSON.stringify of the document.
    const size = [...JSON.stringify(filled)].length;
    if (size > SCP_MAX_CHARACTERS) {
        return referenced(
            `"${relativeFile}" is ${size.toLocaleString("en")} characters as sent to AWS (compact JSON, regions filled in); ` +
                `AWS Organizations allows at most ${SCP_MAX_CHARACTERS.toLocaleString("en")} per SCP: split it, or share statements`,
        );
    }
    return { document: filled, problems: [] };
}

function substituteRegions<T>(value: T, regions: readonly string[]): T {
    if (value === REGIONS_PLACEHOLDER) return [...regions] as T;
    if (Array.isArray(value)) return value.map((item) => substituteRegions(item, regions)) as T;
    if (typeof value === "object" && value !== null) {
        return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, substituteRegions(item, regions)])) as T;
    }
    return value;
}
