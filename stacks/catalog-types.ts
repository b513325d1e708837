import type { OrganizationCatalog, MemberAccount } from "../accounts/organization-schema";
import type { RegionCatalog, RegionSettings } from "../regions/region-schema";
import type { SubsystemCatalog, Subsystem } from "./subsystem-schema";

/** A JSON policy document as written in the catalog's SCP files. */
export type PolicyDocumentJson = Record<string, unknown>;

/** The validated fleet model: the three catalogs with defaults applied and cross-references checked. */
export interface Catalog {
    /** Absolute path of the tree the catalog was read from (the repository, or a copy given with --root). */
    root: string;
    organization: OrganizationCatalog;
    regions: RegionCatalog;
    subsystems: SubsystemCatalog;
    /** SCP name → its parsed JSON document. */
    scpDocuments: Record<string, PolicyDocumentJson>;
}

export type { OrganizationCatalog, MemberAccount, RegionCatalog, RegionSettings, SubsystemCatalog, Subsystem };
