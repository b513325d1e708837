import { strict as assert } from "assert";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { InputError } from "../../lib/input-error";
import { evaluateStacks } from "../../policies/evaluator";
import { readPolicyInput } from "../../policies/readers/policy-input";
import { EXAMPLE_SUBSYSTEMS, syntheticFleet } from "../../bench/policy-fleet";

const FIXTURES = path.join(__dirname, "../fixtures/pulumi-real");
const fixture = (name: string) => path.join(FIXTURES, name);
const ROLE_URN = "urn:pulumi:dev::sample::aws:s3/bucket:Bucket$aws:s3:BucketEventSubscription$aws:iam/role:Role::docsHandler";

function inputError(run: () => unknown): string {
    try {
        run();
    } catch (error) {
        if (error instanceof InputError) return error.message;
        throw error;
    }
    return assert.fail("expected an InputError");
}

function tempFile(text: string): string {
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "meridian-reader-")), "input.json");
    fs.writeFileSync(file, text);
    return file;
}

describe("policy input readers on real Pulumi output", () => {
    it("reads a `pulumi stack export` document", () => {
        const input = readPolicyInput(fixture("sample-export.json"));
        assert.equal(input.kind, "stack-export");
        assert.deepEqual(
            input.stacks.map((stack) => [stack.name, stack.resources.length]),
            [["dev", 17]],
        );
        const role = input.stacks[0].resources.find((r) => r.urn === ROLE_URN);
        assert.equal(role?.name, "docsHandler");
        assert.equal(role?.outputs?.arn, "arn:aws:iam::941377148201:role/docsHandler-9eca035");
        assert.equal(role?.provider, "urn:pulumi:dev::sample::pulumi:providers:aws::default_6_63_0");
        assert.equal("__defaults" in (role?.props ?? {}), false);
    });
    for (const [file, count] of [
        ["sample-preview-creates.json", 16],
        ["sample-preview-update.json", 16],
        ["sample-preview-deletes.json", 2],
    ] as const) {
        it(`reads \`pulumi preview --json\` output: ${file}`, () => {
            const input = readPolicyInput(fixture(file));
            assert.equal(input.kind, "preview");
            assert.deepEqual(
                input.stacks.map((stack) => [stack.name, stack.resources.length]),
                [["dev", count]],
            );
        });
    }
    it("flags the Lambda role's missing boundary and broad AWS-managed policies in the export and the previews", () => {
        for (const file of ["sample-export.json", "sample-preview-creates.json", "sample-preview-update.json"]) {
            const findings = evaluateStacks(readPolicyInput(fixture(file)).stacks);
            const mandatory = findings.filter((f) => f.level === "mandatory");
            assert.ok(
                mandatory.some((f) => f.policy === "permissions-boundary-required" && f.urn === ROLE_URN),
                file,
            );
            const managed = mandatory
                .filter((f) => f.policy === "no-admin-policies")
                .map((f) => /policy\/(\S+),/.exec(f.message)?.[1])
                .sort();
            assert.deepEqual(
                managed,
                [
                    "AWSLambda_FullAccess",
                    "AmazonCognitoPowerUser",
                    "AmazonDynamoDBFullAccess",
                    "AmazonKinesisFullAccess",
                    "AmazonS3FullAccess",
                    "AmazonSQSFullAccess",
                    "CloudWatchEventsFullAccess",
                    "CloudWatchFullAccessV2",
                ],
                file,
            );
        }
    });
    it("judges the preview's Lambda permission whose source is not known yet: a source is named, so no finding and no advisory", () => {
        const [stack] = readPolicyInput(fixture("sample-preview-creates.json")).stacks;
        const permission = stack.resources.find((r) => r.type === "aws:lambda/permission:Permission");
        assert.equal(permission?.props.sourceArn, "04da6b54-80e4-46f7-96ec-b56ff0331ba9");
        assert.deepEqual(
            evaluateStacks([stack]).filter((f) => f.policy === "lambda-permission-source-scoped"),
            [],
        );
    });
    it("reads a replaced resource once when the preview shows its replacement steps", () => {
        const creates = JSON.parse(fs.readFileSync(fixture("sample-preview-creates.json"), "utf8")) as { steps: Array<{ op: string; urn: string }> };
        const role = creates.steps.find((step) => step.urn === ROLE_URN)!;
        // `pulumi preview --json --show-replacement-steps`: create-replacement and replace both carry the new state.
        creates.steps.push({ ...role, op: "create-replacement" }, { ...role, op: "replace" }, { op: "delete-replaced", urn: ROLE_URN });
        const stacks = readPolicyInput(tempFile(JSON.stringify(creates))).stacks;
        assert.deepEqual(
            stacks.map((stack) => stack.resources.length),
            [16],
        );
        assert.equal(evaluateStacks(stacks).filter((f) => f.policy === "permissions-boundary-required").length, 1);
    });
    it("finds nothing in a preview that deletes everything but the bucket", () => {
        assert.deepEqual(evaluateStacks(readPolicyInput(fixture("sample-preview-deletes.json")).stacks), []);
    });
    it("reads a plan.json with stack context", () => {
        const plan = {
            schemaVersion: 1,
            project: "meridian",
            root: "/x",
            stacks: syntheticFleet(EXAMPLE_SUBSYSTEMS),
            policy: { findings: [], mandatory: 0, advisory: 0 },
        };
        const input = readPolicyInput(tempFile(JSON.stringify(plan)));
        assert.equal(input.kind, "plan");
        assert.equal(input.stacks.find((s) => s.name === "orders-prod.eu-west-1")?.context?.subsystemRegions?.join(","), "ap-southeast-2,eu-west-1,us-east-1");
    });
});

