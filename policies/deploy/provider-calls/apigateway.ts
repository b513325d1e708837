import { cfnSchema, type ProviderCall, type ResourceTypeCalls, tfProvider } from "../provider-call-kit";

/**
 * API Gateway authorises its REST API by HTTP verb on the path of the thing acted on
 * (`apigateway:POST` on `/restapis`, `apigateway:PATCH` on `/restapis/<id>/stages/<name>`); tags
 * are written with PUT and DELETE on `/tags/<url-encoded ARN>`.
 */
const REST_API = tfProvider("internal/service/apigateway/rest_api.go");
const RESOURCE = tfProvider("internal/service/apigateway/resource.go");
const METHOD = tfProvider("internal/service/apigateway/method.go");
const INTEGRATION = tfProvider("internal/service/apigateway/integration.go");
const DEPLOYMENT = tfProvider("internal/service/apigateway/deployment.go");
const STAGE = tfProvider("internal/service/apigateway/stage.go");
const METHOD_SETTINGS = tfProvider("internal/service/apigateway/method_settings.go");
const DOMAIN_NAME = tfProvider("internal/service/apigateway/domain_name.go");
const BASE_PATH_MAPPING = tfProvider("internal/service/apigateway/base_path_mapping.go");
const METHOD_RESPONSE = tfProvider("internal/service/apigateway/method_response.go");
const INTEGRATION_RESPONSE = tfProvider("internal/service/apigateway/integration_response.go");
const REST_API_POLICY = tfProvider("internal/service/apigateway/rest_api_policy.go");
/** A REST API's resource policy is written by patching the API, which API Gateway also authorises as UpdateRestApiPolicy. */
const REST_API_SCHEMA = cfnSchema("aws-apigateway-restapi.json");

/** Tag updates of a taggable API Gateway resource, whose ARN is `outputs.arn`. */
function tagUpdates(source: string): ProviderCall[] {
    return [
        { action: "apigateway:PUT", phases: ["update"], sendsTags: true, resourceTypes: ["tags"], source },
        { action: "apigateway:DELETE", phases: ["update"], resourceTypes: ["tags"], source },
    ];
}

