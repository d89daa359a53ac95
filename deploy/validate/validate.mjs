// Validates Kubernetes objects against the OpenAPI schema of their kind (kubernetes-models' generated validators;
// @kubernetes-models/prometheus-operator for ServiceMonitor and PrometheusRule). Reads a multi-document YAML
// stream on stdin, prints one line per object ("ok KIND NAME" or "invalid KIND NAME: PATH MESSAGE") and exits 1
// when any object is invalid or of a kind without a schema here, which then counts as invalid.
import { parseAllDocuments } from "yaml";

const groups = {
  "v1": "kubernetes-models/v1",
  "apps/v1": "kubernetes-models/apps/v1",
  "policy/v1": "kubernetes-models/policy/v1",
  "networking.k8s.io/v1": "kubernetes-models/networking.k8s.io/v1",
  "rbac.authorization.k8s.io/v1": "kubernetes-models/rbac.authorization.k8s.io/v1",
  "coordination.k8s.io/v1": "kubernetes-models/coordination.k8s.io/v1",
  "monitoring.coreos.com/v1": "@kubernetes-models/prometheus-operator/monitoring.coreos.com/v1",
};

const input = await new Promise((resolve) => {
  let text = "";
  process.stdin.setEncoding("utf8");
  process.stdin.on("data", (chunk) => (text += chunk));
  process.stdin.on("end", () => resolve(text));
});

let failed = false;
for (const document of parseAllDocuments(input)) {
  if (document.errors.length > 0) {
    console.log(`invalid YAML: ${document.errors[0].message}`);
    failed = true;
    continue;
  }
  const object = document.toJS();
  if (object === null || object === undefined) continue;
  const what = `${object.kind} ${object.metadata?.name}`;
  const module = groups[object.apiVersion];
  let model;
  try {
    model = module && (await import(`${module}/${object.kind}`))[object.kind];
  } catch {
    model = undefined;
  }
  if (!model) {
    console.log(`invalid ${what}: no schema for ${object.apiVersion} ${object.kind}`);
    failed = true;
    continue;
  }
  try {
    new model(object).validate();
    console.log(`ok ${what}`);
  } catch (e) {
    const errors = e.errors ?? [{ instancePath: "", message: e.message }];
    for (const error of errors) {
      console.log(`invalid ${what}: ${error.instancePath || "/"} ${error.message}`);
    }
    failed = true;
  }
}
process.exit(failed ? 1 : 0);