describe("policy input readers on bad input", () => {
    it("names the file for missing, non-JSON, unrecognised and wrong-version input", () => {
        assert.equal(
            inputError(() => readPolicyInput("missing.json")),
            "missing.json: file not found",
        );
        const notJson = tempFile("{ nope");
        assert.equal(
            inputError(() => readPolicyInput(notJson)),
            `${notJson}:1:3: is not valid JSON: expected property name or '}'`,
        );
        const other = tempFile('{"hello": 1}');
        assert.equal(
            inputError(() => readPolicyInput(other)),
            `${other}: is not a plan.json (schemaVersion, stacks), a \`pulumi stack export\` document (version, deployment) or \`pulumi preview --json\` output (steps)`,
        );
        const futurePlan = tempFile('{"schemaVersion": 9, "stacks": []}');
        assert.equal(
            inputError(() => readPolicyInput(futurePlan)),
            `${futurePlan}: schemaVersion: 9 is not a plan.json version this tool reads (expected 1, as written by \`meridian plan\`)`,
        );
        const badExport = tempFile('{"version": 3, "deployment": {"resources": [{"urn": 1}]}}');
        assert.equal(
            inputError(() => readPolicyInput(badExport)),
            `${badExport}: deployment.resources[0]: is not a resource (needs urn and type)`,
        );
        // What `pulumi preview --json` writes without --show-sames: the unchanged role and its policies are left out.
        const update = JSON.parse(fs.readFileSync(fixture("sample-preview-update.json"), "utf8")) as { steps: Array<{ op: string; urn: string }> };
        update.steps = update.steps.filter((step) => step.op !== "same" || step.urn.includes("pulumi:pulumi:Stack"));
        const partial = tempFile(JSON.stringify(update));
        assert.equal(
            inputError(() => readPolicyInput(partial)),
            `${partial}: steps: lists 1 of the 15 unchanged resources its changeSummary counts, so the stack cannot be checked whole; write it with \`pulumi preview --json --show-sames\``,
        );
        const badPreview = tempFile('{"steps": [{"urn": "x"}]}');
        assert.equal(
            inputError(() => readPolicyInput(badPreview)),
            `${badPreview}: steps[0]: is not a preview step (needs op)`,
        );
    });
});
