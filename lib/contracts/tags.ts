/**
 * The tags every stack's AWS provider adds to everything it creates (`aws:defaultTags`). The stack
 * configs set them; the catalog validator counts them against AWS's 50-tags-per-resource limit.
 */
export function stackDefaultTags(stack: string): Record<string, string> {
    return { "meridian:stack": stack, "meridian:managed-by": "pulumi" };
}