export const APIGATEWAY_CALLS: readonly ResourceTypeCalls[] = [
    {
        type: "aws:apigateway/restApi:RestApi",
        arnVariables: { RestApiId: "generated.arn|last", UrlEncodedResourceARN: "generated.arn|urlEncode" },
        tags: "inputs.tags",
        sources: [REST_API, REST_API_SCHEMA],
        calls: [
            { action: "apigateway:POST", phases: ["create"], creates: true, sendsTags: true, resourceTypes: ["restapis"], source: REST_API },
            { action: "apigateway:PUT", phases: ["create", "update"], when: { input: "body" }, resourceTypes: ["restapi"], source: REST_API },
            { action: "apigateway:PATCH", phases: ["create", "update"], resourceTypes: ["restapi"], source: REST_API },
            ...tagUpdates(REST_API),
            { action: "apigateway:GET", phases: ["read"], resourceTypes: ["restapi"], source: REST_API },
            { action: "apigateway:GET", phases: ["read"], resourceTypes: ["resources"], source: REST_API },
            { action: "apigateway:DELETE", phases: ["delete"], resourceTypes: ["restapi"], source: REST_API },
        ],
    },
    {
        type: "aws:apigateway/resource:Resource",
        arnVariables: { RestApiId: "inputs.restApi|last", ResourceId: "generated.id" },
        sources: [RESOURCE, cfnSchema("aws-apigateway-resource.json")],
        calls: [
            { action: "apigateway:POST", phases: ["create"], creates: true, resourceTypes: ["resources"], source: RESOURCE },
            { action: "apigateway:PATCH", phases: ["update"], resourceTypes: ["resource"], source: RESOURCE },
            { action: "apigateway:GET", phases: ["read"], resourceTypes: ["resource"], source: RESOURCE },
            { action: "apigateway:DELETE", phases: ["delete"], resourceTypes: ["resource"], source: RESOURCE },
        ],
    },
    {
        type: "aws:apigateway/method:Method",
        arnVariables: { RestApiId: "inputs.restApi|last", ResourceId: "inputs.resourceId", HttpMethodType: "inputs.httpMethod" },
        sources: [METHOD, cfnSchema("aws-apigateway-method.json")],
        calls: [
            { action: "apigateway:PUT", phases: ["create"], resourceTypes: ["method"], source: METHOD },
            { action: "apigateway:PATCH", phases: ["update"], resourceTypes: ["method"], source: METHOD },
            { action: "apigateway:GET", phases: ["read"], resourceTypes: ["method"], source: METHOD },
            { action: "apigateway:DELETE", phases: ["delete"], resourceTypes: ["method"], source: METHOD },
        ],
    },
    {
        type: "aws:apigateway/integration:Integration",
        arnVariables: { RestApiId: "inputs.restApi|last", ResourceId: "inputs.resourceId", HttpMethodType: "inputs.httpMethod" },
        sources: [INTEGRATION],
        calls: [
            { action: "apigateway:PUT", phases: ["create"], resourceTypes: ["integration"], source: INTEGRATION },
            { action: "apigateway:PATCH", phases: ["update"], resourceTypes: ["integration"], source: INTEGRATION },
            { action: "apigateway:GET", phases: ["read"], resourceTypes: ["integration"], source: INTEGRATION },
            { action: "apigateway:DELETE", phases: ["delete"], resourceTypes: ["integration"], source: INTEGRATION },
        ],
    },
    {
        type: "aws:apigateway/methodResponse:MethodResponse",
        arnVariables: {
            RestApiId: "inputs.restApi|last",
            ResourceId: "inputs.resourceId",
            HttpMethodType: "inputs.httpMethod",
            StatusCode: "inputs.statusCode",
        },
        sources: [METHOD_RESPONSE],
        calls: [
            { action: "apigateway:PUT", phases: ["create"], resourceTypes: ["methodresponse"], source: METHOD_RESPONSE },
            { action: "apigateway:PATCH", phases: ["update"], resourceTypes: ["methodresponse"], source: METHOD_RESPONSE },
            { action: "apigateway:GET", phases: ["read"], resourceTypes: ["methodresponse"], source: METHOD_RESPONSE },
            { action: "apigateway:DELETE", phases: ["delete"], resourceTypes: ["methodresponse"], source: METHOD_RESPONSE },
        ],
    },
    {
        type: "aws:apigateway/integrationResponse:IntegrationResponse",
        arnVariables: {
            RestApiId: "inputs.restApi|last",
            ResourceId: "inputs.resourceId",
            HttpMethodType: "inputs.httpMethod",
            StatusCode: "inputs.statusCode",
        },
        sources: [INTEGRATION_RESPONSE],
        calls: [
            { action: "apigateway:PUT", phases: ["create"], resourceTypes: ["integrationresponse"], source: INTEGRATION_RESPONSE },
            { action: "apigateway:PATCH", phases: ["update"], resourceTypes: ["integrationresponse"], source: INTEGRATION_RESPONSE },
            { action: "apigateway:GET", phases: ["read"], resourceTypes: ["integrationresponse"], source: INTEGRATION_RESPONSE },
            { action: "apigateway:DELETE", phases: ["delete"], resourceTypes: ["integrationresponse"], source: INTEGRATION_RESPONSE },
        ],
    },
    {
        // Set, replaced and removed by patching the REST API's policy.
        type: "aws:apigateway/restApiPolicy:RestApiPolicy",
        arnVariables: { RestApiId: "inputs.restApiId|last" },
        sources: [REST_API_POLICY, REST_API_SCHEMA],
        calls: [
            { action: "apigateway:PATCH", phases: ["create", "update", "delete"], resourceTypes: ["restapi"], source: REST_API_POLICY },
            { action: "apigateway:UpdateRestApiPolicy", phases: ["create", "update", "delete"], resourceTypes: ["restapi"], source: REST_API_SCHEMA },
            { action: "apigateway:GET", phases: ["read"], resourceTypes: ["restapi"], source: REST_API_POLICY },
        ],
    },
    {
        type: "aws:apigateway/deployment:Deployment",
        arnVariables: { RestApiId: "inputs.restApi|last", DeploymentId: "generated.id" },
        sources: [DEPLOYMENT, cfnSchema("aws-apigateway-deployment.json")],
        calls: [
            { action: "apigateway:POST", phases: ["create"], creates: true, resourceTypes: ["deployments"], source: DEPLOYMENT },
            { action: "apigateway:PATCH", phases: ["update"], resourceTypes: ["deployment"], source: DEPLOYMENT },
            { action: "apigateway:GET", phases: ["read"], resourceTypes: ["deployment"], source: DEPLOYMENT },
            // A deployment still used by a stage cannot be deleted: the provider lists the API's stages first.
            { action: "apigateway:GET", phases: ["delete"], resourceTypes: ["stages"], source: DEPLOYMENT },
            { action: "apigateway:DELETE", phases: ["delete"], resourceTypes: ["deployment"], source: DEPLOYMENT },
        ],
    },
    {
        type: "aws:apigateway/stage:Stage",
        arnVariables: { RestApiId: "inputs.restApi|last", StageName: "inputs.stageName", UrlEncodedResourceARN: "outputs.arn|urlEncode" },
        tags: "inputs.tags",
        sources: [STAGE, cfnSchema("aws-apigateway-stage.json")],
        calls: [
            { action: "apigateway:POST", phases: ["create"], creates: true, sendsTags: true, resourceTypes: ["stages"], source: STAGE },
            { action: "apigateway:PATCH", phases: ["update"], resourceTypes: ["stage"], source: STAGE },
            ...tagUpdates(STAGE),
            { action: "apigateway:GET", phases: ["read"], resourceTypes: ["stage"], source: STAGE },
            { action: "apigateway:DELETE", phases: ["delete"], resourceTypes: ["stage"], source: STAGE },
        ],
    },
    {
        // Method settings are a stage's settings: written and cleared by patching the stage.
        type: "aws:apigateway/methodSettings:MethodSettings",
        arnVariables: { RestApiId: "inputs.restApi|last", StageName: "inputs.stageName" },
        sources: [METHOD_SETTINGS],
        calls: [
            { action: "apigateway:PATCH", phases: ["create", "update", "delete"], resourceTypes: ["stage"], source: METHOD_SETTINGS },
            { action: "apigateway:GET", phases: ["read"], resourceTypes: ["stage"], source: METHOD_SETTINGS },
        ],
    },
    {
        type: "aws:apigateway/domainName:DomainName",
        arnVariables: { DomainName: "inputs.domainName", UrlEncodedResourceARN: "outputs.arn|urlEncode" },
        tags: "inputs.tags",
        sources: [DOMAIN_NAME, cfnSchema("aws-apigateway-domainname.json")],
        calls: [
            { action: "apigateway:POST", phases: ["create"], creates: true, sendsTags: true, resourceTypes: ["domainnames"], source: DOMAIN_NAME },
            { action: "apigateway:PATCH", phases: ["update"], resourceTypes: ["domainname"], source: DOMAIN_NAME },
            ...tagUpdates(DOMAIN_NAME),
            { action: "apigateway:GET", phases: ["read"], resourceTypes: ["domainname"], source: DOMAIN_NAME },
            { action: "apigateway:DELETE", phases: ["delete"], resourceTypes: ["domainname"], source: DOMAIN_NAME },
        ],
    },
    {
        // A mapping without a base path is addressed as `(none)`.
        type: "aws:apigateway/basePathMapping:BasePathMapping",
        arnVariables: { DomainName: "inputs.domainName", BasePath: "inputs.basePath|default:(none)" },
        sources: [BASE_PATH_MAPPING, cfnSchema("aws-apigateway-basepathmapping.json")],
        calls: [
            { action: "apigateway:POST", phases: ["create"], resourceTypes: ["basepathmappings"], source: BASE_PATH_MAPPING },
            { action: "apigateway:PATCH", phases: ["update"], resourceTypes: ["basepathmapping"], source: BASE_PATH_MAPPING },
            { action: "apigateway:GET", phases: ["read"], resourceTypes: ["basepathmapping"], source: BASE_PATH_MAPPING },
            { action: "apigateway:DELETE", phases: ["delete"], resourceTypes: ["basepathmapping"], source: BASE_PATH_MAPPING },
        ],
    },
];
