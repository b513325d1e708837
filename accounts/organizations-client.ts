import { OrganizationsClient, OrganizationsClientConfig } from "@aws-sdk/client-organizations";

/**
 * Organizations answers throttled calls with TooManyRequestsException, which the SDK classifies
 * as a throttling error. The adaptive retry mode retries those with exponential backoff and also
 * slows the client's own request rate, which suits a reader that walks a large organisation.
 */
export const ORGANIZATIONS_MAX_ATTEMPTS = 8;

/** Organizations is a global service whose endpoint lives in us-east-1. */
export const ORGANIZATIONS_REGION = "us-east-1";

export function createOrganizationsClient(overrides: OrganizationsClientConfig = {}): OrganizationsClient {
    return new OrganizationsClient({
        region: ORGANIZATIONS_REGION,
        retryMode: "adaptive",
        maxAttempts: ORGANIZATIONS_MAX_ATTEMPTS,
        ...overrides,
    });
}
