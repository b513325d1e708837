import { promises as dns } from "dns";
import type { AddressResolver } from "./gateway";

/**
 * The system resolver, and the zone's own name servers for TTLs: a caching resolver would report
 * what is left of its cached copy, not the TTL clients' resolvers start from.
 */
export const systemResolver: AddressResolver = {
    resolve: (hostname) => dns.resolve4(hostname),
    ttlSeconds: async (name, nameServers) => {
        const addresses = (await Promise.all(nameServers.map((server) => dns.resolve4(server).catch(() => [] as string[])))).flat();
        if (addresses.length === 0) return undefined;
        const resolver = new dns.Resolver();
        resolver.setServers(addresses);
        const answers = await resolver.resolve4(name, { ttl: true });
        return answers.length > 0 ? Math.max(...answers.map((a) => a.ttl)) : undefined;
    },
};
