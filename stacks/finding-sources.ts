import * as fs from "fs";
import * as path from "path";
import { readYamlFile } from "../lib/catalog-file";
import { InputError } from "../lib/input-error";
import { accountResourceName, ouResourceName, scpAttachmentResourceName, scpResourceName } from "../lib/contracts/naming";
import type { StackSpec } from "../lib/contracts/stack-spec";
import type { SourceSpan, YamlSource } from "../lib/yaml-source";
import { ORGANIZATION_FILE } from "../accounts/organization-catalog";
import { parseUrn } from "../policies/normalised-stack";
import type { LocatedFinding } from "../policies/report/located-finding";
import type { SourceLocation } from "../policies/report/sarif-report";
import { loadCatalog } from "./catalog";
import { listStacks } from "./stack-list";
import { SUBSYSTEMS_FILE } from "./subsystem-catalog";

/**
 * The tracked source line behind a policy finding, for reports that point at code (SARIF): the
 * catalog entry that produced the resource's stack (an account, a subsystem in a region, an OU or
 * SCP of the organisation); else the component file that declares it; else the finding's line
 * in the input file. Paths are relative to `root`, the repository root.
 */
export function findingLocator(root: string): (finding: LocatedFinding) => SourceLocation {
    const absoluteRoot = path.resolve(root);
    const catalog = catalogEntries(absoluteRoot);
    const components = componentDeclarations();
    const inputs = new Map<string, string>();
    const relative = (file: string) => path.relative(absoluteRoot, path.resolve(file)).split(path.sep).join("/");

    return (finding) => {
        const entry = catalog?.locate(finding);
        if (entry) return entry;
        const component = innermostComponent(finding.urn);
        const declared = component ? components().get(component) : undefined;
        if (declared) return { uri: relative(declared.file), span: declared.span };
        if (!inputs.has(finding.file)) inputs.set(finding.file, fs.readFileSync(finding.file, "utf8"));
        return { uri: relative(finding.file), span: urnLine(inputs.get(finding.file)!, finding) };
    };
}

interface CatalogFile {
    source: YamlSource;
    value: Record<string, unknown>;
}

/** The catalog's entries by stack, when the tree at `root` holds a valid catalog; a report never fails for want of one. */
function catalogEntries(root: string): { locate(finding: LocatedFinding): SourceLocation | undefined } | undefined {
    let specs: Map<string, StackSpec>;
    try {
        specs = new Map(listStacks(loadCatalog(root)).map((spec) => [spec.name, spec]));
    } catch (error) {
        if (error instanceof InputError) return undefined;
        throw error;
    }
    const read = (file: string): CatalogFile => {
        const raw = readYamlFile(root, file);
        return { source: raw.source!, value: raw.value as Record<string, unknown> };
    };
    const organization = read(ORGANIZATION_FILE);
    const subsystems = read(SUBSYSTEMS_FILE);
    const at = (file: string, catalogFile: CatalogFile, segments: PropertyKey[] | undefined): SourceLocation | undefined => {
        const span = segments && catalogFile.source.span(segments);
        return span ? { uri: file, span } : undefined;
    };
    return {
        locate(finding) {
            const spec = specs.get(finding.stack);
            if (!spec) return undefined;
            if (spec.kind === "subsystem") return at(SUBSYSTEMS_FILE, subsystems, subsystemRegionPath(subsystems.value, spec));
            if (spec.kind === "account") return at(ORGANIZATION_FILE, organization, accountPath(organization.value, spec.account));
            return at(ORGANIZATION_FILE, organization, organizationResourcePath(organization.value, finding.urn) ?? ["managementAccount"]);
        },
    };
}

type Entry = Record<string, unknown>;
const entries = (value: unknown): Entry[] => (Array.isArray(value) ? (value as Entry[]) : []);

function subsystemRegionPath(catalog: Entry, spec: StackSpec): PropertyKey[] | undefined {
    const index = entries(catalog.subsystems).findIndex((subsystem) => subsystem.name === spec.subsystem);
    if (index < 0) return undefined;
    const region = entries(catalog.subsystems)[index].regions as unknown[];
    const regionIndex = Array.isArray(region) ? region.indexOf(spec.region) : -1;
    return regionIndex < 0 ? ["subsystems", index] : ["subsystems", index, "regions", regionIndex];
}

