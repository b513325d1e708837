import * as fs from "fs";
import * as path from "path";
import { Document, YAMLMap, YAMLSeq } from "yaml";
import { ouPaths, type OrganizationModel } from "./organization-catalog";
import { ACCOUNT_NAME_PATTERN } from "./organization-schema";
import { isActive, LiveOrganization, parentPath, Tags } from "./live-organization";
import type { MemberState } from "./member-probe";
import { matchAccounts } from "./organization-diff";

/**
 * Catalog entries for live accounts and OUs that the catalog lacks. They are written to a
 * separate proposal file, never merged into `accounts/organization.yaml`: the catalog is a
 * reviewed, commented file, and an entry there is a decision (the next `pulumi up` adopts and
 * protects the account), so a person copies the entries they want after checking the guesses.
 */
export const PROPOSAL_FILE = "accounts/organization.proposed.yaml";

export interface ProposedOrganizationalUnit {
    /** Parent OU path, or "Root": where the entry goes in the catalog's OU tree. */
    under: string;
    name: string;
    tags?: Tags;
}

export interface ProposedAccount {
    name: string;
    id: string;
    email: string;
    ou: string;
    environment: string;
    tags?: Tags;
    /** Set when the account already has the GitHub Actions OIDC provider: wave 1 must adopt it, not create one. */
    githubOidcProvider?: "import";
    /** What a person must check before copying the entry. */
    review: string[];
}

export interface CatalogProposal {
    organizationalUnits: ProposedOrganizationalUnit[];
    accounts: ProposedAccount[];
}

const ENVIRONMENT_PATTERN = /^[a-z][a-z0-9]{1,15}$/;
const ENVIRONMENT_WORDS = ["prod", "staging", "dev", "test", "sandbox"];

/** `members`: what the management account found inside each live account, when it looked (see member-probe.ts). */
export function proposeCatalogEntries(
    catalog: OrganizationModel,
    live: LiveOrganization,
    defaultTags: Tags,
    members: ReadonlyMap<string, MemberState> = new Map(),
): CatalogProposal {
    const known = new Set(ouPaths(catalog.organization.organizationalUnits));
    const organizationalUnits = live.organizationalUnits
        .filter((unit) => !known.has(unit.path))
        .map((unit) => {
            const tags = withoutDefaults(unit.tags, defaultTags);
            return { under: parentPath(live, unit.parentId), name: unit.name, ...(Object.keys(tags).length > 0 ? { tags } : {}) };
        });

    const matched = new Set([...matchAccounts(catalog.organization.accounts, live).values()].map((account) => account.id));
    const usedNames = new Set(catalog.organization.accounts.map((account) => account.name));
    const accounts = live.accounts
        .filter((account) => !matched.has(account.id) && account.id !== live.managementAccountId && isActive(account))
        .map((account): ProposedAccount => {
            const review: string[] = [];
            let name = slug(account.name);
            if (name !== account.name || !ACCOUNT_NAME_PATTERN.test(name))
                review.push(`name derived from "${account.name}"; account names are 3-32 lower-case letters, digits and hyphens`);
            if (usedNames.has(name)) {
                name = `${name}-${account.id.slice(-4)}`;
                review.push("name clashed with a catalog account; suffixed with the id's last digits");
            }
            usedNames.add(name);
            const environment = guessEnvironment(account.name, account.tags);
            if (!environment.fromTag) review.push(`environment guessed as "${environment.value}"`);
            const tags = withoutDefaults(account.tags, defaultTags);
            const state = members.get(account.id);
            if (state?.accessRole === "not-assumable")
                review.push(
                    `the management account cannot assume ${catalog.organization.accessRoleName} here: create it before deploying the account's stacks`,
                );
            const hasProvider = state?.accessRole === "assumable" && state.githubOidcProvider;
            if (hasProvider) review.push("already has the GitHub Actions OIDC provider: import adopts it; use reuse if another tool manages it");
            return {
                name,
                id: account.id,
                email: account.email,
                ou: parentPath(live, account.parentId),
                environment: environment.value,
                ...(Object.keys(tags).length > 0 ? { tags } : {}),
                ...(hasProvider ? { githubOidcProvider: "import" as const } : {}),
                review,
            };
        });
    return { organizationalUnits, accounts };
}

/** The proposal as YAML, with each account's review notes as comments above it rather than as keys. */
export function renderProposal(proposal: CatalogProposal): string {
    const document = new Document({
        organizationalUnits: proposal.organizationalUnits,
        accounts: proposal.accounts.map(({ review: _review, ...entry }) => entry),
    });
    document.commentBefore = [
        " Proposed by `meridian accounts import --write-catalog`: live accounts and OUs that",
        " accounts/organization.yaml lacks. Meridian never reads this file. Review each entry, copy",
        " the ones to manage into the catalog (OUs under the path in `under`), then re-run the import.",
    ].join("\n");
    const accounts = document.get("accounts") as YAMLSeq<YAMLMap>;
    accounts.items.forEach((item, index) => {
        const review = proposal.accounts[index].review;
        if (review.length > 0) item.commentBefore = review.map((note) => ` review: ${note}`).join("\n");
    });
    return document.toString({ lineWidth: 0 });
}

/** Writes the proposal next to the catalog; returns its path relative to the root. */
export function writeProposal(root: string, proposal: CatalogProposal): string {
    fs.writeFileSync(path.join(root, PROPOSAL_FILE), renderProposal(proposal));
    return PROPOSAL_FILE;
}

function withoutDefaults(tags: Tags, defaults: Tags): Tags {
    return Object.fromEntries(Object.entries(tags).filter(([key, value]) => defaults[key] !== value));
}

function slug(name: string): string {
    return name
        .toLowerCase()
        .replace(/[^a-z0-9]+/g, "-")
        .replace(/^-+|-+$/g, "")
        .slice(0, 32);
}

function guessEnvironment(name: string, tags: Tags): { value: string; fromTag: boolean } {
    const tagged = Object.entries(tags)
        .find(([key]) => /^(environment|env)$/i.test(key))?.[1]
        ?.toLowerCase();
    if (tagged && ENVIRONMENT_PATTERN.test(tagged)) return { value: tagged, fromTag: true };
    const word = ENVIRONMENT_WORDS.find((candidate) => name.toLowerCase().includes(candidate));
    return { value: word ?? "unassigned", fromTag: false };
}
