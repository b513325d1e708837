import { PolicyPack } from "@pulumi/policy";
import { MERIDIAN_RULES } from "./rules";

// The only place the pack is constructed: constructing it starts the analyzer server that
// `pulumi up --policy-pack policies` talks to, so nothing else may import this file.
new PolicyPack("meridian-guardrails", {
    description: "Meridian guardrails: least privilege (effective-permission escalation analysis, scoped PassRole, tight trust, boundaries) and regional resilience for AWS organisations.",
    enforcementLevel: "mandatory",
    policies: [...MERIDIAN_RULES],
});
