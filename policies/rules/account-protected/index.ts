import { MeridianResourceRule, requireType } from "../../rule-kit";

export const accountProtected: MeridianResourceRule = {
    name: "account-protected",
    description: "Organization member accounts are protected and never closed on deletion: a code change must not close an account.",
    remediationSteps: "Set the `protect: true` resource option (and `retainOnDelete: true`) and leave `closeOnDeletion` unset or false.",
    enforcementLevel: "mandatory",
    context: [],
    configSchema: { properties: {} },
    validateResource: (args, report) => {
        requireType(args, ["aws:organizations/account:Account"]);
        if (!args.opts.protect) report(`account ${args.name} is not protected`);
        if (args.props.closeOnDeletion === true) report(`account ${args.name} has closeOnDeletion: true; deleting the resource would close the account`);
    },
};
