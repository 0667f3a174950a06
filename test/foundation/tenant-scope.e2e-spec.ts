/**
 * Every tenant-owned table is reached only through its TenantScopedRepository (libs/database).
 *
 * The tenant-owned tables come from the schema, not from a list: every table with a `tenant_orgnr`
 * column, and `tenants` itself. A new table is covered the moment its migration adds the column.
 * The sources (libs/, apps/) are parsed with the TypeScript compiler, and a file "reaches" a table
 * when it uses the table's entity as a value (getRepository(X), .into(X), super(…, X)) or names the
 * table in SQL (FROM/JOIN/INTO/UPDATE "table"). Then:
 *  1. each tenant-owned table has exactly one repository class extending TenantScopedRepository
 *     (its entity passed to super), unless it is listed in OPERATOR_ONLY_TABLES with a reason;
 *  2. no other file reaches a tenant-owned table, unless listed in CROSS_TENANT_READERS with the
 *     tables and a reason (and the list holds nothing stale);
 *  3. inside a scoped repository, the unscoped table (`acrossTenants()`) is used only by the
 *     methods in CROSS_TENANT_METHODS, each with its reason; the class makes no database call on
 *     anything but the base's scoped helpers (no `manager.query`, no `this.dataSource…`), and never
 *     calls `.where()` or `.orWhere()` (which would replace or widen the scope of `select()`);
 *  4. at run time, every other public method of every scoped repository, called with no tenant,
 *     an empty one or an invalid orgnr, fails with TenantScopeError (before any SQL on the table).
 * So a new unscoped read fails here: in a new file (2), a new repository method (3), or a method
 * whose tenant never reaches the scope (4). What it cannot see: a relation path string joining a
 * tenant table (`leftJoin('x.deliveries')`), and scripts/ (operator CLIs run outside the services).
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import ts from 'typescript';
import { DataSource } from 'typeorm';
import { createDataSourceOptions, TenantScopedRepository, TenantScopeError, WebhookSecretEntity } from '#database';
import { createTestContext, type TestContext } from '../support/test-context.js';

const ROOT = join(import.meta.dirname, '..', '..');

/** Tenant-owned tables no scoped repository owns: the operator's alone. File → why. */
const OPERATOR_ONLY_TABLES: Record<string, { files: string[]; reason: string }> = {
  audit_exports: {
    files: ['libs/audit/src/export.repository.ts'],
    reason: "Exports are the operator's (admin API); one may span every tenant, so tenant_orgnr is a filter",
  },
  incident_actions: {
    files: ['libs/incidents/src/incident.repository.ts'],
    reason: "An incident's actions are the operator's record across the tenants it touched (admin API)",
  },
  usage_hourly: {
    files: ['libs/audit/src/usage/usage.repository.ts'],
    reason: "Call counts for the operator's statistics (admin API), no personal data; tenant_orgnr is a dimension",
  },
  usage_daily: {
    files: ['libs/audit/src/usage/usage.repository.ts'],
    reason: "Call counts for the operator's statistics (admin API), no personal data; tenant_orgnr is a dimension",
  },
  usage_monthly: {
    files: ['libs/audit/src/usage/usage.repository.ts'],
    reason: "Call counts for the operator's statistics (admin API), no personal data; tenant_orgnr is a dimension",
  },
};

/** Files that read or write tenant-owned tables without a scoped repository, and why. */
const CROSS_TENANT_READERS: Record<string, { tables: string[]; reason: string }> = {
  'libs/tenancy/src/policy-state/policy-state.repository.ts': {
    tables: ['tenants', 'tenant_suspensions', 'tenant_suppliers', 'declarations', 'delegations'],
    reason: "The gateway's policy state: every tenant's (or one's) in one REPEATABLE READ snapshot",
  },
  'libs/audit/src/seal.repository.ts': {
    tables: ['audit_events'],
    reason: 'The sealer chains every committed event whatever its tenant; exports read sealed ranges',
  },
  'libs/incidents/src/affected-requests.repository.ts': {
    tables: ['audit_events'],
    reason: "The incident report counts the affected tenants' requests (an aggregate, operator-only)",
  },
  'libs/incidents/src/incident.repository.ts': {
    tables: ['webhook_deliveries'],
    reason: "An incident's notifications: the deliveries it caused, across the tenants it touched",
  },
  'libs/tenancy/src/documents/declaration-document.repository.ts': {
    tables: ['declarations'],
    reason: "Document retention: which documents' declarations ended long enough ago, across tenants (worker)",
  },
  'libs/notifications/src/webhook-secret.repository.ts': {
    tables: ['tenants'],
    reason: "Locks and joins the tenant's own row, in its scoped SQL (orgnr = $1)",
  },
  'libs/notifications/src/notices/notice.repository.ts': {
    tables: ['tenants'],
    reason: "Reads the tenant's own name and contacts for its notices, in its scoped SQL (orgnr = $1)",
  },
  'libs/tenancy/src/terms/terms.repository.ts': {
    tables: ['declarations', 'tenants'],
    reason: "Who must still sign a terms version: the operator's list and the worker's reminders span tenants",
  },
};

