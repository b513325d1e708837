import { promises as dns } from "dns";
import type { AddressResolver } from "./gateway";

/** The system resolver: learns which addresses an alias target (an API Gateway domain) answers with. */
export const systemResolver: AddressResolver = {
    resolve: (hostname) => dns.resolve4(hostname),
};
