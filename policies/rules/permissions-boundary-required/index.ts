import { matchesIamGlob } from "../../../lib/iam-glob";
import { MeridianResourceRule, requireType } from "../../rule-kit";

export const permissionsBoundaryRequired: MeridianResourceRule = {
    name: "permissions-boundary-required",
    description: "Every IAM role carries a permissions boundary whose ARN matches the configured pattern.",
    remediationSteps: "Set `permissionsBoundary` to the account's boundary policy ARN (`arn:aws:iam::<account>:policy/<prefix>-boundary`).",
    enforcementLevel: "mandatory",
    context: [],
    configSchema: {
        properties: {
            boundaryArnPattern: { type: "string", default: "arn:aws:iam::*:policy/*boundary*", description: "IAM-style glob the boundary ARN must match." },
        },
    },
    validateResource: (args, report) => {
        requireType(args, ["aws:iam/role:Role"]);
        const { boundaryArnPattern } = args.getConfig<{ boundaryArnPattern: string }>();
        const boundary = args.props.permissionsBoundary;
        if (typeof boundary !== "string" || boundary === "") {
            report(`role ${args.name} has no permissions boundary`);
        } else if (!matchesIamGlob(boundaryArnPattern, boundary)) {
            report(`role ${args.name} has permissions boundary ${boundary}, which does not match ${boundaryArnPattern}`);
        }
    },
};