/** Methods of scoped repositories that use the table across tenants ("Class.method"), and why. */
const CROSS_TENANT_METHODS: Record<string, string> = {
  'TenantRepository.list': "The operator's list of tenants",
  'TenantSuspensionRepository.inForceOfAll': "The suspensions shown in the operator's list of tenants",
  'DeclarationRepository.listInStates': "The operator's queue of declarations to decide, across tenants",
  'DeclarationRepository.findById': "The admin API's /declarations/{id}: finds the tenant, the rest is scoped",
  'DelegationRepository.listOfTenantsWithAccess': "The worker's periodic re-check of every delegation",
  'WebhookDeliveryRepository.listFailedOfAll': "The operator's dead letters of every tenant",
  'WebhookDeliveryRepository.findById': "The operator's retry of a dead letter by id; the requeue is scoped",
  'VedleggRepository.deleteUploadedBefore': "The worker's retention deletes old uploads of every tenant",
  'DeclarationDocumentRepository.deleteExpired':
    "The worker's retention deletes signed documents of every tenant's ended declarations",
  'RegistrationRepository.findStale': "The worker's sweeper re-queues open registrations of every tenant",
  'AuditRepository.insertMany': "The audit writer's group commit holds events of many tenants (and the platform's)",
  'AuditRepository.search': "The operator's search of the audit log across tenants",
  'NoticeRepository.claimDue': "The worker's sweep of the notice outbox sends every tenant's due notices",
  'NoticeRepository.listOfAll': "The operator's view of the notice outbox across tenants",
};

/** Calls that reach the database; allowed in a scoped repository only on `this`/`super` (the base's helpers). */
const DB_CALLS = new Set([
  'query',
  'getRepository',
  'createQueryBuilder',
  'find',
  'findBy',
  'findOne',
  'findOneBy',
  'findOneOrFail',
  'findAndCount',
  'count',
  'exists',
  'insert',
  'update',
  'upsert',
  'delete',
  'save',
  'remove',
  'increment',
  'decrement',
  'transaction',
]);
/** The base's helpers whose result may be used further. */
const SCOPED_HELPERS = new Set(['select', 'acrossTenants']);

interface SourceFile {
  path: string;
  ast: ts.SourceFile;
}

interface ScopedRepository {
  path: string;
  className: string;
  table: string;
  /** Method name → whether it calls acrossTenants(). */
  methods: Map<string, boolean>;
  violations: string[];
}

function sourceFiles(): SourceFile[] {
  const found: SourceFile[] = [];
  const walk = (dir: string) => {
    for (const entry of readdirSync(join(ROOT, dir), { withFileTypes: true })) {
      const path = `${dir}/${entry.name}`;
      if (entry.isDirectory()) {
        if (entry.name !== 'entities' && entry.name !== 'node_modules') walk(path);
      } else if (path.endsWith('.ts') && !path.endsWith('.spec.ts') && !path.endsWith('.d.ts')) {
        const text = readFileSync(join(ROOT, path), 'utf8');
        found.push({ path, ast: ts.createSourceFile(path, text, ts.ScriptTarget.Latest, true) });
      }
    }
  };
  walk('libs');
  walk('apps');
  return found;
}

function forEachNode(node: ts.Node, visit: (node: ts.Node) => void): void {
  visit(node);
  node.forEachChild((child) => forEachNode(child, visit));
}

/** An identifier used as a value: not in an import, not in a type, not a property name. */
function isValueUse(node: ts.Identifier): boolean {
  for (let at: ts.Node | undefined = node.parent; at; at = at.parent) {
    if (ts.isImportDeclaration(at) || ts.isExportDeclaration(at) || ts.isTypeNode(at)) return false;
  }
  const parent = node.parent;
  return !(ts.isPropertyAccessExpression(parent) && parent.name === node);
}

function tablesReached(file: SourceFile, entityTables: Map<string, string>, tables: string[]): Set<string> {
  const reached = new Set<string>();
  const sql = new Map(
    tables.map((table) => [table, new RegExp(`\\b(from|join|into|update|table)\\s+"?${table}"?(?![\\w])`, 'i')]),
  );
  forEachNode(file.ast, (node) => {
    if (ts.isIdentifier(node) && entityTables.has(node.text) && isValueUse(node))
      reached.add(entityTables.get(node.text)!);
    if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node) || ts.isTemplateLiteralToken(node)) {
      for (const [table, pattern] of sql) if (pattern.test(node.text)) reached.add(table);
    }
  });
  return reached;
}

