import { isDeepStrictEqual } from 'node:util';
import type { K8sObject } from './helm.js';

/**
 * The rules a rendered chart must satisfy (issue 14, items 2 and 3), as code over the parsed
 * objects. Each returns human-readable violations; an empty list means the rule holds.
 */
export type Rule = (objects: K8sObject[], values: K8sObject) => string[];

const WORKLOAD_KINDS = ['Deployment', 'StatefulSet', 'DaemonSet', 'Job', 'CronJob'];
const COMPONENTS = ['gateway', 'admin', 'worker'] as const;

function podSpecOf(workload: K8sObject): K8sObject {
  return workload.kind === 'CronJob' ? workload.spec.jobTemplate.spec.template.spec : workload.spec.template.spec;
}

function workloads(objects: K8sObject[]): K8sObject[] {
  return objects.filter((object) => WORKLOAD_KINDS.includes(object.kind));
}

function containersOf(workload: K8sObject): K8sObject[] {
  const spec = podSpecOf(workload);
  return [...(spec.initContainers ?? []), ...(spec.containers ?? [])];
}

const nameOf = (object: K8sObject) => `${object.kind}/${object.metadata?.name}`;
const componentOf = (workload: K8sObject): string | undefined =>
  workload.spec?.template?.metadata?.labels?.['app.kubernetes.io/name'];

function find(objects: K8sObject[], kind: string, component: string): K8sObject | undefined {
  return objects.find((object) => object.kind === kind && componentOf(object) === component);
}

/** Non-root, read-only root filesystem, no privilege escalation, every capability dropped. */
export const hardenedWorkloads: Rule = (objects) => {
  const problems: string[] = [];
  for (const workload of workloads(objects)) {
    const pod = podSpecOf(workload).securityContext ?? {};
    for (const container of containersOf(workload)) {
      const where = `${nameOf(workload)} container ${container.name}`;
      const context = container.securityContext ?? {};
      const runAsNonRoot = context.runAsNonRoot ?? pod.runAsNonRoot;
      const runAsUser = context.runAsUser ?? pod.runAsUser;
      if (runAsNonRoot !== true) problems.push(`${where}: runAsNonRoot is not true`);
      if (runAsUser === 0) problems.push(`${where}: runs as uid 0`);
      if (context.readOnlyRootFilesystem !== true) problems.push(`${where}: root filesystem is not read-only`);
      if (context.allowPrivilegeEscalation !== false) problems.push(`${where}: privilege escalation is not disabled`);
      if (context.privileged === true) problems.push(`${where}: privileged`);
      if (!(context.capabilities?.drop ?? []).includes('ALL'))
        problems.push(`${where}: capabilities are not all dropped`);
      if ((context.capabilities?.add ?? []).length > 0) problems.push(`${where}: adds capabilities`);
    }
  }
  return problems;
};

export const resourcesSet: Rule = (objects) =>
  workloads(objects).flatMap((workload) =>
    containersOf(workload).flatMap((container) =>
      ['requests.cpu', 'requests.memory', 'limits.cpu', 'limits.memory']
        .filter((path) => {
          const [group, resource] = path.split('.');
          return container.resources?.[group]?.[resource] === undefined;
        })
        .map((path) => `${nameOf(workload)} container ${container.name}: no resources.${path}`),
    ),
  );

export const probesOnDeployments: Rule = (objects) =>
  objects
    .filter((object) => object.kind === 'Deployment')
    .flatMap((deployment) =>
      containersOf(deployment).flatMap((container) =>
        ['readinessProbe', 'livenessProbe']
          .filter((probe) => !container[probe]?.httpGet)
          .map((probe) => `${nameOf(deployment)} container ${container.name}: no ${probe}`),
      ),
    );

/** The three processes are Deployments of one image, each choosing its command; the migration Job too. */
export const oneImageFourCommands: Rule = (objects) => {
  const problems: string[] = [];
  const images = new Set<string>();
  for (const component of [...COMPONENTS, 'migrate']) {
    const workload = find(objects, component === 'migrate' ? 'Job' : 'Deployment', component);
    if (!workload) {
      problems.push(`no ${component} workload`);
      continue;
    }
    const [container] = podSpecOf(workload).containers;
    images.add(container.image);
    if (!isDeepStrictEqual(container.args, [component]))
      problems.push(`${nameOf(workload)}: args ${JSON.stringify(container.args)}, not ["${component}"]`);
  }
  if (images.size > 1) problems.push(`workloads use several images: ${[...images].join(', ')}`);
  const hooks = find(objects, 'Job', 'migrate')?.metadata?.annotations?.['helm.sh/hook'] ?? '';
  if (!hooks.includes('pre-install') || !hooks.includes('pre-upgrade'))
    problems.push('the migration Job is not a pre-install and pre-upgrade hook');
  return problems;
};

