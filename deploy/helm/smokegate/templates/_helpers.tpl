{{/* The name of every object: the release name, or RELEASE-smokegate when the release name lacks "smokegate". */}}
{{- define "smokegate.fullname" -}}
{{- if contains .Chart.Name .Release.Name -}}
{{- .Release.Name | trunc 63 | trimSuffix "-" -}}
{{- else -}}
{{- printf "%s-%s" .Release.Name .Chart.Name | trunc 63 | trimSuffix "-" -}}
{{- end -}}
{{- end -}}

{{/* Pods are selected by these; they never change across upgrades. */}}
{{- define "smokegate.selectorLabels" -}}
app.kubernetes.io/name: {{ .Chart.Name }}
app.kubernetes.io/instance: {{ .Release.Name }}
{{- end -}}

{{/* No managed-by or chart label: the Kustomize base is this chart's output and is not managed by Helm. */}}
{{- define "smokegate.labels" -}}
{{ include "smokegate.selectorLabels" . }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/part-of: smokegate
{{- end -}}

{{/* A dashboard or rule file's name without its directory and suffix: smokegate-overview.json -> smokegate-overview. */}}
{{- define "smokegate.baseName" -}}
{{- base . | trimSuffix ".json" | trimSuffix ".rules.yml" | trimSuffix ".yaml" -}}
{{- end -}}
