import { strict as assert } from "assert";
import { ROUTE53_CHECKER_REGIONS } from "../../regions/aws-regions";
import { readRegionCatalog, REGIONS_FILE } from "../../regions/region-catalog";
import { copyExampleCatalog, editFile } from "../helpers/example-catalog";

/** The region catalog of a copy of the example, edited; what readRegionCatalog makes of it, in process. */
function readEdited(change: (text: string) => string) {
    const root = copyExampleCatalog("meridian-regions-");
    editFile(root, REGIONS_FILE, change);
    return readRegionCatalog(root);
}

const problems = (read: ReturnType<typeof readRegionCatalog>) => read.problems.map((problem) => `${problem.path}: ${problem.message}`);

describe("region catalog validation (readRegionCatalog, in process)", () => {
    it("refuses a region listed twice, naming the second entry", () => {
        const read = readEdited((text) => text.replace("  - code: eu-west-1\n", "  - code: eu-west-1\n  - code: eu-west-1\n"));
        assert.equal(read.catalog, undefined);
        assert.deepEqual(problems(read), ['regions[2].code: "eu-west-1" is listed twice']);
    });

    it("reports a region listed twice alone, before it judges the alarms of the regions", () => {
        const read = readEdited((text) =>
            text
                .replace("  - code: eu-west-1\n", "  - code: eu-west-1\n  - code: eu-west-1\n")
                .replace("    alarmDatapointsToAlarm: 2\n", "    alarmDatapointsToAlarm: 4\n"),
        );
        assert.deepEqual(problems(read), ['regions[2].code: "eu-west-1" is listed twice']);
    });

    it("refuses a region whose health check lists a checker region twice", () => {
        const read = readEdited((text) => text.replace("[ap-southeast-1, ap-southeast-2, us-west-1]", "[ap-southeast-1, us-west-1, ap-southeast-1]"));
        assert.deepEqual(problems(read), ["regions[2].healthCheck.checkerRegions: lists a checker region twice"]);
    });

    it("refuses a checker region Route 53 does not check from, naming the allowed ones", () => {
        const read = readEdited((text) => text.replace("[ap-southeast-1, ap-southeast-2, us-west-1]", "[ap-southeast-1, ap-southeast-2, eu-north-1]"));
        assert.deepEqual(problems(read), [
            `regions[2].healthCheck.checkerRegions[2]: "eu-north-1" is not a Route 53 health-checker region (allowed: ${ROUTE53_CHECKER_REGIONS.join(", ")})`,
        ]);
    });

    it("refuses more breaching datapoints than evaluation periods, where the region sets them", () => {
        const read = readEdited((text) =>
            text.replace("      checkerRegions: [ap-southeast-1", "      alarmDatapointsToAlarm: 4\n      checkerRegions: [ap-southeast-1"),
        );
        assert.deepEqual(problems(read), [
            "regions[2].healthCheck.alarmDatapointsToAlarm: 4 breaching periods out of 3 can never happen in ap-southeast-2 (alarmDatapointsToAlarm must be at most alarmEvaluationPeriods)",
        ]);
    });

    it("names the region's own health check when it sets only the evaluation periods", () => {
        const read = readEdited((text) =>
            text
                .replace("    alarmDatapointsToAlarm: 2\n", "    alarmDatapointsToAlarm: 3\n")
                .replace("      checkerRegions: [ap-southeast-1", "      alarmEvaluationPeriods: 2\n      checkerRegions: [ap-southeast-1"),
        );
        assert.deepEqual(problems(read), [
            "regions[2].healthCheck.alarmDatapointsToAlarm: 3 breaching periods out of 2 can never happen in ap-southeast-2 (alarmDatapointsToAlarm must be at most alarmEvaluationPeriods)",
        ]);
    });

    it("names the defaults when the regions take both numbers from them, once per region", () => {
        const read = readEdited((text) => text.replace("    alarmDatapointsToAlarm: 2\n", "    alarmDatapointsToAlarm: 4\n"));
        assert.deepEqual(
            problems(read),
            ["us-east-1", "eu-west-1", "ap-southeast-2"].map(
                (code) =>
                    `defaults.healthCheck.alarmDatapointsToAlarm: 4 breaching periods out of 3 can never happen in ${code} (alarmDatapointsToAlarm must be at most alarmEvaluationPeriods)`,
            ),
        );
    });

    it("accepts as many breaching datapoints as evaluation periods", () => {
        const read = readEdited((text) => text.replace("    alarmDatapointsToAlarm: 2\n", "    alarmDatapointsToAlarm: 3\n"));
        assert.deepEqual(read.problems, []);
        assert.equal(read.catalog?.regions[0].healthCheck.alarmDatapointsToAlarm, 3);
    });

    it("resolves each region over the defaults: its own DNS TTL and health-check settings win", () => {
        const read = readEdited((text) => text.replace("  - code: eu-west-1\n", "  - code: eu-west-1\n    dnsTtl: 30\n"));
        assert.deepEqual(read.problems, []);
        const byCode = new Map(read.catalog?.regions.map((region) => [region.code, region]));
        assert.equal(byCode.get("eu-west-1")?.dnsTtl, 30);
        assert.equal(byCode.get("us-east-1")?.dnsTtl, 60);
        assert.deepEqual(byCode.get("ap-southeast-2")?.healthCheck.checkerRegions, ["ap-southeast-1", "ap-southeast-2", "us-west-1"]);
        assert.equal(byCode.get("ap-southeast-2")?.healthCheck.requestInterval, 10);
    });
});