export const gatewayScales: Rule = (objects) => {
  const problems: string[] = [];
  const gateway = find(objects, 'Deployment', 'gateway');
  const hpa = objects.find(
    (object) =>
      object.kind === 'HorizontalPodAutoscaler' && object.spec?.scaleTargetRef?.name === gateway?.metadata.name,
  );
  if (!hpa) problems.push('the gateway has no HorizontalPodAutoscaler');
  const pdb = objects.find(
    (object) =>
      object.kind === 'PodDisruptionBudget' &&
      gateway &&
      isDeepStrictEqual(object.spec?.selector?.matchLabels, gateway.spec.selector.matchLabels),
  );
  if (!pdb) problems.push('the gateway has no PodDisruptionBudget');
  return problems;
};

function policyFor(objects: K8sObject[], component: string): K8sObject | undefined {
  return objects.find(
    (object) =>
      object.kind === 'NetworkPolicy' &&
      object.spec?.podSelector?.matchLabels?.['app.kubernetes.io/name'] === component,
  );
}

/** Every ingress rule names its sources and a port; http only from the given peers, metrics only from Prometheus. */
function ingressProblems(
  policy: K8sObject | undefined,
  component: string,
  httpFrom: unknown,
  prometheusFrom: unknown,
): string[] {
  if (!policy) return [`no NetworkPolicy selects ${component}`];
  const problems: string[] = [];
  if (!(policy.spec.policyTypes ?? []).includes('Ingress'))
    problems.push(`${nameOf(policy)}: does not restrict ingress`);
  for (const [index, rule] of (policy.spec.ingress ?? []).entries()) {
    const ports = (rule.ports ?? []).map((port: K8sObject) => port.port);
    const where = `${nameOf(policy)} ingress rule ${index + 1}`;
    if (!rule.from || rule.from.length === 0 || ports.length === 0) {
      problems.push(`${where}: open to every source or port`);
      continue;
    }
    for (const port of ports) {
      const allowed = port === 'http' ? httpFrom : port === 'metrics' ? prometheusFrom : undefined;
      if (allowed === undefined) problems.push(`${where}: port ${port} is not http or metrics`);
      else if (!isDeepStrictEqual(rule.from, allowed))
        problems.push(`${where}: port ${port} open to ${JSON.stringify(rule.from)}`);
    }
  }
  return problems;
}

export const networkIngress: Rule = (objects, values) => {
  const np = values.networkPolicy;
  return [
    ...ingressProblems(policyFor(objects, 'admin'), 'admin', np.adminFrom, np.prometheusFrom),
    ...ingressProblems(policyFor(objects, 'gateway'), 'gateway', np.gatewayFrom, np.prometheusFrom),
    ...ingressProblems(policyFor(objects, 'worker'), 'worker', undefined, np.prometheusFrom),
  ];
};

