import { describe, expect, it } from '@jest/globals';
import { CHART, helm, type K8sObject, render, valuesOf } from './support/helm.js';
import { RULES } from './support/chart-rules.js';

// `npm run helm:check`: the chart linted and rendered by a real helm (3.17, from a devDependency),
// the rendered objects checked in code. No cluster needed.
const RELEASES: Record<string, string[]> = {
  default: [],
  test: ['values-test.yaml'],
  production: ['values-prod.example.yaml'],
};

describe.each(Object.entries(RELEASES))('the chart with %s values', (_name, files) => {
  const objects = render(files);
  const values = valuesOf(files);

  it('passes helm lint', () => {
    const result = helm(['lint', CHART, ...files.flatMap((file) => ['-f', `${CHART}/${file}`])]);
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
  });

  it.each(Object.keys(RULES))('satisfies %s', (rule) => {
    expect(RULES[rule](objects, values)).toEqual([]);
  });
});

describe('values.schema.json', () => {
  const refused = (...set: string[]) => helm(['template', 'dm', CHART, ...set.flatMap((value) => ['--set', value])]);

  it.each([
    ['gateway.replicas=many', 'gateway.replicas'],
    ['unknownKey=1', 'unknownKey'],
    ['config.DATABASE_URL=postgres://u:p@db/dm', 'DATABASE_URL'],
    ['containerSecurityContext.readOnlyRootFilesystem=false', 'readOnlyRootFilesystem'],
    ['networkPolicy.fqdn=everything', 'networkPolicy.fqdn'],
  ])('refuses --set %s', (value, named) => {
    const result = refused(value);
    expect(result.status).not.toBe(0);
    expect(result.stderr).toContain("values don't meet the specifications of the schema");
    expect(result.stderr).toContain(named);
  });
});

describe('each rule catches a chart that breaks it', () => {
  const values = valuesOf(['values-prod.example.yaml']);
  const objects = render(['values-prod.example.yaml']);
  const fixture = (mutate: (objects: K8sObject[]) => void): K8sObject[] => {
    const copy = structuredClone(objects);
    mutate(copy);
    return copy;
  };
  const workload = (list: K8sObject[], kind: string, name: string) =>
    list.find(
      (object) => object.kind === kind && object.spec.template.metadata.labels['app.kubernetes.io/name'] === name,
    ) as K8sObject;
  const container = (list: K8sObject[], kind: string, name: string) =>
    workload(list, kind, name).spec.template.spec.containers[0];
  const policy = (list: K8sObject[], name: string) =>
    list.find((object) => object.kind === 'NetworkPolicy' && object.metadata.name === `dm-${name}`) as K8sObject;

  it.each<[string, string, (list: K8sObject[]) => void, RegExp]>([
    [
      'hardenedWorkloads',
      'a securityContext removed from the migration Job',
      (list) => delete container(list, 'Job', 'migrate').securityContext,
      /Job\/dm-migrate-1 container migrate: root filesystem is not read-only/,
    ],
    [
      'hardenedWorkloads',
      'a pod running as root',
      (list) => {
        workload(list, 'Deployment', 'worker').spec.template.spec.securityContext = { runAsUser: 0 };
      },
      /container worker: runs as uid 0/,
    ],
    [
      'resourcesSet',
      'no memory limit on admin',
      (list) => delete container(list, 'Deployment', 'admin').resources.limits.memory,
      /no resources.limits.memory/,
    ],
    [
      'probesOnDeployments',
      'no readiness probe on the gateway',
      (list) => delete container(list, 'Deployment', 'gateway').readinessProbe,
      /dm-gateway container gateway: no readinessProbe/,
    ],
    [
      'gatewayScales',
      'no HPA',
      (list) =>
        list.splice(
          list.findIndex((object) => object.kind === 'HorizontalPodAutoscaler'),
          1,
        ),
      /no HorizontalPodAutoscaler/,
    ],
    [
      'networkIngress',
      'admin open to every pod',
      (list) => {
        policy(list, 'admin').spec.ingress[0].from = [];
      },
      /open to every source/,
    ],
    [
      'networkIngress',
      "admin open to the tenants' ingress",
      (list) => {
        policy(list, 'admin').spec.ingress[0].from = values.networkPolicy.gatewayFrom;
      },
      /port http open to/,
    ],
    [
      'gatewayEgress',
      'gateway egress to the internet',
      (list) => policy(list, 'gateway').spec.egress.push({ to: [{ ipBlock: { cidr: '0.0.0.0/0' } }] }),
      /not one of the allowed destinations/,
    ],
    [
      'gatewayEgress',
      'an extra FQDN',
      (list) =>
        list
          .find((object) => object.kind === 'CiliumNetworkPolicy')!
          .spec.egress.push({ toFQDNs: [{ matchName: 'example.com' }] }),
      /may reach/,
    ],
    [
      'metricsApart',
      'metrics on the tenant-facing Service',
      (list) =>
        list
          .find((object) => object.kind === 'Service' && object.metadata.name === 'dm-gateway')!
          .spec.ports.push({ name: 'metrics', port: 9464, targetPort: 'metrics' }),
      /Service\/dm-gateway: port metrics exposes metrics/,
    ],
    [
      'secretsWhereTheyBelong',
      'the audit signing key in the gateway',
      (list) =>
        workload(list, 'Deployment', 'gateway').spec.template.spec.volumes.push({
          name: 'audit',
          secret: { secretName: 'delingsmegler-audit-signing-key' },
        }),
      /Deployment\/dm-gateway reads secret delingsmegler-audit-signing-key/,
    ],
    [
      'secretsWhereTheyBelong',
      'the Maskinporten key in admin',
      (list) =>
        container(list, 'Deployment', 'admin').envFrom.push({ secretRef: { name: 'delingsmegler-maskinporten-key' } }),
      /Deployment\/dm-admin reads secret delingsmegler-maskinporten-key/,
    ],
    [
      'secretsWhereTheyBelong',
      'the owner database URL in the worker',
      (list) =>
        container(list, 'Deployment', 'worker').env.push({
          name: 'DATABASE_OWNER_URL',
          valueFrom: { secretKeyRef: { name: 'delingsmegler-db-owner', key: 'DATABASE_OWNER_URL' } },
        }),
      /dm-worker reads secret delingsmegler-db-owner/,
    ],
    [
      'secretsWhereTheyBelong',
      'a database URL in plain text',
      (list) => {
        container(list, 'Job', 'migrate').env[2] = { name: 'DATABASE_URL', value: 'postgres://owner:pw@db/dm' };
      },
      /DATABASE_URL is a plain value/,
    ],
    [
      'oneImageFourCommands',
      'the worker started as the gateway',
      (list) => {
        container(list, 'Deployment', 'worker').args = ['gateway'];
      },
      /dm-worker: args \["gateway"\]/,
    ],
  ])('%s: %s', (rule, _what, mutate, expected) => {
    expect(RULES[rule](objects, values)).toEqual([]);
    expect(RULES[rule](fixture(mutate), values).join('\n')).toMatch(expected);
  });
});
