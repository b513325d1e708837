import { resource, role, RuleScenario } from "../scenario-kit";

function account(props: Record<string, unknown>, protect: boolean) {
    return resource(
        "aws:organizations/account:Account",
        "account-orders-prod",
        { name: "orders-prod", email: "o@example.com", ...props },
        { opts: { protect } },
    );
}

export const scenarios: RuleScenario[] = [
    {
        name: "passes a protected account that is not closed on deletion",
        resources: [account({}, true)],
        expect: "pass",
    },
    {
        name: "fails an unprotected account and closeOnDeletion: true",
        resources: [account({ closeOnDeletion: true }, false)],
        expect: "violation",
        messages: [
            "account account-orders-prod is not protected",
            "account account-orders-prod has closeOnDeletion: true; deleting the resource would close the account",
        ],
    },
    {
        name: "is not applicable to other types",
        resources: [role("r")],
        expect: "not-applicable",
    },
];
