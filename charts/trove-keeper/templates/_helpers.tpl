{{/* Name of the chart, overridable. */}}
{{- define "trove-keeper.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/* Full name: the release name, with the chart name unless it already contains it. */}}
{{- define "trove-keeper.fullname" -}}
{{- if .Values.fullnameOverride }}
{{- .Values.fullnameOverride | trunc 63 | trimSuffix "-" }}
{{- else }}
{{- $name := default .Chart.Name .Values.nameOverride }}
{{- if contains $name .Release.Name }}
{{- .Release.Name | trunc 63 | trimSuffix "-" }}
{{- else }}
{{- printf "%s-%s" .Release.Name $name | trunc 63 | trimSuffix "-" }}
{{- end }}
{{- end }}
{{- end }}

{{- define "trove-keeper.selectorLabels" -}}
app.kubernetes.io/name: {{ include "trove-keeper.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
{{- end }}

{{- define "trove-keeper.labels" -}}
{{ include "trove-keeper.selectorLabels" . }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/part-of: trove-keeper
app.kubernetes.io/managed-by: {{ .Release.Service }}
helm.sh/chart: {{ printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" }}
{{- end }}

{{- define "trove-keeper.serviceAccountName" -}}
{{- if .Values.serviceAccount.create }}
{{- default (include "trove-keeper.fullname" .) .Values.serviceAccount.name }}
{{- else }}
{{- default "default" .Values.serviceAccount.name }}
{{- end }}
{{- end }}

{{- define "trove-keeper.image" -}}
{{- printf "%s:%s" .Values.image.repository (default .Chart.AppVersion .Values.image.tag) }}
{{- end }}

{{/* Where the console JWT public key and clouds.yaml are mounted. */}}
{{- define "trove-keeper.jwtDir" -}}/etc/trove-keeper/jwt{{- end }}
{{- define "trove-keeper.cloudsDir" -}}/etc/openstack{{- end }}

{{- define "trove-keeper.publicUrl" -}}
{{- if .Values.publicUrl }}
{{- .Values.publicUrl }}
{{- else if and .Values.ingress.enabled .Values.ingress.host }}
{{- printf "%s://%s" (ternary "https" "http" (not (empty .Values.ingress.tls.secretName))) .Values.ingress.host }}
{{- end }}
{{- end }}

{{/*
Non-secret settings as environment variable -> value (empty values are left out, so the
service's own default applies). Rendered into the ConfigMap; the Secrets go into the
Deployment's env as secretKeyRef.
*/}}
{{- define "trove-keeper.config" -}}
{{- $v := .Values }}
{{- $o := $v.openstack }}
{{- $k := $v.kafka }}
{{- $s := $v.storage.s3 }}
{{- $c := dict
  "QUARKUS_DATASOURCE_JDBC_URL" $v.database.url
  "KEEPER_DB_POOL_SIZE" $v.database.poolSize
  "OS_AUTH_URL" $o.authUrl
  "OS_REGION_NAME" $o.regionName
  "OS_INTERFACE" $o.interface
  "OS_PROJECT_NAME" $o.projectName
  "OS_PROJECT_ID" $o.projectId
  "OS_USER_DOMAIN_NAME" $o.userDomainName
  "OS_PROJECT_DOMAIN_NAME" $o.projectDomainName
  "KEEPER_OPENSTACK_TIMEOUT" $o.timeout
  "KEEPER_OPENSTACK_TOKEN_REFRESH_MARGIN" $o.tokenRefreshMargin
  "KEEPER_OPENSTACK_RETRY_MAX_ATTEMPTS" $o.retryMaxAttempts
  "KEEPER_OPENSTACK_RETRY_BASE_DELAY" $o.retryBaseDelay
  "KEEPER_OPENSTACK_RETRY_MAX_DELAY" $o.retryMaxDelay
  "KEEPER_OPENSTACK_BREAKER_THRESHOLD" $o.breakerThreshold
  "KEEPER_OPENSTACK_BREAKER_COOL_DOWN" $o.breakerCoolDown
  "KEEPER_OPENSTACK_PAGE_SIZE" $o.pageSize
  "KEEPER_OPENSTACK_PROBE_INTERVAL" $o.probeInterval
  "KEEPER_MANAGEMENT_PORT" $v.management.port
  "KAFKA_BOOTSTRAP_SERVERS" $k.bootstrapServers
  "KEEPER_NOTIFICATIONS_KAFKA_TOPICS" $k.notifications.topics
  "KEEPER_NOTIFICATIONS_KAFKA_DEAD_LETTER_TOPIC" $k.notifications.deadLetterTopic
  "KEEPER_NOTIFICATIONS_KAFKA_GROUP_ID" $k.notifications.groupId
  "KEEPER_NOTIFICATIONS_KAFKA_MAX_ATTEMPTS" $k.notifications.maxAttempts
  "KEEPER_NOTIFICATIONS_KAFKA_RETRY_BACKOFF" $k.notifications.retryBackoff
  "KEEPER_INVENTORY_RECONCILE_INTERVAL" $v.inventory.reconcileInterval
  "KEEPER_INVENTORY_RECONCILE_DELAY" $v.inventory.reconcileDelay
  "KEEPER_STORAGE_KIND" "s3"
  "KEEPER_STORAGE_S3_ENDPOINT" $s.endpoint
  "KEEPER_STORAGE_S3_REGION" $s.region
  "KEEPER_STORAGE_S3_BUCKET" $s.bucket
  "KEEPER_STORAGE_S3_PATH_STYLE" $s.pathStyle
  "KEEPER_STORAGE_S3_CREATE_BUCKET" $s.createBucket
  "KEEPER_STORAGE_S3_PART_SIZE" $s.partSize
  "KEEPER_DEMO_ENABLED" "false"
  "KEEPER_STARTUP_CHECKS_ENABLED" "true"
  "KEEPER_PUBLIC_URL" (include "trove-keeper.publicUrl" .)
  "KEEPER_AUTH_JWT_ISSUER" $v.auth.jwt.issuer
  "KEEPER_AUTH_CONFIRMATION_VALIDITY" $v.auth.confirmation.validity
  "KEEPER_MAIL_FROM" $v.mail.from
  "KEEPER_MAIL_MOCK" "false"
}}
{{- if $v.auth.jwt.existingSecret }}
{{- $_ := set $c "KEEPER_AUTH_JWT_PUBLIC_KEY_LOCATION" (printf "file:%s/%s" (include "trove-keeper.jwtDir" .) $v.auth.jwt.key) }}
{{- else }}
{{- $_ := set $c "KEEPER_AUTH_JWT_PUBLIC_KEY_LOCATION" $v.auth.jwt.publicKeyLocation }}
{{- end }}
{{- if $o.cloudsYaml.existingSecret }}
{{- $_ := set $c "OS_CLOUD" $o.cloudsYaml.cloud }}
{{- $_ := set $c "OS_CLIENT_CONFIG_FILE" (printf "%s/clouds.yaml" (include "trove-keeper.cloudsDir" .)) }}
{{- end }}
{{- $_ := set $c "QUARKUS_MAILER_HOST" $v.mail.host }}
{{- $_ := set $c "QUARKUS_MAILER_PORT" $v.mail.port }}
{{- $_ := set $c "QUARKUS_MAILER_START_TLS" $v.mail.startTls }}
{{- range $name, $value := $v.config }}
{{- $_ := set $c $name $value }}
{{- end }}
{{- range $name, $value := $c }}
{{- if not (or (kindIs "invalid" $value) (eq (toString $value) "")) }}
{{ $name }}: {{ toString $value | quote }}
{{- end }}
{{- end }}
{{- end }}

{{/* One env entry taking a key of a Secret. */}}
{{- define "trove-keeper.secretEnv" -}}
- name: {{ index . 0 }}
  valueFrom:
    secretKeyRef:
      name: {{ index . 1 }}
      key: {{ index . 2 }}
{{- end }}