/** What a call's receiver comes from: `this`, a scoped helper of the base, or something else (named). */
function receiverOrigin(receiver: ts.Expression): { kind: 'this' | 'helper' | 'other'; name: string } {
  let at: ts.Expression = receiver;
  for (;;) {
    if (at.kind === ts.SyntaxKind.ThisKeyword || at.kind === ts.SyntaxKind.SuperKeyword)
      return { kind: 'this', name: 'this' };
    if (ts.isCallExpression(at)) {
      const callee = at.expression;
      if (ts.isPropertyAccessExpression(callee) && callee.expression.kind === ts.SyntaxKind.ThisKeyword) {
        const name = callee.name.text;
        return SCOPED_HELPERS.has(name) ? { kind: 'helper', name } : { kind: 'other', name: `this.${name}()` };
      }
      at = callee;
    } else if (ts.isPropertyAccessExpression(at)) {
      if (at.expression.kind === ts.SyntaxKind.ThisKeyword) return { kind: 'other', name: `this.${at.name.text}` };
      at = at.expression;
    } else if (ts.isParenthesizedExpression(at) || ts.isAwaitExpression(at) || ts.isNonNullExpression(at)) {
      at = at.expression;
    } else {
      return { kind: 'other', name: at.getText() };
    }
  }
}

function scopedRepositories(files: SourceFile[], entityTables: Map<string, string>): ScopedRepository[] {
  const found: ScopedRepository[] = [];
  for (const file of files) {
    forEachNode(file.ast, (node) => {
      if (!ts.isClassDeclaration(node) || !node.name) return;
      const extendsBase = node.heritageClauses?.some((clause) =>
        clause.types.some((type) => type.expression.getText() === 'TenantScopedRepository'),
      );
      if (!extendsBase) return;
      const repository: ScopedRepository = {
        path: file.path,
        className: node.name.text,
        table: '',
        methods: new Map(),
        violations: [],
      };
      for (const member of node.members) {
        const method =
          ts.isMethodDeclaration(member) || ts.isGetAccessor(member) ? member.name.getText() : 'constructor';
        let crossTenant = false;
        const rescoped: string[] = [];
        forEachNode(member, (inner) => {
          if (!ts.isCallExpression(inner)) return;
          const callee = inner.expression;
          if (callee.kind === ts.SyntaxKind.SuperKeyword) {
            const entity = inner.arguments[1]?.getText();
            repository.table = (entity && entityTables.get(entity)) ?? `(unknown entity ${entity})`;
            return;
          }
          if (!ts.isPropertyAccessExpression(callee)) return;
          const name = callee.name.text;
          const origin = receiverOrigin(callee.expression);
          if (name === 'acrossTenants' && origin.kind === 'this') crossTenant = true;
          if (name === 'where' || name === 'orWhere') rescoped.push(`${method}: .${name}() (use andWhere on select())`);
          else if (DB_CALLS.has(name) && origin.kind === 'other')
            repository.violations.push(`${method}: ${origin.name}.${name}() outside the tenant scope`);
        });
        // An unscoped query builds its own where; a scoped one must not replace or widen the scope.
        if (!crossTenant) repository.violations.push(...rescoped);
        repository.methods.set(method, crossTenant);
      }
      found.push(repository);
    });
  }
  return found;
}

/** Stands in for every argument after the tenant: any property, call, spread or iteration of it works; as text, an id. */
function anything(): unknown {
  const symbols: Record<symbol, unknown> = {
    [Symbol.toPrimitive]: () => '00000000-0000-4000-8000-000000000000',
    [Symbol.iterator]: function* () {},
  };
  const proxy: unknown = new Proxy(function () {}, {
    get: (_target, key) => (typeof key === 'symbol' ? symbols[key] : proxy),
    apply: () => proxy,
  });
  return proxy;
}

