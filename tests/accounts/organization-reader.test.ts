import { strict as assert } from "assert";
import { Readable } from "stream";
import * as FakeTimers from "@sinonjs/fake-timers";
import { mockClient } from "aws-sdk-client-mock";
import * as organizations from "@aws-sdk/client-organizations";
import type { LiveOrganization } from "../../accounts/live-organization";
import { readLiveOrganization } from "../../accounts/organization-reader";
import { createOrganizationsClient, ORGANIZATIONS_MAX_ATTEMPTS } from "../../accounts/organizations-client";
import { exampleLiveOrganization } from "./fixtures/example-organization";
import { FakeOrganizationsApi, READ_COMMANDS } from "./fixtures/fake-organizations-api";

/** Snapshots compare regardless of the order in which the tree walk met OUs. */
function sorted(organization: LiveOrganization): LiveOrganization {
    return { ...organization, organizationalUnits: [...organization.organizationalUnits].sort((a, b) => a.path.localeCompare(b.path)) };
}

/** An Organizations client whose HTTP transport answers from `api`, failing where `fail` says so. */
function clientOverHttp(api: FakeOrganizationsApi, fail: (operation: string, input: Record<string, unknown>, attempt: number) => string | undefined) {
    const attempts = new Map<string, number>();
    const requests: string[] = [];
    const client = createOrganizationsClient({
        credentials: { accessKeyId: "AKIDEXAMPLE", secretAccessKey: "example" },
        requestHandler: {
            async handle(request: { headers: Record<string, string>; body: string }) {
                const operation = request.headers["x-amz-target"].split(".")[1];
                const key = `${operation} ${request.body}`;
                const attempt = (attempts.get(key) ?? 0) + 1;
                attempts.set(key, attempt);
                requests.push(operation);
                const input = JSON.parse(request.body) as Record<string, unknown>;
                const error = fail(operation, input, attempt);
                const [statusCode, body] = error ? [400, { __type: error, Message: "Rate exceeded" }] : [200, api.handle(operation, input)];
                return {
                    response: {
                        statusCode,
                        headers: { "content-type": "application/x-amz-json-1.1" },
                        body: Readable.from([Buffer.from(JSON.stringify(body))]),
                    },
                };
            },
        } as never,
    });
    return { client, requests };
}

/** Runs `work` under fake timers, advancing them so the SDK's retry backoff elapses without real waiting. */
async function withFakeTime<T>(work: () => Promise<T>): Promise<{ result?: T; error?: unknown; elapsedMs: number }> {
    const clock = FakeTimers.install({ toFake: ["setTimeout", "clearTimeout", "Date"] });
    try {
        let settled = false;
        const outcome = work().then(
            (result) => ({ result }),
            (error: unknown) => ({ error }),
        );
        void outcome.finally(() => (settled = true));
        while (!settled) await clock.tickAsync(250);
        return { ...(await outcome), elapsedMs: clock.now };
    } finally {
        clock.uninstall();
    }
}

describe("readLiveOrganization", () => {
    it("reads the whole organisation through every paginator, page after page (aws-sdk-client-mock)", async () => {
        const expected = exampleLiveOrganization();
        const api = new FakeOrganizationsApi(expected);
        const client = new organizations.OrganizationsClient({ region: "us-east-1" });
        const mock = mockClient(client);
        for (const [operation, command] of Object.entries(READ_COMMANDS)) {
            mock.on(command as never).callsFake((input: Record<string, unknown>) => api.handle(operation, input));
        }

        const live = await readLiveOrganization(client);

        assert.deepEqual(sorted(live), sorted(expected));
        // 8 accounts at 2 a page: 4 pages; 7 policies: 4 pages; the 4-target policy's targets: 2 pages.
        assert.equal(api.pagesRequested("ListAccounts"), 4);
        assert.equal(api.pagesRequested("ListPolicies"), 4);
        const regionTargets = api.calls.filter((call) => call.operation === "ListTargetsForPolicy" && call.input.PolicyId === "p-regions0003");
        assert.deepEqual(
            regionTargets.map((call) => call.input.NextToken),
            [undefined, "2"],
        );
        // Read-only: nothing but Describe* and List* was called.
        assert.ok(mock.calls().every((call) => /^(Describe|List)/.test((call.args[0] as { constructor: { name: string } }).constructor.name)));
    });

    it("records an unparsable policy document as its raw text", async () => {
        const organization = exampleLiveOrganization();
        organization.serviceControlPolicies[1].document = "{ not json";
        const api = new FakeOrganizationsApi(organization);
        const client = new organizations.OrganizationsClient({ region: "us-east-1" });
        const mock = mockClient(client);
        for (const [operation, command] of Object.entries(READ_COMMANDS))
            mock.on(command as never).callsFake((input: Record<string, unknown>) => api.handle(operation, input));
        const live = await readLiveOrganization(client);
        assert.equal(live.serviceControlPolicies[1].document, "{ not json");
    });

    it("retries a TooManyRequestsException with the SDK's retry strategy, then succeeds (throttle, then success, mid-pagination)", async () => {
        const expected = exampleLiveOrganization();
        const api = new FakeOrganizationsApi(expected);
        // The second page of ListAccounts is throttled twice before it succeeds.
        const { client, requests } = clientOverHttp(api, (operation, input, attempt) =>
            operation === "ListAccounts" && input.NextToken === "2" && attempt <= 2 ? "TooManyRequestsException" : undefined,
        );

        const { result, error, elapsedMs } = await withFakeTime(() => readLiveOrganization(client));

        assert.equal(error, undefined);
        assert.deepEqual(sorted(result!), sorted(expected));
        assert.equal(requests.filter((name) => name === "ListAccounts").length, 4 + 2);
        assert.ok(elapsedMs > 0, "the retries backed off");
    });

    it("gives up after the configured number of attempts when throttling persists, with the AWS error", async () => {
        const api = new FakeOrganizationsApi(exampleLiveOrganization());
        const { client, requests } = clientOverHttp(api, () => "TooManyRequestsException");
        const { error } = await withFakeTime(() => readLiveOrganization(client));
        assert.ok(error instanceof organizations.TooManyRequestsException);
        assert.equal(requests.length, ORGANIZATIONS_MAX_ATTEMPTS);
    });

    it("does not retry an error that is not transient", async () => {
        const api = new FakeOrganizationsApi(exampleLiveOrganization());
        const { client, requests } = clientOverHttp(api, () => "AWSOrganizationsNotInUseException");
        const { error } = await withFakeTime(() => readLiveOrganization(client));
        assert.ok(error instanceof organizations.AWSOrganizationsNotInUseException);
        assert.equal(requests.length, 1);
    });
});