function accountPath(catalog: Entry, account: string): PropertyKey[] | undefined {
    const index = entries(catalog.accounts).findIndex((entry) => entry.name === account);
    return index < 0 ? undefined : ["accounts", index];
}

/** The organization stack's resources carry the names of naming.ts, so each leads back to its catalog entry. */
function organizationResourcePath(catalog: Entry, urn: string | undefined): PropertyKey[] | undefined {
    if (!urn) return undefined;
    const name = parseUrn(urn).name;
    for (const [index, account] of entries(catalog.accounts).entries()) {
        if (name === accountResourceName(String(account.name))) return ["accounts", index];
    }
    for (const [index, scp] of entries(catalog.serviceControlPolicies).entries()) {
        if (name === scpResourceName(String(scp.name))) return ["serviceControlPolicies", index];
        const targets = Array.isArray(scp.targets) ? (scp.targets as unknown[]) : [];
        const target = targets.findIndex((entry) => name === scpAttachmentResourceName(String(scp.name), String(entry)));
        if (target >= 0) return ["serviceControlPolicies", index, "targets", target];
    }
    return ouPath(entries(catalog.organizationalUnits), name, "", ["organizationalUnits"]);
}

function ouPath(units: Entry[], resourceName: string, parent: string, at: PropertyKey[]): PropertyKey[] | undefined {
    for (const [index, unit] of units.entries()) {
        const ownPath = parent ? `${parent}/${String(unit.name)}` : String(unit.name);
        if (resourceName === ouResourceName(ownPath)) return [...at, index];
        const nested = ouPath(entries(unit.children), resourceName, ownPath, [...at, index, "children"]);
        if (nested) return nested;
    }
    return undefined;
}

/** `GlobalBus` for a resource under a `meridian:events:GlobalBus` component; the resource's own class when it is one. */
function innermostComponent(urn: string | undefined): string | undefined {
    const chain = urn?.split("::")[2]?.split("$") ?? [];
    return chain
        .filter((type) => type.startsWith("meridian:"))
        .pop()
        ?.split(":")
        .pop();
}

/**
 * Component class name → the file and line that declare it. A component's type token ends in its
 * class name (`meridian:events:GlobalBus` is class GlobalBus), one component per file in components/.
 */
function componentDeclarations(): () => Map<string, { file: string; span: SourceSpan }> {
    let declarations: Map<string, { file: string; span: SourceSpan }> | undefined;
    return () => {
        if (declarations) return declarations;
        declarations = new Map();
        const directory = path.join(__dirname, "..", "components");
        for (const name of fs.readdirSync(directory).filter((entry) => entry.endsWith(".ts"))) {
            const file = path.join(directory, name);
            fs.readFileSync(file, "utf8")
                .split("\n")
                .forEach((line, index) => {
                    const className = /^export class (\w+) extends pulumi\.ComponentResource/.exec(line)?.[1];
                    if (className) declarations!.set(className, { file, span: { line: index + 1, column: 1, endLine: index + 1, endColumn: line.length + 1 } });
                });
        }
        return declarations;
    };
}

/** The line of the resource's `"urn": ...` in the input file, or of the stack's own resource for stack-level findings. */
function urnLine(text: string, finding: LocatedFinding): SourceSpan {
    const target = finding.urn
        ? new RegExp(`"urn"\\s*:\\s*${escapeRegExp(JSON.stringify(finding.urn))}`)
        : new RegExp(`"urn"\\s*:\\s*"urn:pulumi:${escapeRegExp(finding.stack)}::[^"]*pulumi:pulumi:Stack::`);
    const match = target.exec(text);
    if (!match) return { line: 1, column: 1, endLine: 1, endColumn: 2 };
    const before = text.slice(0, match.index).split("\n");
    const column = before[before.length - 1].length + 1;
    return { line: before.length, column, endLine: before.length, endColumn: column + match[0].length };
}

function escapeRegExp(text: string): string {
    return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}