describe('tenant scope', () => {
  let context: TestContext;
  let dataSource: DataSource;
  let tenantTables: string[];
  let entityTables: Map<string, string>;
  let files: SourceFile[];
  let repositories: ScopedRepository[];

  beforeAll(async () => {
    context = await createTestContext();
    dataSource = await new DataSource(createDataSourceOptions(context.config.database)).initialize();
    const rows: Array<{ table_name: string }> = await dataSource.query(
      `SELECT DISTINCT table_name FROM information_schema.columns
        WHERE table_schema = 'public' AND column_name = 'tenant_orgnr' ORDER BY table_name`,
    );
    tenantTables = ['tenants', ...rows.map((row) => row.table_name)];
    entityTables = new Map(
      dataSource.entityMetadatas
        .filter((metadata) => tenantTables.includes(metadata.tableName))
        .map((metadata) => [(metadata.target as { name: string }).name, metadata.tableName]),
    );
    files = sourceFiles();
    repositories = scopedRepositories(files, entityTables);
  });

  afterAll(async () => {
    await dataSource.destroy();
    await context.close();
  });

  it('finds the tenant-owned tables in the schema, each with an entity', () => {
    expect(tenantTables).toEqual(expect.arrayContaining(['tenants', 'declarations', 'registrations', 'audit_events']));
    expect([...entityTables.values()].sort()).toEqual([...tenantTables].sort());
  });

  it('gives each tenant-owned table exactly one scoped repository, or names it operator-only', () => {
    const owners = Object.fromEntries(
      tenantTables.map((table) => [
        table,
        repositories.filter((repository) => repository.table === table).map((repository) => repository.className),
      ]),
    );
    for (const table of tenantTables) {
      if (OPERATOR_ONLY_TABLES[table]) expect({ table, owners: owners[table] }).toEqual({ table, owners: [] });
      else expect({ table, owners: owners[table] }).toEqual({ table, owners: [expect.any(String)] });
    }
    expect(repositories.filter((repository) => !tenantTables.includes(repository.table))).toEqual([]);
  });

  it('lets no other file reach a tenant-owned table, but those listed with their reason', () => {
    const unlisted: string[] = [];
    const listed = new Map<string, Set<string>>();
    for (const file of files) {
      for (const table of tablesReached(file, entityTables, tenantTables)) {
        const owner = repositories.find((repository) => repository.table === table)?.path;
        if (file.path === owner) continue;
        if (OPERATOR_ONLY_TABLES[table]?.files.includes(file.path)) continue;
        if (CROSS_TENANT_READERS[file.path]?.tables.includes(table))
          listed.set(file.path, (listed.get(file.path) ?? new Set()).add(table));
        else unlisted.push(`${file.path} reaches ${table}`);
      }
    }
    expect(unlisted).toEqual([]);
    // The lists hold nothing stale: every entry is still needed.
    for (const [path, { tables }] of Object.entries(CROSS_TENANT_READERS))
      expect({ path, tables: [...(listed.get(path) ?? [])].sort() }).toEqual({ path, tables: [...tables].sort() });
  });

  it('lets a scoped repository use its table across tenants only in the listed methods', () => {
    const crossTenant = repositories.flatMap((repository) =>
      [...repository.methods].filter(([, across]) => across).map(([method]) => `${repository.className}.${method}`),
    );
    expect(crossTenant.sort()).toEqual(Object.keys(CROSS_TENANT_METHODS).sort());
    expect(
      repositories.flatMap((repository) => repository.violations.map((v) => `${repository.className}.${v}`)),
    ).toEqual([]);
  });

  it.each([[undefined], [''], ['12345'], ['974760674']])(
    'refuses tenant %p in every other method of every scoped repository, before any SQL',
    async (tenant) => {
      expect(repositories.length).toBeGreaterThan(5);
      const accepted: string[] = [];
      for (const repository of repositories) {
        const module = (await import(pathToFileURL(join(ROOT, repository.path)).href)) as Record<string, unknown>;
        const Repository = module[repository.className] as new (dataSource: DataSource) => Record<string, unknown>;
        const instance = new Repository(dataSource);
        const methods = new Set<string>();
        for (
          let proto = Object.getPrototypeOf(instance);
          proto !== Object.prototype;
          proto = Object.getPrototypeOf(proto)
        )
          for (const name of Object.getOwnPropertyNames(proto)) {
            const descriptor = Object.getOwnPropertyDescriptor(proto, name);
            if (typeof descriptor?.value === 'function') methods.add(name);
          }
        for (const method of methods) {
          if (['constructor', 'transaction', 'acrossTenants'].includes(method)) continue;
          if (CROSS_TENANT_METHODS[`${repository.className}.${method}`]) continue;
          const call = instance[method] as (...args: unknown[]) => unknown;
          const outcome = await Promise.resolve()
            .then(() => call.call(instance, tenant, anything(), anything(), anything(), anything()))
            .then(
              () => 'resolved',
              (error: unknown) => error,
            );
          if (!(outcome instanceof TenantScopeError))
            accepted.push(`${repository.className}.${method}: ${String(outcome)}`);
        }
      }
      expect(accepted).toEqual([]);
    },
  );

  it('refuses raw SQL of a scoped repository that does not compare the tenant with $1', async () => {
    class Unscoped extends TenantScopedRepository<WebhookSecretEntity> {
      constructor() {
        super(dataSource, WebhookSecretEntity);
      }
      readAll(tenantOrgnr: string) {
        return this.sql(tenantOrgnr, 'SELECT * FROM webhook_secrets');
      }
    }
    await expect(new Unscoped().readAll('974760673')).rejects.toThrow('tenant-scoped SQL must compare');
  });
});
