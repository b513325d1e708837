import { strict as assert } from "node:assert";
import * as fs from "fs";
import * as path from "path";
import { type FolderScore, isMeasured, readMutateGlobs, readScores, SCORES_FILE, scopeFolders, scoreOf, targetFor } from "../helpers/mutation-scores";

/**
 * The mutation floor (issue 15): `npm run mutation` records each folder's score; this check keeps
 * the record honest and above its floor without running Stryker, which takes too long for `npm test`.
 */
describe("mutation score floor", () => {
    const root = path.join(__dirname, "..", "..");
    const all = readScores(root);
    const scores: Record<string, FolderScore> = Object.fromEntries(Object.entries(all).filter((entry): entry is [string, FolderScore] => isMeasured(entry[1])));

    it(`${SCORES_FILE} records every folder that stryker.config.json mutates: its score, or why it is not measured yet`, () => {
        const missing = scopeFolders(readMutateGlobs(root)).filter((folder) => !(folder in all));
        assert.deepEqual(missing, [], `run \`npm run mutation\` to measure: ${missing.join(", ")}`);
        for (const [folder, entry] of Object.entries(all)) {
            if (!isMeasured(entry))
                assert.ok(entry.notMeasured.length > 20 && entry.target === targetFor(folder), `${folder}: say why it is not measured, with its target`);
        }
    });

    it("holds each folder at or above its floor: the target (90 for the IAM analysis and the rules, 80 elsewhere) once reached, the best measured score until then", () => {
        const below = Object.entries(scores)
            .filter(([, score]) => score.score < score.floor)
            .map(([folder, score]) => `${folder}: ${score.score}% (floor ${score.floor}%)`);
        assert.deepEqual(below, []);
    });

    it("records each folder's target as issue 15 sets it, and no floor above it", () => {
        const wrong = Object.entries(scores)
            .filter(([folder, score]) => score.target !== targetFor(folder) || score.floor > score.target)
            .map(([folder, score]) => `${folder}: target ${score.target}%, floor ${score.floor}%`);
        assert.deepEqual(wrong, []);
    });

    it("is what the mutation-testing page's score table says, folder by folder", () => {
        const page = fs.readFileSync(path.join(root, "docs/project/mutation-testing.md"), "utf8");
        const rows = new Map([...page.matchAll(/^\| `([^`]+)` \| ([\d.]+)% \|/gm)].map((row) => [row[1], Number(row[2])]));
        const stale = Object.entries(scores)
            .filter(([folder, score]) => rows.get(folder) !== score.score)
            .map(([folder, score]) => `${folder}: recorded ${score.score}%, the page says ${rows.get(folder) ?? "nothing"}`);
        assert.deepEqual(stale, []);
    });

    it("records scores that follow from the recorded counts", () => {
        const inconsistent = Object.entries(scores)
            .filter(([, score]) => score.score !== scoreOf(score))
            .map(([folder, score]) => `${folder}: ${score.score}% recorded, ${scoreOf(score)}% from its counts`);
        assert.deepEqual(inconsistent, []);
    });
});
