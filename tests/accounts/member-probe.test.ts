import { strict as assert } from "assert";
import { mockClient } from "aws-sdk-client-mock";
import * as iam from "@aws-sdk/client-iam";
import * as sts from "@aws-sdk/client-sts";
import { probeMembers } from "../../accounts/member-probe";

describe("looking inside member accounts through the access role", () => {
    let stsMock: ReturnType<typeof mockClient>;
    let iamMock: ReturnType<typeof mockClient>;
    beforeEach(() => {
        stsMock = mockClient(sts.STSClient);
        iamMock = mockClient(iam.IAMClient);
    });
    afterEach(() => {
        stsMock.restore();
        iamMock.restore();
    });
    const credentials = { accessKeyId: "AKIAEXAMPLE", secretAccessKey: "example" };
    const clients = () => ({
        sts: new sts.STSClient({ region: "us-east-1", credentials }),
        iam: () => new iam.IAMClient({ region: "us-east-1", credentials }),
    });

    it("assumes each access role for the shortest session and finds the GitHub provider by its URL", async () => {
        stsMock.on(sts.AssumeRoleCommand).resolves({ Credentials: { AccessKeyId: "AKIA", SecretAccessKey: "s", SessionToken: "t", Expiration: new Date() } });
        iamMock
            .on(iam.ListOpenIDConnectProvidersCommand)
            .resolvesOnce({ OpenIDConnectProviderList: [{ Arn: "arn:aws:iam::555555555555:oidc-provider/token.actions.githubusercontent.com" }] })
            .resolvesOnce({ OpenIDConnectProviderList: [{ Arn: "arn:aws:iam::666666666666:oidc-provider/gitlab.com" }] });
        const states = await probeMembers(["555555555555", "666666666666"], "OrganizationAccountAccessRole", clients());
        assert.deepEqual(Object.fromEntries(states), {
            "555555555555": { accessRole: "assumable", githubOidcProvider: true },
            "666666666666": { accessRole: "assumable", githubOidcProvider: false },
        });
        assert.deepEqual(stsMock.commandCalls(sts.AssumeRoleCommand)[0].args[0].input, {
            RoleArn: "arn:aws:iam::555555555555:role/OrganizationAccountAccessRole",
            RoleSessionName: "meridian-accounts-check",
            DurationSeconds: 900,
        });
    });

    it("reports an access role it may not assume, and lets any other error through", async () => {
        stsMock.on(sts.AssumeRoleCommand).rejects(Object.assign(new Error("not authorized to perform: sts:AssumeRole"), { name: "AccessDenied" }));
        const states = await probeMembers(["555555555555"], "OrganizationAccountAccessRole", clients());
        assert.deepEqual(states.get("555555555555"), { accessRole: "not-assumable", reason: "AccessDenied: not authorized to perform: sts:AssumeRole" });
        assert.equal(iamMock.calls().length, 0);

        stsMock.on(sts.AssumeRoleCommand).rejects(Object.assign(new Error("token expired"), { name: "ExpiredToken" }));
        await assert.rejects(probeMembers(["555555555555"], "OrganizationAccountAccessRole", clients()), /token expired/);
    });
});
