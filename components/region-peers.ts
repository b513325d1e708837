/**
 * The peers a region replicates to: every other region of the subsystem, once each, never itself.
 * A replication rule to the region's own bus would be a loop of one hop.
 */
export function replicationPeers(region: string, peerRegions: readonly string[]): string[] {
    if (peerRegions.includes(region)) {
        throw new Error(`peer regions of ${region} must not include ${region} itself (that would replicate the bus onto itself)`);
    }
    const duplicates = peerRegions.filter((peer, index) => peerRegions.indexOf(peer) !== index);
    if (duplicates.length > 0) {
        throw new Error(`peer regions of ${region} list ${[...new Set(duplicates)].join(", ")} more than once`);
    }
    return [...peerRegions].sort();
}
