import { createHash } from "crypto";
import * as fs from "fs";
import * as path from "path";
import type { PlanDocument, PolicyFinding } from "../lib/contracts/plan-document";
import { evaluateFleetStacks, evaluateStacks, PlanEvaluation, summarise } from "../policies/evaluator";
import type { PolicyException } from "../policies/exceptions";
import { fromPlannedStacks } from "../policies/planned-stacks";
import type { PolicyPackConfig } from "../policies/policy-config";
import { SourceGraph } from "../stacks/offline/code-fingerprint";

/**
 * The policy pack over a plan, as `meridian plan` runs it: every rule over every stack, then the
 * fleet rules over the whole fleet, then the exceptions. With a cache directory, the pack's
 * findings for a stack are kept there and reused while the four things they are a function of
 * are unchanged: the stack (its digest), its policy context, the pack config and the pack's code.
 * The fleet rules and the exceptions always run afresh.
 */

const FORMAT = "meridian-policy-verdicts/1";
const VERDICTS_FILE = "policy-verdicts.json";

interface Verdicts {
    format: typeof FORMAT;
    /** The pack's code and config the findings were made with. */
    pack: string;
    stacks: Record<string, { key: string; findings: PolicyFinding[] }>;
}

const digest = (value: unknown) =>
    createHash("sha256")
        .update(JSON.stringify(value) ?? "")
        .digest("hex");

function readVerdicts(file: string, pack: string): Verdicts["stacks"] {
    try {
        const verdicts = JSON.parse(fs.readFileSync(file, "utf8")) as Verdicts;
        return verdicts.format === FORMAT && verdicts.pack === pack ? verdicts.stacks : {};
    } catch {
        return {};
    }
}

export interface PolicyEvaluationOptions {
    config: PolicyPackConfig;
    exceptions: readonly PolicyException[];
    /** Where to keep per-stack findings, with each stack's digest (PlanRun.stackDigests); `reuse: false` only replaces them. */
    cache?: { directory: string; stackDigests: Readonly<Record<string, string>>; reuse: boolean };
}

export function evaluatePlan(plan: PlanDocument, options: PolicyEvaluationOptions): PlanEvaluation & { reevaluated: number } {
    const stacks = fromPlannedStacks(plan.stacks);
    const config = { config: options.config };
    const cache = options.cache;
    if (!cache) {
        return { ...summarise([...evaluateStacks(stacks, config), ...evaluateFleetStacks(stacks, config)], options.exceptions), reevaluated: stacks.length };
    }
    const file = path.join(cache.directory, VERDICTS_FILE);
    const pack = digest([new SourceGraph().digestOf(["policies/evaluator.ts"]), options.config]);
    const known = cache.reuse ? readVerdicts(file, pack) : {};
    const verdicts: Verdicts = { format: FORMAT, pack, stacks: {} };
    let reevaluated = 0;
    const perStack = plan.stacks.flatMap((planned, index) => {
        const stackDigest = cache.stackDigests[planned.name];
        const key = stackDigest ? digest([stackDigest, planned.policyContext]) : undefined;
        const previous = known[planned.name];
        let findings: PolicyFinding[];
        if (key && previous?.key === key) findings = previous.findings;
        else {
            findings = evaluateStacks([stacks[index]], config);
            reevaluated += 1;
        }
        if (key) verdicts.stacks[planned.name] = { key, findings };
        return findings;
    });
    fs.mkdirSync(cache.directory, { recursive: true });
    fs.writeFileSync(file, JSON.stringify(verdicts));
    return { ...summarise([...perStack, ...evaluateFleetStacks(stacks, config)], options.exceptions), reevaluated };
}
