import { promises as dns } from "dns";

/**
 * Whether the parent zone is delegated to the hosted zone that Meridian manages: the public DNS
 * must answer the zone's NS query with exactly the name servers Route 53 gave the zone. Until it
 * does, no resolver finds the subsystem zones below it, every ACM DNS validation waits until its
 * timeout, and wave 2 hangs; so `meridian up` and the generated workflow check it before wave 2.
 */

/** Looks up a zone's NS records in the public DNS; an empty list when the name has none. */
export type NameServerResolver = (zone: string) => Promise<string[]>;

export interface DelegationCheck {
    zone: string;
    delegated: boolean;
    /** The hosted zone's name servers (what the parent or registrar must list). */
    expected: string[];
    /** What the public DNS answers today. */
    found: string[];
    /** One line saying what is wrong and what to do, or that all is well. */
    message: string;
}

const NO_RECORDS = new Set(["ENOTFOUND", "ENODATA"]);

/** The system resolver; a name with no NS records (or no such name) answers with none rather than failing. */
export const systemNameServerResolver: NameServerResolver = async (zone) => {
    try {
        return await dns.resolveNs(zone);
    } catch (error) {
        if (NO_RECORDS.has((error as NodeJS.ErrnoException).code ?? "")) return [];
        throw error;
    }
};

export async function checkDelegation(zone: string, hostedZoneNameServers: readonly string[], resolve: NameServerResolver): Promise<DelegationCheck> {
    const expected = normalise(hostedZoneNameServers);
    const found = normalise(await resolve(zone));
    const missing = expected.filter((server) => !found.includes(server));
    const extra = found.filter((server) => !expected.includes(server));
    const delegated = expected.length > 0 && missing.length === 0 && extra.length === 0;
    const message = delegated
        ? `${zone} is delegated to its hosted zone (${expected.join(", ")})`
        : found.length === 0
          ? `${zone} is not delegated: the public DNS has no NS records for it. At its parent zone or registrar, set the name servers to ${expected.join(", ")}`
          : `${zone} is not delegated to its hosted zone: the public DNS answers ${found.join(", ")}` +
            `${missing.length > 0 ? `; missing ${missing.join(", ")}` : ""}${extra.length > 0 ? `; not the zone's: ${extra.join(", ")}` : ""}. ` +
            `At its parent zone or registrar, set the name servers to exactly ${expected.join(", ")}`;
    return { zone, delegated, expected, found, message };
}

/** Name servers compare case-insensitively and with or without the root's trailing dot. */
function normalise(servers: readonly string[]): string[] {
    return [...new Set(servers.map((server) => server.trim().toLowerCase().replace(/\.$/, "")))].sort();
}
