import { createHash } from "node:crypto";
import * as pulumi from "@pulumi/pulumi";

/**
 * What a REST API deployment is a snapshot of, as one string for its `triggers`. A deployment
 * never follows later changes to the API's methods, integrations or resource policy (a policy
 * takes effect only when deployed), so any change to them, in-place updates that keep their ids
 * included, must replace it. Long values (policies) are hashed to keep the trigger short.
 */
export function deploymentSnapshot(parts: Record<string, pulumi.Input<string | number | undefined>>): pulumi.Output<string> {
    const keys = Object.keys(parts);
    return pulumi.all(keys.map((key) => parts[key])).apply((values) =>
        JSON.stringify(
            Object.fromEntries(
                keys.map((key, index) => {
                    const value = values[index];
                    return [key, typeof value === "string" && value.length > 200 ? `sha256:${createHash("sha256").update(value).digest("hex")}` : value];
                }),
            ),
        ),
    );
}
