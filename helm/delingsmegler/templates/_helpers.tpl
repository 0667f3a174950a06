{{- define "dm.labels" -}}
app.kubernetes.io/part-of: delingsmegler
app.kubernetes.io/instance: {{ .Release.Name }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
{{- end -}}

{{/* Selector of one component: (dict "root" $ "component" "gateway") */}}
{{- define "dm.selector" -}}
app.kubernetes.io/name: {{ .component }}
app.kubernetes.io/instance: {{ .root.Release.Name }}
{{- end -}}

{{- define "dm.image" -}}
"{{ .Values.image.repository }}:{{ .Values.image.tag }}"
{{- end -}}

{{/* Pod-level settings every workload shares (the migration Job too). */}}
{{- define "dm.podCommon" -}}
automountServiceAccountToken: false
securityContext: {{- toYaml .Values.podSecurityContext | nindent 2 }}
{{- with .Values.imagePullSecrets }}
imagePullSecrets: {{- toYaml . | nindent 2 }}
{{- end }}
{{- end -}}

{{- define "dm.secretFile" -}}
secret: { secretName: {{ .secret.name }}, defaultMode: 0400, items: [{ key: {{ .secret.key | quote }}, path: {{ .secret.key | quote }} }] }
{{- end -}}

{{/*
One long-running process: (dict "root" $ "component" "gateway" "values" .Values.gateway
"maskinportenKey" true "auditSigningKey" false). Key files are mounted only where named, so the
tenant-facing gateway never holds the audit signing key and admin never the Maskinporten key.
*/}}
{{- define "dm.deployment" -}}
{{- $root := .root -}}
{{- $v := .values -}}
apiVersion: apps/v1
kind: Deployment
metadata:
  name: {{ $root.Release.Name }}-{{ .component }}
  labels: {{- include "dm.labels" $root | nindent 4 }}
    app.kubernetes.io/name: {{ .component }}
spec:
  replicas: {{ $v.replicas }}
  selector:
    matchLabels: {{- include "dm.selector" . | nindent 6 }}
  template:
    metadata:
      labels: {{- include "dm.selector" . | nindent 8 }}
        app.kubernetes.io/part-of: delingsmegler
      annotations:
        checksum/config: {{ include (print $root.Template.BasePath "/configmap.yaml") $root | sha256sum }}
    spec:
      {{- include "dm.podCommon" $root | nindent 6 }}
      volumes:
        - { name: tmp, emptyDir: { sizeLimit: 64Mi } }
        {{- if .maskinportenKey }}
        - name: maskinporten-key
          {{- include "dm.secretFile" (dict "secret" $root.Values.secrets.maskinportenKey) | nindent 10 }}
        {{- end }}
        {{- if .auditSigningKey }}
        - name: audit-signing-key
          {{- include "dm.secretFile" (dict "secret" $root.Values.secrets.auditSigningKey) | nindent 10 }}
        {{- end }}
      containers:
        - name: {{ .component }}
          image: {{ include "dm.image" $root }}
          imagePullPolicy: {{ $root.Values.image.pullPolicy }}
          args: [{{ .component | quote }}]
          ports:
            - { name: http, containerPort: {{ $v.port }} }
            - { name: metrics, containerPort: {{ $root.Values.metrics.port }} }
          envFrom:
            - configMapRef: { name: {{ $root.Release.Name }}-config }
            - secretRef: { name: {{ $root.Values.secrets.platform.name }} }
          env:
            - { name: HOST, value: "0.0.0.0" }
            - { name: {{ printf "%s_PORT" (upper .component) }}, value: {{ $v.port | quote }} }
            - { name: METRICS_PORT, value: {{ $root.Values.metrics.port | quote }} }
            - name: DATABASE_URL
              valueFrom: { secretKeyRef: { name: {{ $root.Values.secrets.database.name }}, key: {{ $root.Values.secrets.database.key }} } }
            {{- if eq .component "admin" }}
            # The migration Job applies migrations before a rollout; admin never does (and cannot: runtime role).
            - { name: MIGRATE_ON_ADMIN_START, value: "false" }
            {{- end }}
            {{- if .maskinportenKey }}
            - { name: MASKINPORTEN_KEY_JWK_FILE, value: /etc/delingsmegler/maskinporten/{{ $root.Values.secrets.maskinportenKey.key }} }
            {{- end }}
            {{- if .auditSigningKey }}
            - { name: AUDIT_SIGNING_KEY_FILE, value: /etc/delingsmegler/audit/{{ $root.Values.secrets.auditSigningKey.key }} }
            {{- end }}
          volumeMounts:
            - { name: tmp, mountPath: /tmp }
            {{- if .maskinportenKey }}
            - { name: maskinporten-key, mountPath: /etc/delingsmegler/maskinporten, readOnly: true }
            {{- end }}
            {{- if .auditSigningKey }}
            - { name: audit-signing-key, mountPath: /etc/delingsmegler/audit, readOnly: true }
            {{- end }}
          readinessProbe:
            httpGet: { path: /health/ready, port: http }
            periodSeconds: 5
            failureThreshold: 3
          livenessProbe:
            httpGet: { path: /health/live, port: http }
            periodSeconds: 10
            failureThreshold: 6
          startupProbe:
            httpGet: { path: /health/live, port: http }
            periodSeconds: 2
            failureThreshold: 30
          resources: {{- toYaml $v.resources | nindent 12 }}
          securityContext: {{- toYaml $root.Values.containerSecurityContext | nindent 12 }}
---
apiVersion: v1
kind: Service
metadata:
  name: {{ $root.Release.Name }}-{{ .component }}
  labels: {{- include "dm.labels" $root | nindent 4 }}
    app.kubernetes.io/name: {{ .component }}
spec:
  selector: {{- include "dm.selector" . | nindent 4 }}
  ports: [{ name: http, port: {{ $v.port }}, targetPort: http }]
---
# Only Prometheus scrapes this Service (NetworkPolicy); the API Service above has no metrics port.
apiVersion: v1
kind: Service
metadata:
  name: {{ $root.Release.Name }}-{{ .component }}-metrics
  labels: {{- include "dm.labels" $root | nindent 4 }}
    app.kubernetes.io/name: {{ .component }}
    app.kubernetes.io/component: metrics
spec:
  selector: {{- include "dm.selector" . | nindent 4 }}
  ports: [{ name: metrics, port: {{ $root.Values.metrics.port }}, targetPort: metrics }]
{{- end -}}
