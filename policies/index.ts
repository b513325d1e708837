import { PolicyPack, ResourceValidationArgs, StackValidationArgs } from "@pulumi/policy";
import { schemaDefaults } from "./config-defaults";
import { loadActionCatalog } from "./iam/action-catalog";
import { isResourceRule, MeridianRule } from "./rule-kit";
import { MERIDIAN_RULES } from "./rules";

/**
 * Lays the schema defaults under whatever config the engine passes, so every rule sees a complete
 * config even from a Pulumi CLI or a Pulumi Cloud policy group that leaves defaults out.
 */
function withDefaults<A extends ResourceValidationArgs | StackValidationArgs>(rule: MeridianRule, args: A): A {
    const defaults = schemaDefaults(rule.configSchema);
    const getConfig = args.getConfig.bind(args);
    return Object.assign(Object.create(args) as A, { getConfig: <T extends object>() => ({ ...defaults, ...getConfig<T>() }) as T });
}

// The rules read the IAM action catalog synchronously; the engine awaits each validation, so the
// first one loads it.
const policies = MERIDIAN_RULES.map((rule) =>
    isResourceRule(rule)
        ? {
              ...rule,
              validateResource: async (args: ResourceValidationArgs, report: Parameters<typeof rule.validateResource>[1]) => {
                  await loadActionCatalog();
                  rule.validateResource(withDefaults(rule, args), report);
              },
          }
        : {
              ...rule,
              validateStack: async (args: StackValidationArgs, report: Parameters<typeof rule.validateStack>[1]) => {
                  await loadActionCatalog();
                  await rule.validateStack(withDefaults(rule, args), report);
              },
          },
);

// The only place the pack is constructed: constructing it starts the analyzer server that
// `pulumi up --policy-pack policies` talks to, so nothing else may import this file.
new PolicyPack("meridian-guardrails", {
    description:
        "Meridian guardrails: least privilege (effective-permission escalation analysis, scoped PassRole, tight trust, boundaries) and regional resilience for AWS organisations.",
    enforcementLevel: "mandatory",
    policies,
});
