import { ESCALATION_METHODS, type EscalationKind } from "../../policies/iam/escalation-methods";
import { escalationMethodsMarkdown } from "../../policies/iam/escalation-table-markdown";
import { type GeneratedPage, table } from "./generated-page";

const KIND_MEANING: Record<EscalationKind, string> = {
    "self-escalation": "the principal changes its own permissions (a policy on itself, its groups or its boundary)",
    "principal-access": "the principal acts as another principal (keys, passwords, trust, assuming a role)",
    "new-passrole": "the principal hands an existing role to a new compute resource it controls (needs iam:PassRole)",
    "existing-passrole": "the principal takes over a resource that already runs as a role (no iam:PassRole needed)",
};

/** The escalation methods `no-privilege-escalation` and `boundary-blocks-escalation` look for, from their data table. */
export const escalationReferencePage: GeneratedPage = {
    path: "docs/reference/escalation-methods.md",
    source: "the escalation methods' data table (policies/iam/escalation-methods.ts)",
    render: () => {
        const kinds = Object.keys(KIND_MEANING) as EscalationKind[];
        return [
            "# Privilege-escalation methods",
            "",
            `The rules [no-privilege-escalation](rules.md#no-privilege-escalation) and [boundary-blocks-escalation](rules.md#boundary-blocks-escalation) look for these ${ESCALATION_METHODS.length} methods. A method is reached when every one of its actions is allowed, on resources the principal does not own alone or on itself, after denies, boundaries and conditions. Each row cites its upstream catalogs.`,
            "",
            table(
                ["kind", "methods", "meaning"],
                kinds.map((kind) => [`\`${kind}\``, String(ESCALATION_METHODS.filter((method) => method.kind === kind).length), KIND_MEANING[kind]]),
            ),
            "",
            escalationMethodsMarkdown(),
        ].join("\n");
    },
};
