/**
 * Whether a `Resource` entry reaches every resource of its kind. `*`, `arn:aws:iam::*:role/*`,
 * `arn:aws:iam::*:role*` and `arn:aws:lambda:*:123456789012:function:*` are unrestricted;
 * `arn:aws:lambda:*:*:function:orders-*` and `arn:aws:ssm:*:*:parameter/orders/*` are not, because
 * a name or path is pinned.
 */
export function isUnrestrictedResource(pattern: string): boolean {
    if (pattern === "*") return true;
    const parts = pattern.split(":");
    if (parts[0] !== "arn") return /^[*?]+$/.test(pattern);
    // `*` also matches `:`, so a short ARN ending in a wildcard (`arn:aws:iam::*`) spans every field after it.
    if (parts.length < 6) return /^[*?]*\*[*?]*$/.test(parts[parts.length - 1]);
    const resourcePart = parts.slice(5).join(":");
    // S3 ARNs carry no resource-type word: `arn:aws:s3:::<bucket>/<key>`; the bucket is the name.
    if (parts[2] === "s3") return /^[*?]+(\/.*)?$/.test(resourcePart);
    // The resource type is a literal word; after it (with or without its separator), nothing but
    // wildcards means "all of them": `role/*`, `role*`, `function:*:*`.
    return /^([A-Za-z0-9_-]+[/:]?)?[*?]+([/:][*?]+)*$/.test(resourcePart);
}
