import { cfnSchema, type ResourceTypeCalls, tfProvider } from "../provider-call-kit";

const CERTIFICATE = tfProvider("internal/service/acm/certificate.go");
const CERTIFICATE_SCHEMA = cfnSchema("aws-certificatemanager-certificate.json");
const VALIDATION = tfProvider("internal/service/acm/certificate_validation.go");

export const ACM_CALLS: readonly ResourceTypeCalls[] = [
    {
        type: "aws:acm/certificate:Certificate",
        arnVariables: { CertificateId: "generated.arn|last" },
        tags: "inputs.tags",
        sources: [CERTIFICATE, CERTIFICATE_SCHEMA],
        calls: [
            { action: "acm:RequestCertificate", phases: ["create"], creates: true, sendsTags: true, source: CERTIFICATE },
            { action: "acm:AddTagsToCertificate", phases: ["create"], creates: true, sendsTags: true, source: CERTIFICATE_SCHEMA },
            { action: "acm:AddTagsToCertificate", phases: ["update"], sendsTags: true, source: CERTIFICATE },
            { action: "acm:RemoveTagsFromCertificate", phases: ["update"], source: CERTIFICATE },
            { action: "acm:DescribeCertificate", phases: ["read"], source: CERTIFICATE },
            { action: "acm:ListTagsForCertificate", phases: ["read"], source: CERTIFICATE },
            { action: "acm:DeleteCertificate", phases: ["delete"], source: CERTIFICATE },
        ],
    },
    {
        // Waits for the certificate to be issued; it calls nothing else and deletes nothing.
        type: "aws:acm/certificateValidation:CertificateValidation",
        arnVariables: { CertificateId: "inputs.certificateArn|last" },
        sources: [VALIDATION],
        calls: [{ action: "acm:DescribeCertificate", phases: ["create", "read"], source: VALIDATION }],
    },
];
