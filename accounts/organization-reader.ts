import {
    DescribeOrganizationCommand,
    DescribePolicyCommand,
    OrganizationsClient,
    paginateListAccounts,
    paginateListChildren,
    paginateListOrganizationalUnitsForParent,
    paginateListPolicies,
    paginateListRoots,
    paginateListTagsForResource,
    paginateListTargetsForPolicy,
} from "@aws-sdk/client-organizations";
import type { LiveAccount, LiveOrganization, LiveOrganizationalUnit, LiveServiceControlPolicy, PolicyTargetType, Tags } from "./live-organization";

/**
 * Reads the live organisation into a LiveOrganization snapshot. Read-only: it calls only
 * Describe* and List* operations, through the SDK's paginators so that no page is missed.
 * Calls are sequential on purpose: Organizations throttles hard, and the client's adaptive retry
 * handles the throttling that remains.
 */
export async function readLiveOrganization(client: OrganizationsClient): Promise<LiveOrganization> {
    const description = await client.send(new DescribeOrganizationCommand({}));
    const managementAccountId = required(description.Organization?.MasterAccountId, "DescribeOrganization: MasterAccountId");
    const roots = await collect(paginateListRoots({ client }, {}), (page) => page.Roots ?? []);
    const rootId = required(roots[0]?.Id, "ListRoots: Id");

    const organizationalUnits: LiveOrganizationalUnit[] = [];
    const parents: Array<{ id: string; path: string }> = [{ id: rootId, path: "" }];
    for (let index = 0; index < parents.length; index += 1) {
        const parent = parents[index];
        const children = await collect(paginateListOrganizationalUnitsForParent({ client }, { ParentId: parent.id }), (page) => page.OrganizationalUnits ?? []);
        for (const child of children) {
            const id = required(child.Id, "ListOrganizationalUnitsForParent: Id");
            const name = required(child.Name, "ListOrganizationalUnitsForParent: Name");
            const path = parent.path ? `${parent.path}/${name}` : name;
            organizationalUnits.push({ id, name, path, parentId: parent.id, tags: await readTags(client, id) });
            parents.push({ id, path });
        }
    }

    const parentOfAccount = new Map<string, string>();
    for (const parent of parents) {
        const children = await collect(paginateListChildren({ client }, { ParentId: parent.id, ChildType: "ACCOUNT" }), (page) => page.Children ?? []);
        for (const child of children) if (child.Id) parentOfAccount.set(child.Id, parent.id);
    }
    const accounts: LiveAccount[] = [];
    for (const account of await collect(paginateListAccounts({ client }, {}), (page) => page.Accounts ?? [])) {
        const id = required(account.Id, "ListAccounts: Id");
        accounts.push({
            id,
            name: account.Name ?? "",
            email: account.Email ?? "",
            state: account.State ?? account.Status ?? "UNKNOWN",
            ...(account.JoinedMethod ? { joinedMethod: account.JoinedMethod } : {}),
            parentId: parentOfAccount.get(id) ?? rootId,
            tags: await readTags(client, id),
        });
    }

    const serviceControlPolicies: LiveServiceControlPolicy[] = [];
    for (const summary of await collect(paginateListPolicies({ client }, { Filter: "SERVICE_CONTROL_POLICY" }), (page) => page.Policies ?? [])) {
        const id = required(summary.Id, "ListPolicies: Id");
        const policy = await client.send(new DescribePolicyCommand({ PolicyId: id }));
        const targets = await collect(paginateListTargetsForPolicy({ client }, { PolicyId: id }), (page) => page.Targets ?? []);
        serviceControlPolicies.push({
            id,
            name: summary.Name ?? id,
            description: summary.Description ?? "",
            awsManaged: summary.AwsManaged ?? false,
            document: parseDocument(policy.Policy?.Content ?? ""),
            targets: targets.map((target) => ({
                targetId: required(target.TargetId, "ListTargetsForPolicy: TargetId"),
                type: (target.Type ?? "ACCOUNT") as PolicyTargetType,
                name: target.Name ?? "",
            })),
        });
    }

    return { managementAccountId, rootId, organizationalUnits, accounts, serviceControlPolicies };
}

async function readTags(client: OrganizationsClient, resourceId: string): Promise<Tags> {
    const tags = await collect(paginateListTagsForResource({ client }, { ResourceId: resourceId }), (page) => page.Tags ?? []);
    return Object.fromEntries(tags.map((tag) => [tag.Key ?? "", tag.Value ?? ""]));
}

async function collect<Page, Item>(pages: AsyncIterable<Page>, items: (page: Page) => Item[]): Promise<Item[]> {
    const all: Item[] = [];
    for await (const page of pages) all.push(...items(page));
    return all;
}

function parseDocument(content: string): unknown {
    try {
        return JSON.parse(content);
    } catch {
        return content;
    }
}

function required<T>(value: T | undefined, what: string): T {
    if (value === undefined) throw new Error(`AWS Organizations returned no ${what}`);
    return value;
}