/** The gateway talks only to DNS, PostgreSQL, Redis, Maskinporten and Skatteetaten, as the values say. */
export const gatewayEgress: Rule = (objects, values) => {
  const np = values.networkPolicy;
  const egress = np.gatewayEgress;
  const policy = policyFor(objects, 'gateway');
  if (!policy) return ['no NetworkPolicy selects the gateway'];
  const problems: string[] = [];
  if (!(policy.spec.policyTypes ?? []).includes('Egress')) problems.push(`${nameOf(policy)}: does not restrict egress`);
  const tcp = (port: number) => [{ port, protocol: 'TCP' }];
  const ipBlocks = (cidrs: string[]) => cidrs.map((cidr) => ({ ipBlock: { cidr } }));
  const allowed = [
    {
      to: np.dns,
      ports: [
        { port: 53, protocol: 'UDP' },
        { port: 53, protocol: 'TCP' },
      ],
    },
    { to: egress.postgres.to, ports: tcp(egress.postgres.port) },
    { to: egress.redis.to, ports: tcp(egress.redis.port) },
    ...(egress.maskinporten.cidrs.length
      ? [{ to: ipBlocks(egress.maskinporten.cidrs), ports: tcp(egress.maskinporten.port) }]
      : []),
    ...(egress.skatteetaten.cidrs.length
      ? [{ to: ipBlocks(egress.skatteetaten.cidrs), ports: tcp(egress.skatteetaten.port) }]
      : []),
  ];
  for (const [index, rule] of (policy.spec.egress ?? []).entries()) {
    if (!allowed.some((expected) => isDeepStrictEqual(rule, expected)))
      problems.push(
        `${nameOf(policy)} egress rule ${index + 1} is not one of the allowed destinations: ${JSON.stringify(rule)}`,
      );
  }
  for (const expected of allowed) {
    if (!(policy.spec.egress ?? []).some((rule: K8sObject) => isDeepStrictEqual(rule, expected)))
      problems.push(`${nameOf(policy)}: no egress rule for ${JSON.stringify(expected.to)}`);
  }
  const hosts = [...egress.maskinporten.hosts, ...egress.skatteetaten.hosts];
  const fqdnPolicies = objects.filter((object) => object.kind === 'CiliumNetworkPolicy');
  if (np.fqdn === 'cilium') {
    const cilium = fqdnPolicies.find(
      (object) => object.spec?.endpointSelector?.matchLabels?.['app.kubernetes.io/name'] === 'gateway',
    );
    const names = (cilium?.spec.egress ?? []).flatMap((rule: K8sObject) =>
      (rule.toFQDNs ?? []).map((fqdn: K8sObject) => fqdn.matchName ?? fqdn.matchPattern),
    );
    if (!cilium) problems.push('fqdn: cilium but no CiliumNetworkPolicy for the gateway');
    else if (!isDeepStrictEqual([...names].sort(), [...hosts].sort()))
      problems.push(`the gateway may reach ${names.join(', ')}, not exactly ${hosts.join(', ')}`);
    for (const rule of cilium?.spec.egress ?? []) {
      if (!rule.toFQDNs && !rule.toEndpoints)
        problems.push(`CiliumNetworkPolicy egress rule allows more than named hosts: ${JSON.stringify(rule)}`);
    }
  } else if (fqdnPolicies.length > 0) problems.push('a CiliumNetworkPolicy is rendered although fqdn is not cilium');
  // The hosts the gateway is configured to call must be the ones its egress names.
  const config = values.config;
  for (const name of [
    'UPSTREAM_INNTEKT_URL',
    'UPSTREAM_SUMMERTSKATTEGRUNNLAG_URL',
    'UPSTREAM_UTLEGGSTREKK_URL',
    'MASKINPORTEN_ISSUER',
  ]) {
    if (config[name] && !hosts.includes(new URL(config[name]).hostname))
      problems.push(`${name} (${new URL(config[name]).hostname}) is not among the gateway's egress hosts`);
  }
  return problems;
};

/** /metrics only on METRICS_PORT, in a Service of its own; never on an API Service. */
export const metricsApart: Rule = (objects, values) => {
  const problems: string[] = [];
  const port = values.metrics.port;
  for (const component of COMPONENTS) {
    const deployment = find(objects, 'Deployment', component);
    if (!deployment) continue;
    const [container] = podSpecOf(deployment).containers;
    const metricsEnv = container.env?.find((env: K8sObject) => env.name === 'METRICS_PORT')?.value;
    if (metricsEnv !== String(port)) problems.push(`${nameOf(deployment)}: METRICS_PORT is ${metricsEnv}, not ${port}`);
    const http = container.ports.find((entry: K8sObject) => entry.name === 'http')?.containerPort;
    if (http === port) problems.push(`${nameOf(deployment)}: the API and metrics share port ${port}`);
  }
  for (const service of objects.filter((object) => object.kind === 'Service')) {
    const metricsService = service.metadata.labels?.['app.kubernetes.io/component'] === 'metrics';
    for (const entry of service.spec.ports ?? []) {
      const exposesMetrics = entry.targetPort === 'metrics' || entry.targetPort === port;
      if (exposesMetrics !== metricsService)
        problems.push(
          `${nameOf(service)}: port ${entry.name} ${metricsService ? 'is not metrics' : 'exposes metrics'}`,
        );
    }
  }
  const monitor = objects.find((object) => object.kind === 'ServiceMonitor');
  if (
    values.metrics.serviceMonitor.enabled &&
    monitor?.spec?.selector?.matchLabels?.['app.kubernetes.io/component'] !== 'metrics'
  )
    problems.push('no ServiceMonitor selects the metrics Services');
  if (!values.metrics.serviceMonitor.enabled && monitor)
    problems.push('a ServiceMonitor is rendered although it is disabled');
  return problems;
};

