import type { OrganizationCatalog, MemberAccount } from "../accounts/organization-schema";
import type { OrganizationModel, PolicyDocumentJson } from "../accounts/organization-catalog";
import type { RegionCatalog, RegionSettings } from "../regions/region-schema";
import type { SubsystemCatalog, Subsystem } from "./subsystem-schema";

/** The validated fleet model: the three catalogs with defaults applied and cross-references checked. */
export interface Catalog extends OrganizationModel {
    /** Absolute path of the tree the catalog was read from (the repository, or a copy given with --root). */
    root: string;
    regions: RegionCatalog;
    subsystems: SubsystemCatalog;
}

export type { PolicyDocumentJson, OrganizationCatalog, MemberAccount, RegionCatalog, RegionSettings, SubsystemCatalog, Subsystem };
