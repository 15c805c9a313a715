#!/usr/bin/env python3
"""moto_server 5.2.x with four small fixes for its bugs, each named below; `make moto` and `make e2e` run it.

Same arguments as moto_server (-H 127.0.0.1 -p PORT). Each fix makes moto do what AWS does for a call the local
stack makes; none adds a service moto lacks (those the local stack leaves out: Pulumi.local.yaml says which).
Without them `pulumi up -s local` crashes moto, a second `pulumi preview` proposes changes AWS would not, and
`pulumi destroy` cannot finish.

1. apigateway-openapi-mock: PutRestApi (an OpenAPI import) with a MOCK integration, which has no `uri` and no
   `httpMethod`, calls put_integration without them and fails with a TypeError (HTTP 500). AWS accepts it.
2. lambda-kms-logging: CreateFunction and UpdateFunctionConfiguration drop `KMSKeyArn` and `LoggingConfig`, so
   GetFunction never returns them and every preview proposes to set them again. AWS stores both.
3. cognito-delete-resource-server: DeleteResourceServer is missing (HTTP 500), so a stack with a resource server
   cannot be destroyed. AWS deletes it.
4. apigateway-usage-plan-stage-removal: UpdateUsagePlan `remove /apiStages` compares the whole stored entry,
   throttle included, so removing a stage that has per-method throttles raises ValueError (HTTP 500). AWS removes
   the stage by its `apiId:stage`.
"""
import sys

import moto.apigateway.models as apigateway
import moto.awslambda.models as awslambda
from moto.cognitoidp.exceptions import ResourceNotFoundError
import moto.cognitoidp.responses as cognito
from moto.core.responses import EmptyResult
from moto.server import main

FIXES = ("apigateway-openapi-mock", "lambda-kms-logging", "cognito-delete-resource-server",
         "apigateway-usage-plan-stage-removal")

# 1. apigateway-openapi-mock
_put_integration = apigateway.APIGatewayBackend.put_integration


def put_integration(self, function_id, resource_id, method_type, integration_type, uri=None,
                    integration_method=None, *args, **kwargs):
    return _put_integration(self, function_id, resource_id, method_type, integration_type, uri,
                            integration_method, *args, **kwargs)


apigateway.APIGatewayBackend.put_integration = put_integration

# 2. lambda-kms-logging
_STORED = ("KMSKeyArn", "LoggingConfig")
_function_init = awslambda.LambdaFunction.__init__
_get_configuration = awslambda.LambdaFunction.get_configuration
_update_configuration = awslambda.LambdaFunction.update_configuration


def function_init(self, account_id, spec, region, version=1):
    _function_init(self, account_id, spec, region, version)
    self.fixes_stored = {k: spec[k] for k in _STORED if spec.get(k)}


def get_configuration(self, *args, **kwargs):
    config = _get_configuration(self, *args, **kwargs)
    config.update(getattr(self, "fixes_stored", {}))
    return config


def update_configuration(self, config_updates):
    stored = getattr(self, "fixes_stored", {})
    for k in _STORED:
        if k in config_updates:
            if config_updates[k]:
                stored[k] = config_updates[k]
            else:  # an empty KMSKeyArn returns the function to the AWS-managed key
                stored.pop(k, None)
    self.fixes_stored = stored
    return _update_configuration(self, config_updates)


awslambda.LambdaFunction.__init__ = function_init
awslambda.LambdaFunction.get_configuration = get_configuration
awslambda.LambdaFunction.update_configuration = update_configuration


# 3. cognito-delete-resource-server
def delete_resource_server(self):
    pool = self.backend.describe_user_pool(self._get_param("UserPoolId"))
    identifier = self._get_param("Identifier")
    if identifier not in pool.resource_servers:
        raise ResourceNotFoundError(identifier)
    del pool.resource_servers[identifier]
    return EmptyResult()


cognito.CognitoIdpResponse.delete_resource_server = delete_resource_server

# 4. apigateway-usage-plan-stage-removal
_apply_patch_operations = apigateway.UsagePlan.apply_patch_operations


def apply_patch_operations(self, patch_operations):
    rest = []
    for op in patch_operations:
        if op["op"] == "remove" and op["path"] == "/apiStages":
            api_id, stage = op["value"].split(":")[:2]
            self.api_stages = [s for s in self.api_stages if (s.get("apiId"), s.get("stage")) != (api_id, stage)]
        else:
            rest.append(op)
    return _apply_patch_operations(self, rest)


apigateway.UsagePlan.apply_patch_operations = apply_patch_operations

if __name__ == "__main__":
    if sys.argv[1:] == ["--list-fixes"]:
        print("\n".join(FIXES))
        sys.exit(0)
    main(sys.argv[1:])
