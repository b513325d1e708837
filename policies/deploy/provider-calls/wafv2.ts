import { cfnSchema, type ResourceTypeCalls, tfProvider } from "../provider-call-kit";

const WEB_ACL = tfProvider("internal/service/wafv2/web_acl.go");
const WEB_ACL_SCHEMA = cfnSchema("aws-wafv2-webacl.json");
const IP_SET = tfProvider("internal/service/wafv2/ip_set.go");
const IP_SET_SCHEMA = cfnSchema("aws-wafv2-ipset.json");
const ASSOCIATION = tfProvider("internal/service/wafv2/web_acl_association.go");
/** Associating a web ACL with an API Gateway stage is also authorised as apigateway:SetWebACL on the stage. */
const ASSOCIATION_SCHEMA = cfnSchema("aws-wafv2-webaclassociation.json");

/** WAF ARNs: `<scope>/<kind>/<name>/<id>`, the scope lower-cased and the id assigned by AWS. */
const NAMED = { Scope: "inputs.scope|lower", Name: "inputs.name", Id: "generated.arn|last" };

export const WAFV2_CALLS: readonly ResourceTypeCalls[] = [
    {
        type: "aws:wafv2/webAcl:WebAcl",
        arnVariables: NAMED,
        tags: "inputs.tags",
        sources: [WEB_ACL, WEB_ACL_SCHEMA],
        calls: [
            { action: "wafv2:CreateWebACL", phases: ["create"], creates: true, sendsTags: true, source: WEB_ACL },
            { action: "wafv2:TagResource", phases: ["create"], creates: true, sendsTags: true, resourceTypes: ["webacl"], source: WEB_ACL_SCHEMA },
            { action: "wafv2:UpdateWebACL", phases: ["update"], source: WEB_ACL },
            { action: "wafv2:TagResource", phases: ["update"], sendsTags: true, resourceTypes: ["webacl"], source: WEB_ACL },
            { action: "wafv2:UntagResource", phases: ["update"], resourceTypes: ["webacl"], source: WEB_ACL },
            { action: "wafv2:GetWebACL", phases: ["read", "delete"], source: WEB_ACL },
            { action: "wafv2:ListTagsForResource", phases: ["read"], resourceTypes: ["webacl"], source: WEB_ACL },
            { action: "wafv2:DeleteWebACL", phases: ["delete"], source: WEB_ACL },
        ],
    },
    {
        type: "aws:wafv2/ipSet:IpSet",
        arnVariables: NAMED,
        tags: "inputs.tags",
        sources: [IP_SET, IP_SET_SCHEMA],
        calls: [
            { action: "wafv2:CreateIPSet", phases: ["create"], creates: true, sendsTags: true, source: IP_SET },
            { action: "wafv2:TagResource", phases: ["create"], creates: true, sendsTags: true, resourceTypes: ["ipset"], source: IP_SET_SCHEMA },
            { action: "wafv2:UpdateIPSet", phases: ["update"], source: IP_SET },
            { action: "wafv2:TagResource", phases: ["update"], sendsTags: true, resourceTypes: ["ipset"], source: IP_SET },
            { action: "wafv2:UntagResource", phases: ["update"], resourceTypes: ["ipset"], source: IP_SET },
            { action: "wafv2:GetIPSet", phases: ["read", "delete"], source: IP_SET },
            { action: "wafv2:ListTagsForResource", phases: ["read"], resourceTypes: ["ipset"], source: IP_SET },
            { action: "wafv2:DeleteIPSet", phases: ["delete"], source: IP_SET },
        ],
    },
    {
        type: "aws:wafv2/webAclAssociation:WebAclAssociation",
        arnVariables: {},
        arns: { webacl: "inputs.webAclArn", apigateway: "inputs.resourceArn", stage: "inputs.resourceArn" },
        sources: [ASSOCIATION, ASSOCIATION_SCHEMA],
        calls: [
            { action: "wafv2:AssociateWebACL", phases: ["create"], resourceTypes: ["webacl", "apigateway"], source: ASSOCIATION },
            { action: "apigateway:SetWebACL", phases: ["create", "delete"], resourceTypes: ["stage"], source: ASSOCIATION_SCHEMA },
            { action: "wafv2:GetWebACLForResource", phases: ["read"], resourceTypes: ["webacl", "apigateway"], source: ASSOCIATION },
            { action: "wafv2:DisassociateWebACL", phases: ["delete"], resourceTypes: ["apigateway"], source: ASSOCIATION },
        ],
    },
];
