import type { PolicyFinding } from "../../lib/contracts/plan-document";

/** A finding and the input file it was found in. */
export interface LocatedFinding extends PolicyFinding {
    file: string;
}

/** Name, description and remediation of a rule, as reports list them. */
export interface RuleDescription {
    name: string;
    description: string;
    remediationSteps: string;
    enforcementLevel: "advisory" | "mandatory";
}
