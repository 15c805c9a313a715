#!/usr/bin/env python3
"""moto_server 5.2.x with small fixes, each named below; `make moto` and `make e2e` run it.

Same arguments as moto_server (-H 127.0.0.1 -p PORT). Fixes 1-4 are moto bugs: each makes moto do what AWS does for
a call the programs make. Without them `pulumi up -s local` crashes moto, a second `pulumi preview` proposes
changes AWS would not, and `pulumi destroy` cannot finish. Fix 5 fills a gap: moto has no API Gateway client
certificates, which every secured API presents to its backends by default (the examples cannot leave it out, as the
local stack could); it is a small in-memory store that answers as the API reference says, with a real self-signed
certificate.

1. apigateway-openapi-mock: PutRestApi (an OpenAPI import) with a MOCK integration, which has no `uri` and no
   `httpMethod`, calls put_integration without them and fails with a TypeError (HTTP 500). AWS accepts it.
2. lambda-kms-logging: CreateFunction and UpdateFunctionConfiguration drop `KMSKeyArn` and `LoggingConfig`, so
   GetFunction never returns them and every preview proposes to set them again. AWS stores both.
3. cognito-delete-resource-server: DeleteResourceServer is missing (HTTP 500), so a stack with a resource server
   cannot be destroyed. AWS deletes it.
4. apigateway-usage-plan-stage-removal: UpdateUsagePlan `remove /apiStages` compares the whole stored entry,
   throttle included, so removing a stage that has per-method throttles raises ValueError (HTTP 500). AWS removes
   the stage by its `apiId:stage`.
5. apigateway-client-certificates: GenerateClientCertificate answers 404 (moto has none), and UpdateStage drops
   `clientCertificateId`. Here: Generate, Get, GetAll, Update (description), Delete, and stages keep the id.
"""
import datetime
import json
import secrets
import sys

import moto.apigateway.models as apigateway
import moto.apigateway.responses as apigateway_responses
import moto.apigateway.urls as apigateway_urls
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID
from moto.apigateway.exceptions import NotFoundException
import moto.awslambda.models as awslambda
from moto.cognitoidp.exceptions import ResourceNotFoundError
import moto.cognitoidp.responses as cognito
from moto.core.responses import EmptyResult
from moto.server import main

FIXES = ("apigateway-openapi-mock", "lambda-kms-logging", "cognito-delete-resource-server",
         "apigateway-usage-plan-stage-removal", "apigateway-client-certificates")

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

# 5. apigateway-client-certificates


def _certificates(backend):
    if not hasattr(backend, "fixes_client_certificates"):
        backend.fixes_client_certificates = {}
    return backend.fixes_client_certificates


def _pem(common_name):
    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, common_name)])
    now = datetime.datetime.now(datetime.timezone.utc)
    cert = (x509.CertificateBuilder().subject_name(name).issuer_name(name).public_key(key.public_key())
            .serial_number(x509.random_serial_number()).not_valid_before(now)
            .not_valid_after(now + datetime.timedelta(days=365)).sign(key, hashes.SHA256()))
    return cert.public_bytes(serialization.Encoding.PEM).decode()


def _certificate(self):
    cert_id = self.path.rstrip("/").split("/")[-1]
    cert = _certificates(self.backend).get(cert_id)
    if cert is None:
        raise NotFoundException("Invalid Client Certificate identifier specified")
    return cert


def generate_client_certificate(self):
    body = json.loads(self.body or "{}")
    cert_id = secrets.token_hex(3)
    now = int(datetime.datetime.now(datetime.timezone.utc).timestamp())
    cert = {"clientCertificateId": cert_id, "description": body.get("description", ""),
            "pemEncodedCertificate": _pem("client-certificate-" + cert_id), "createdDate": now,
            "expirationDate": now + 365 * 86400, "tags": body.get("tags") or {}}
    _certificates(self.backend)[cert_id] = cert
    return 201, {"status": 201}, json.dumps(cert)


def get_client_certificate(self):
    return json.dumps(_certificate(self))


def get_client_certificates(self):
    return json.dumps({"item": list(_certificates(self.backend).values())})


def update_client_certificate(self):
    cert = _certificate(self)
    for op in json.loads(self.body or "{}").get("patchOperations", []):
        if op.get("op") == "replace" and op.get("path") == "/description":
            cert["description"] = op.get("value", "")
    return json.dumps(cert)


def delete_client_certificate(self):
    cert = _certificate(self)
    del _certificates(self.backend)[cert["clientCertificateId"]]
    return 202, {"status": 202}, "{}"


for _handler in (generate_client_certificate, get_client_certificate, get_client_certificates,
                 update_client_certificate, delete_client_certificate):
    setattr(apigateway_responses.APIGatewayResponse, _handler.__name__, _handler)
apigateway_urls.url_paths["{0}/clientcertificates$"] = apigateway_responses.APIGatewayResponse.dispatch
apigateway_urls.url_paths["{0}/clientcertificates/(?P<clientcertificate_id>[^/]+)/?$"] = \
    apigateway_responses.APIGatewayResponse.dispatch

_stage_apply_operations, _stage_to_json = apigateway.Stage.apply_operations, apigateway.Stage.to_json


def stage_apply_operations(self, patch_operations):
    rest = []
    for op in patch_operations:
        if op.get("path") == "/clientCertificateId":
            self.fixes_client_certificate_id = op.get("value") if op.get("op") != "remove" else None
        else:
            rest.append(op)
    return _stage_apply_operations(self, rest)


def stage_to_json(self):
    out = _stage_to_json(self)
    if getattr(self, "fixes_client_certificate_id", None):
        out["clientCertificateId"] = self.fixes_client_certificate_id
    return out


apigateway.Stage.apply_operations, apigateway.Stage.to_json = stage_apply_operations, stage_to_json

if __name__ == "__main__":
    if sys.argv[1:] == ["--list-fixes"]:
        print("\n".join(FIXES))
        sys.exit(0)
    main(sys.argv[1:])
