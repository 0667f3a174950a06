{{- define "dm.labels" -}}
app.kubernetes.io/part-of: delingsmegler
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
{{- end -}}

{{- define "dm.env" -}}
envFrom:
  - configMapRef: { name: {{ .Release.Name }}-config }
  - secretRef: { name: {{ .Values.existingSecret }} }
volumeMounts:
  - { name: keys, mountPath: /etc/delingsmegler/keys, readOnly: true }
{{- end -}}

{{- define "dm.keyVolume" -}}
volumes:
  - name: keys
    secret: { secretName: {{ .Values.keyFilesSecret }}, defaultMode: 0400 }
{{- end -}}

{{- define "dm.probes" -}}
readinessProbe:
  httpGet: { path: /health/ready, port: http }
  periodSeconds: 5
  failureThreshold: 3
livenessProbe:
  httpGet: { path: /health/live, port: http }
  periodSeconds: 10
  failureThreshold: 6
{{- end -}}
