import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { DataSource } from 'typeorm';
import { createDataSourceOptions, TenantEntity, TenantScopeError } from '#database';
import { WebhookDeliveryRepository } from '#notifications';
import { createTestContext, type TestContext } from '../support/test-context.js';

describe('schema and tenant scoping', () => {
  let context: TestContext;
  let dataSource: DataSource;
  let deliveries: WebhookDeliveryRepository;

  beforeAll(async () => {
    context = await createTestContext();
    dataSource = await new DataSource(
      createDataSourceOptions({ ...context.config.database, url: context.ownerUrl }),
    ).initialize();
    deliveries = new WebhookDeliveryRepository(dataSource);
    await dataSource.getRepository(TenantEntity).insert([
      { orgnr: '974760673', name: 'Kommune A', municipalityNumber: '0301', contacts: [] },
      { orgnr: '971526920', name: 'Kommune B', municipalityNumber: null, contacts: [] },
    ]);
  });

  afterAll(async () => {
    await dataSource.destroy();
    await context.close();
  });

  it('has no drift between entities and migrations', async () => {
    const pending = await dataSource.driver.createSchemaBuilder().log();
    expect(pending.upQueries.map((query) => query.query)).toEqual([]);
  });

  it('applied every migration, and each one can be reverted and re-applied', async () => {
    expect(await dataSource.showMigrations()).toBe(false);
    for (let i = 0; i < dataSource.migrations.length; i++) await dataSource.undoLastMigration({ transaction: 'each' });
    const tables = await dataSource.query(
      `SELECT count(*)::int AS n FROM pg_tables WHERE schemaname = 'public' AND tablename <> 'schema_migrations'`,
    );
    expect(tables[0].n).toBe(0);
    await dataSource.runMigrations({ transaction: 'each' });
    expect(await dataSource.showMigrations()).toBe(false);
    await dataSource.getRepository(TenantEntity).insert([
      { orgnr: '974760673', name: 'Kommune A', municipalityNumber: '0301', contacts: [] },
      { orgnr: '971526920', name: 'Kommune B', municipalityNumber: null, contacts: [] },
    ]);
  });

  it.each([[''], [undefined], ['12345'], ['974760674']])(
    'refuses a tenant-scoped query for tenant %p',
    async (orgnr) => {
      await expect(deliveries.findMany(orgnr as string)).rejects.toBeInstanceOf(TenantScopeError);
      await expect(
        deliveries.findOne(orgnr as string, { id: '00000000-0000-0000-0000-000000000000' }),
      ).rejects.toBeInstanceOf(TenantScopeError);
      await expect(
        deliveries.create(orgnr as string, { url: 'http://x', event: 'e', payload: {} }),
      ).rejects.toBeInstanceOf(TenantScopeError);
    },
  );

  it("never returns another tenant's rows", async () => {
    const own = await deliveries.create('974760673', { url: 'http://a.example', event: 'test', payload: { n: 1 } });
    expect(await deliveries.findOne('971526920', { id: own.id })).toBeNull();
    expect(await deliveries.update('971526920', { id: own.id }, { status: 'failed' })).toBe(0);
    expect(await deliveries.count('971526920')).toBe(0);
    expect((await deliveries.findOne('974760673', { id: own.id }))?.status).toBe('pending');
  });
});
