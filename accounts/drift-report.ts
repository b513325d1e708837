import type { Drift, DriftKind } from "./organization-diff";

/** The text form of `meridian accounts diff`: one line per drift, grouped by what kind it is. */
const HEADINGS: Record<DriftKind, string> = {
    "management-account": "Wrong organisation",
    "account-missing": "Accounts in the catalog, not in the organisation",
    "account-extra": "Accounts in the organisation, not in the catalog",
    "account-wrong-ou": "Accounts in the wrong OU",
    "account-attributes": "Account names, emails and ids",
    "ou-missing": "OUs in the catalog, not in the organisation",
    "ou-extra": "OUs in the organisation, not in the catalog",
    tags: "Tags",
    "scp-missing": "SCPs in the catalog, not in the organisation",
    "scp-extra": "SCPs in the organisation, not in the catalog",
    "scp-content": "SCP documents",
    "scp-attachment-missing": "SCP attachments missing",
    "scp-attachment-extra": "SCP attachments not in the catalog",
    "access-role": "Member accounts the management account cannot enter",
    "github-oidc-provider": "GitHub OIDC providers the catalog disagrees with",
};

export function formatDriftReport(drifts: readonly Drift[]): string[] {
    if (drifts.length === 0) return ["no drift: the organisation matches the catalog"];
    const lines: string[] = [];
    for (const kind of Object.keys(HEADINGS) as DriftKind[]) {
        const ofKind = drifts.filter((drift) => drift.kind === kind);
        if (ofKind.length === 0) continue;
        lines.push(`${HEADINGS[kind]}:`, ...ofKind.map((drift) => `  ${drift.subject}: ${drift.message}`));
    }
    lines.push("", `${drifts.length} difference${drifts.length === 1 ? "" : "s"}`);
    return lines;
}
