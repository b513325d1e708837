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
import { catalogPlaceholderValues, PLACEHOLDERS, substitutePlaceholders, unknownPlaceholders } from "./policy-placeholders";
import { rcpDocumentSchema, scpDocumentSchema } from "./scp-document";

export const ORGANIZATION_FILE = "accounts/organization.yaml";
export const ROOT_TARGET = "Root";

/** A JSON policy document as written in the catalog's SCP files. */
export type PolicyDocumentJson = Record<string, unknown>;

/** AWS attaches this SCP to every root, OU and account; Meridian leaves it, so it takes one of each target's attachments. */
export const AWS_DEFAULT_SCP = "FullAWSAccess";
/** Likewise for RCPs, once the policy type is enabled. */
export const AWS_DEFAULT_RCP = "RCPFullAWSAccess";
/** The stack whose provider creates the OUs and accounts, and so tags them with its default tags. */
const ORGANIZATION_STACK_DEFAULT_TAGS = Object.keys(stackDefaultTags("organization"));

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
    if (raw.problems.length > 0) return { scpDocuments: {}, rcpDocuments: {}, problems: raw.problems };
    const parsed = parseWithSchema(file, organizationCatalogSchema, raw.value, raw.source);
    if (!parsed.value) return { scpDocuments: {}, rcpDocuments: {}, problems: parsed.problems };
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
    const placeholders = catalogPlaceholderValues(catalog, approvedRegions);
    const readPolicies = (kind: PolicyKind): Record<string, PolicyDocumentJson> => {
        const documents: Record<string, PolicyDocumentJson> = {};
        const seen = new Map<string, string>();
        const attached = new Map<string, string[]>();
        catalog[kind.list].forEach((policy, index) => {
            const at = `${kind.list}[${index}]`;
            noteUnique(seen, policy.name, `${at}.name`, (first) =>
                problem(`${at}.name`, `"${policy.name}" is already used by ${first}; ${kind.label} names must be unique`),
            );
            policy.targets.forEach((target, targetIndex) => {
                if (!knownOus.includes(target) && !accountNames.includes(target)) {
                    problem(`${at}.targets[${targetIndex}]`, `"${target}" is not Root, an OU path or an account name`);
                }
                attached.set(target, [...(attached.get(target) ?? []), policy.name]);
                if (attached.get(target)!.length === SCPS_PER_TARGET) {
                    problem(
                        `${at}.targets[${targetIndex}]`,
                        `"${target}" would have ${SCPS_PER_TARGET + 1} ${kind.label}s attached (${[kind.awsDefault, ...attached.get(target)!].join(", ")}); ` +
                            `AWS allows ${SCPS_PER_TARGET} per root, OU or account, and ${kind.awsDefault} stays attached, so at most ${SCPS_PER_TARGET - 1} from the catalog`,
                    );
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
            const read = readPolicyDocument(root, policy.file, kind, placeholders);
            problems.push(...read.problems.map((found) => (found.file === file ? { ...found, path: `${at}.file` } : found)));
            if (read.document) documents[policy.name] = read.document;
        });
        return documents;
    };
    const scpDocuments = readPolicies(SERVICE_CONTROL_POLICIES);
    const rcpDocuments = readPolicies(RESOURCE_CONTROL_POLICIES);

    return {
        catalog: problems.length === 0 ? catalog : undefined,
        scpDocuments,
        rcpDocuments,
        problems: locateProblems(problems, raw.source),
        source: raw.source,
    };
}

/** Whether a policy with these targets applies to the account: attached to Root, to an OU on its path, or to it. */
export function appliesTo(targets: readonly string[], account: { name: string; ou: string }): boolean {
    const ous = account.ou === ROOT_TARGET ? [] : account.ou.split("/");
    const above = [ROOT_TARGET, ...ous.map((_, index) => ous.slice(0, index + 1).join("/")), account.name];
    return targets.some((target) => above.includes(target));
}

/** SCPs and RCPs are read alike; each has its own grammar and AWS-made default attachment. */
interface PolicyKind {
    list: "serviceControlPolicies" | "resourceControlPolicies";
    label: "SCP" | "RCP";
    grammar: typeof scpDocumentSchema | typeof rcpDocumentSchema;
    awsDefault: string;
}

const SERVICE_CONTROL_POLICIES: PolicyKind = { list: "serviceControlPolicies", label: "SCP", grammar: scpDocumentSchema, awsDefault: AWS_DEFAULT_SCP };
const RESOURCE_CONTROL_POLICIES: PolicyKind = { list: "resourceControlPolicies", label: "RCP", grammar: rcpDocumentSchema, awsDefault: AWS_DEFAULT_RCP };

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
 * One SCP or RCP file: inside accounts/ (symbolic links included), UTF-8 JSON, in the policy type's
 * grammar, using only placeholders Meridian fills in, and within AWS's size limit once they are
 * filled in. Problems inside the document name the file and the path in it; the others are
 * reported where the catalog references the file.
 */
function readPolicyDocument(
    root: string,
    relativeFile: string,
    kind: PolicyKind,
    placeholders: Readonly<Record<string, string[]>>,
): { document?: PolicyDocumentJson; problems: InputProblem[] } {
    const accountsDir = path.join(root, "accounts");
    const absolute = path.resolve(accountsDir, relativeFile);
    const shown = path.relative(root, absolute).split(path.sep).join("/");
    const referenced = (message: string) => ({ problems: [{ file: ORGANIZATION_FILE, path: "", message }] });
    if (!absolute.startsWith(accountsDir + path.sep))
        return referenced(`"${relativeFile}" points outside accounts/; ${kind.label} files must live under accounts/`);
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
    const unknown = unknownPlaceholders(document, [...Object.keys(placeholders), PLACEHOLDERS.organizationId]);
    if (unknown.length) {
        return referenced(`"${relativeFile}" uses ${unknown.join(", ")}, which Meridian does not fill in (known: ${Object.values(PLACEHOLDERS).join(", ")})`);
    }
    // The grammar judges what AWS receives: placeholders stand for actions and ARNs only once filled in.
    const filled = substitutePlaceholders(document as PolicyDocumentJson, placeholders);
    const grammar = parseWithSchema(shown, kind.grammar, filled, source);
    if (!grammar.value) return { problems: grammar.problems };
    // AWS_LIMITS.scpSize: what components/organization.ts sends is JSON.stringify of the document (RCPs share the limit).
    const size = [...JSON.stringify(filled)].length;
    if (size > SCP_MAX_CHARACTERS) {
        return referenced(
            `"${relativeFile}" is ${size.toLocaleString("en")} characters as sent to AWS (compact JSON, placeholders filled in); ` +
                `AWS Organizations allows at most ${SCP_MAX_CHARACTERS.toLocaleString("en")} per ${kind.label}: split it, or share statements`,
        );
    }
    return { document: filled, problems: [] };
}
