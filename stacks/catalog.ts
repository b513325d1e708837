import * as path from "path";
import { InputError, InputProblem } from "../lib/input-error";
import { locateProblems } from "../lib/catalog-file";
import { ORGANIZATION_FILE, readOrganizationCatalog } from "../accounts/organization-catalog";
import { approvedRegions, readRegionCatalog } from "../regions/region-catalog";
import { checkSubsystemReferences, readSubsystemCatalog, SUBSYSTEMS_FILE } from "./subsystem-catalog";
import type { Catalog, MemberAccount, Subsystem } from "./catalog-types";
import { accountOwner } from "../lib/contracts/naming";

/**
 * Loads and validates the three catalogs under `root`. Every problem in every file is collected
 * and thrown together as one InputError, so a user fixes a broken catalog in one pass.
 */
export function loadCatalog(root: string): Catalog {
    const absoluteRoot = path.resolve(root);
    const regions = readRegionCatalog(absoluteRoot);
    const organization = readOrganizationCatalog(absoluteRoot, regions.catalog ? approvedRegions(regions.catalog) : []);
    const subsystems = readSubsystemCatalog(absoluteRoot);
    const problems: InputProblem[] = [...organization.problems, ...regions.problems, ...subsystems.problems];
    if (organization.catalog && regions.catalog && subsystems.catalog) {
        const crossReferences = checkSubsystemReferences(subsystems.catalog, organization.catalog, regions.catalog);
        const sources = new Map([
            [ORGANIZATION_FILE, organization.source],
            [SUBSYSTEMS_FILE, subsystems.source],
        ]);
        problems.push(...crossReferences.map((problem) => locateProblems([problem], sources.get(problem.file))[0]));
    }
    if (problems.length > 0 || !organization.catalog || !regions.catalog || !subsystems.catalog) {
        throw new InputError(problems);
    }
    return {
        root: absoluteRoot,
        organization: organization.catalog,
        regions: regions.catalog,
        subsystems: subsystems.catalog,
        scpDocuments: organization.scpDocuments,
        rcpDocuments: organization.rcpDocuments,
    };
}

export function findAccount(catalog: Catalog, name: string): MemberAccount | undefined {
    return catalog.organization.accounts.find((account) => account.name === name);
}

export function findSubsystem(catalog: Catalog, name: string): Subsystem | undefined {
    return catalog.subsystems.subsystems.find((subsystem) => subsystem.name === name);
}

/** The owner of the account with this name; the management account, not a member, owns its own prefix. */
export function ownerOfAccount(catalog: Catalog, name: string): string {
    const account = findAccount(catalog, name);
    return account ? accountOwner(account) : name;
}