/** The names of the Secrets a workload's pods can read (volumes, envFrom, env). */
function secretsReadBy(workload: K8sObject): Set<string> {
  const spec = podSpecOf(workload);
  const names = new Set<string>();
  for (const volume of spec.volumes ?? []) {
    if (volume.secret?.secretName) names.add(volume.secret.secretName);
    for (const source of volume.projected?.sources ?? []) if (source.secret?.name) names.add(source.secret.name);
  }
  for (const container of containersOf(workload)) {
    for (const from of container.envFrom ?? []) if (from.secretRef?.name) names.add(from.secretRef.name);
    for (const env of container.env ?? [])
      if (env.valueFrom?.secretKeyRef?.name) names.add(env.valueFrom.secretKeyRef.name);
  }
  return names;
}

const SECRET_VARIABLES = [
  'DATABASE_URL',
  'DATABASE_OWNER_URL',
  'REDIS_URL',
  'AUDIT_SUBJECT_HMAC_KEYS',
  'AUDIT_SUBJECT_ENCRYPTION_KEYS',
  'POLICY_SUBJECT_BLOCK_KEY',
  'MASKINPORTEN_KEY_PKCS12_PASSWORD',
];

/** Each secret only where it is needed, and never as a plain value. */
export const secretsWhereTheyBelong: Rule = (objects, values) => {
  const problems: string[] = [];
  const secrets = values.secrets;
  const who: Record<string, string[]> = {
    [secrets.auditSigningKey.name]: ['admin', 'worker'],
    [secrets.maskinportenKey.name]: ['gateway', 'worker'],
    [secrets.database.name]: ['gateway', 'admin', 'worker'],
    [secrets.databaseOwner.name]: ['migrate'],
    [secrets.platform.name]: ['gateway', 'admin', 'worker'],
  };
  for (const workload of workloads(objects)) {
    const component = componentOf(workload) ?? '?';
    const read = secretsReadBy(workload);
    for (const [secret, allowed] of Object.entries(who)) {
      if (read.has(secret) && !allowed.includes(component))
        problems.push(`${nameOf(workload)} reads secret ${secret}, meant only for ${allowed.join(', ')}`);
      if (!read.has(secret) && allowed.includes(component)) problems.push(`${nameOf(workload)} lacks secret ${secret}`);
    }
    for (const secret of read)
      if (!(secret in who)) problems.push(`${nameOf(workload)} reads secret ${secret}, which is not named in values`);
    for (const container of containersOf(workload)) {
      for (const env of container.env ?? []) {
        if (SECRET_VARIABLES.includes(env.name) && env.value !== undefined)
          problems.push(`${nameOf(workload)}: ${env.name} is a plain value`);
      }
    }
  }
  const migrate = find(objects, 'Job', 'migrate');
  const ownerUrl =
    migrate && podSpecOf(migrate).containers[0].env?.find((env: K8sObject) => env.name === 'DATABASE_OWNER_URL');
  if (ownerUrl?.valueFrom?.secretKeyRef?.name !== secrets.databaseOwner.name)
    problems.push('the migration Job does not take DATABASE_OWNER_URL from the owner secret');
  const admin = find(objects, 'Deployment', 'admin');
  const migrateOnStart =
    admin && podSpecOf(admin).containers[0].env?.find((env: K8sObject) => env.name === 'MIGRATE_ON_ADMIN_START')?.value;
  if (migrateOnStart !== 'false') problems.push('admin migrates on start although the Job does it');
  for (const map of objects.filter((object) => object.kind === 'ConfigMap')) {
    for (const key of Object.keys(map.data ?? {}))
      if (SECRET_VARIABLES.includes(key)) problems.push(`${nameOf(map)} holds ${key}`);
  }
  if (objects.some((object) => object.kind === 'Secret'))
    problems.push('the chart renders a Secret: secrets must come from existing Secrets');
  return problems;
};

export const RULES: Record<string, Rule> = {
  hardenedWorkloads,
  resourcesSet,
  probesOnDeployments,
  oneImageFourCommands,
  gatewayScales,
  networkIngress,
  gatewayEgress,
  metricsApart,
  secretsWhereTheyBelong,
};
