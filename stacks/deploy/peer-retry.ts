import { WAVE_OF_KIND } from "../../lib/contracts/stack-spec";
import type { StackSpec } from "../../lib/contracts/stack-spec";

/**
 * A subsystem's regional stacks deploy in parallel, and each one's global endpoint names the peer
 * region's bus. Whether EventBridge's CreateEndpoint fails while that bus does not exist yet is not
 * documented (docs/design/deployment-pipeline.md, "A peer region's bus"), so a regional stack that
 * fails `up` is run once more after its wave's other stacks have run: by then the peer's bus exists,
 * and `pulumi up` is idempotent. One retry, never more: a second failure is a real one.
 */
export const PEER_BUS_RETRY_REASON = "a peer region's bus may not have existed at the first attempt";

/** A wave-2 stack whose account has another regional stack in the same run: its peer may have been mid-deploy. */
export function retriesAfterPeers(spec: StackSpec, stacks: readonly StackSpec[]): boolean {
    return (
        spec.wave === WAVE_OF_KIND.subsystem &&
        stacks.some((other) => other.name !== spec.name && other.account === spec.account && other.wave === WAVE_OF_KIND.subsystem)
    );
}
