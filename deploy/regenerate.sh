#!/usr/bin/env bash
# Regenerates deploy/'s generated parts from their sources: the chart's copies of alerts/*.rules.yml,
# dashboards/*.json and checklists/*.yaml (which become PrometheusRules and ConfigMaps), and deploy/base, the chart
# rendered by real Helm with its default values. DeployManifestsTest fails until they are committed as made here.
set -euo pipefail
cd "$(dirname "$0")/.."
./mvnw -q -o -B test-compile
cp=$(./mvnw -q -o -B dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=/dev/stdout)
java -cp "target/test-classes:target/classes:$cp" io.smokegate.deploy.DeployManifests .
