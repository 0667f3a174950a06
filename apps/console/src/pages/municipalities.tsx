import { Button, Checkbox, Heading, Link, Paragraph, Search, Tag, Textfield } from '@digdir/designsystemet-react';
import { type ReactNode, useState } from 'react';
import {
  API_NAMES,
  type Declaration,
  type Delegation,
  type Explanation,
  LEGAL_BASES,
  type Statistics,
  STATUS_OPERATIONS,
  type Supplier,
  type Tenant,
  type TermsVersion,
} from '../api/types';
import { useConsole } from '../console-context';
import { ActionForm, CheckboxGroup, DataTable, formatTime, Load, Page, Section, SelectField } from '../components';
import { t } from '../messages';
import { href } from '../router';
import { useLoad } from '../use-load';
import { DeclarationActions } from './onboarding';

export function MunicipalitiesPage(): ReactNode {
  const { api, session } = useConsole();
  const load = useLoad(() => api.get<Tenant[]>('/tenants'), [api]);
  const [query, setQuery] = useState('');
  const [status, setStatus] = useState('');
  return (
    <Page title={t.municipalities.title}>
      <div className="row">
        <Search>
          <Search.Input
            aria-label={t.municipalities.searchLabel}
            value={query}
            onChange={(event) => setQuery(event.target.value)}
          />
          <Search.Clear onClick={() => setQuery('')} />
        </Search>
        <div>
          <SelectField
            label={t.municipalities.filterLabel}
            value={status}
            onChange={setStatus}
            options={['', ...Object.keys(t.tenantStatus)]}
            optionLabel={(value) => (value ? t.tenantStatus[value] : t.common.all)}
          />
        </div>
      </div>
      <Load load={load}>
        {(tenants) => {
          const needle = query.trim().toLowerCase();
          const shown = tenants.filter(
            (tenant) =>
              (!status || tenant.status === status) &&
              (!needle || tenant.name.toLowerCase().includes(needle) || tenant.orgnr.includes(needle)),
          );
          if (shown.length === 0) return <Paragraph>{t.municipalities.notFound}</Paragraph>;
          return (
            <DataTable
              caption={t.municipalities.title}
              captionHidden
              headers={[t.common.name, t.common.orgnr, t.common.state]}
              rows={shown.map((tenant) => ({
                key: tenant.orgnr,
                cells: [
                  <Link href={href('kommuner', tenant.orgnr)}>{tenant.name}</Link>,
                  tenant.orgnr,
                  <StatusTag status={tenant.status} />,
                ],
              }))}
            />
          );
        }}
      </Load>
      {session.has('operator') && <CreateMunicipality />}
    </Page>
  );
}

function CreateMunicipality(): ReactNode {
  const { api } = useConsole();
  const [orgnr, setOrgnr] = useState('');
  const [name, setName] = useState('');
  const [number, setNumber] = useState('');
  const [contact, setContact] = useState('');
  const [email, setEmail] = useState('');
  return (
    <Section id="create-municipality" title={t.municipalities.create}>
      <ActionForm
        label={t.municipalities.createButton}
        onSubmit={async () => {
          const created = await api.post<Tenant>('/tenants', {
            orgnr,
            name,
            ...(number ? { municipalityNumber: number } : {}),
            contacts: contact ? [{ name: contact, ...(email ? { email } : {}) }] : [],
          });
          window.location.hash = href('kommuner', created.orgnr);
        }}
      >
        <Textfield
          label={t.common.orgnr}
          required
          inputMode="numeric"
          value={orgnr}
          onChange={(e) => setOrgnr(e.target.value)}
        />
        <Textfield label={t.common.name} required value={name} onChange={(e) => setName(e.target.value)} />
        <Textfield
          label={t.municipalities.municipalityNumber}
          inputMode="numeric"
          value={number}
          onChange={(e) => setNumber(e.target.value)}
        />
        <Textfield label={t.municipalities.contactName} value={contact} onChange={(e) => setContact(e.target.value)} />
        <Textfield
          label={t.municipalities.contactEmail}
          type="email"
          value={email}
          onChange={(e) => setEmail(e.target.value)}
        />
      </ActionForm>
    </Section>
  );
}

export function StatusTag({ status }: { status: string }): ReactNode {
  const color = status === 'active' ? 'success' : status === 'suspended' ? 'warning' : 'neutral';
  return <Tag data-color={color}>{t.tenantStatus[status] ?? t.declarationStatus[status] ?? status}</Tag>;
}

export function MunicipalityPage({ orgnr }: { orgnr: string }): ReactNode {
  const { api, session } = useConsole();
  const path = `/tenants/${encodeURIComponent(orgnr)}`;
  const load = useLoad(
    () =>
      Promise.all([
        api.get<Tenant>(path),
        api.get<Declaration[]>(`${path}/declarations`),
        api.get<Delegation[]>(`${path}/delegations`),
        api.get<Supplier[]>(`${path}/suppliers`),
        api.get<Statistics>('/statistics', { granularity: 'day', tenant: orgnr, by: 'api,decision,reasonCode' }),
      ]),
    [api, path],
  );
  const [reason, setReason] = useState('');
  const [rate, setRate] = useState('');
  return (
    <Load load={load}>
      {([tenant, declarations, delegations, suppliers, usage]) => (
        <Page
          title={
            <>
              {tenant.name} <StatusTag status={tenant.status} />
            </>
          }
        >
          <Paragraph>
            {t.common.orgnr}: {tenant.orgnr}
          </Paragraph>

          <Section id="contacts" title={t.municipalities.contacts}>
            <ul>
              {tenant.contacts.map((contact) => (
                <li key={`${contact.name}-${contact.email ?? ''}`}>
                  {contact.name} {contact.email ? `– ${contact.email}` : ''} {contact.phone ? `– ${contact.phone}` : ''}
                </li>
              ))}
            </ul>
          </Section>

          <Section id="declarations" title={t.municipalities.declarations}>
            <DataTable
              headers={[t.common.state, t.municipalities.apis, t.terms.version, t.common.actions]}
              rows={declarations.map((declaration) => ({
                key: declaration.id,
                cells: [
                  <StatusTag status={declaration.status} />,
                  declaration.apis.join(', '),
                  declaration.termsVersion,
                  <DeclarationActions declaration={declaration} onDone={load.reload} />,
                ],
              }))}
            />
            {session.has('operator') && <RecordDeclaration path={path} onDone={load.reload} />}
          </Section>

          <Section id="delegations" title={t.municipalities.delegations}>
            <DataTable
              headers={['API', 'Scope', t.common.state, t.municipalities.lastChecked]}
              rows={delegations.map((delegation) => ({
                key: delegation.id,
                cells: [
                  delegation.api,
                  delegation.scope,
                  `${delegation.status}${delegation.problemCode ? ` (${delegation.problemCode})` : ''}`,
                  formatTime(delegation.checkedAt),
                ],
              }))}
            />
            {session.has('operator') && <RegisterDelegation path={path} onDone={load.reload} />}
            {session.has('operator') && (
              <ActionForm
                label={t.municipalities.reverify}
                variant="secondary"
                onSubmit={() => api.post(`${path}/delegations/verify`).then(load.reload)}
              />
            )}
          </Section>

          <Section id="suppliers" title={t.municipalities.suppliers}>
            {suppliers.length === 0 ? (
              <Paragraph>{t.common.none}</Paragraph>
            ) : (
              <ul>
                {suppliers.map((supplier) => (
                  <li key={supplier.orgnr}>
                    {supplier.name} ({supplier.orgnr})
                  </li>
                ))}
              </ul>
            )}
          </Section>

          <ApiStatus orgnr={tenant.orgnr} legalBasis={declarations.find((d) => d.status === 'active')?.legalBases[0]} />

          <Usage statistics={usage} />

          <Section id="limits" title={t.municipalities.rateLimit}>
            <Paragraph>{tenant.ratePerMinute ?? t.municipalities.rateDefault}</Paragraph>
            {session.has('operator') && (
              <ActionForm
                label={t.common.save}
                variant="secondary"
                onSubmit={() => api.patch(path, { ratePerMinute: rate === '' ? null : Number(rate) }).then(load.reload)}
              >
                <Textfield
                  label={t.municipalities.rateLimit}
                  type="number"
                  min={1}
                  value={rate}
                  onChange={(event) => setRate(event.target.value)}
                />
              </ActionForm>
            )}
          </Section>

          {session.has('incident-manager') && tenant.status !== 'terminated' && (
            <Section
              id="suspension"
              title={tenant.status === 'suspended' ? t.municipalities.resume : t.municipalities.suspend}
            >
              <ActionForm
                label={tenant.status === 'suspended' ? t.municipalities.resume : t.municipalities.suspend}
                onSubmit={() =>
                  api
                    .post(`${path}/${tenant.status === 'suspended' ? 'resume' : 'suspend'}`, { reason })
                    .then(load.reload)
                }
              >
                <Textfield
                  label={t.common.reason}
                  required
                  value={reason}
                  onChange={(event) => setReason(event.target.value)}
                />
              </ActionForm>
            </Section>
          )}
          <Button variant="tertiary" asChild>
            <a href={href('kommuner')}>← {t.municipalities.title}</a>
          </Button>
        </Page>
      )}
    </Load>
  );
}

/** Calls per API per day and refusals by code over the last 30 days, from the statistics rollup. */
function Usage({ statistics }: { statistics: Statistics }): ReactNode {
  const perApiDay = new Map<string, number>();
  const refusals = new Map<string, number>();
  for (const row of statistics.rows) {
    const key = `${row.period}|${row.api || '–'}`;
    perApiDay.set(key, (perApiDay.get(key) ?? 0) + row.calls);
    if (row.decision === 'deny')
      refusals.set(row.reasonCode || '–', (refusals.get(row.reasonCode || '–') ?? 0) + row.calls);
  }
  return (
    <Section id="usage" title={t.statistics.usage}>
      {perApiDay.size === 0 ? (
        <Paragraph>{t.common.none}</Paragraph>
      ) : (
        <div className="row">
          <DataTable
            size="sm"
            caption={t.statistics.perApi}
            headers={[t.statistics.period, 'API', t.statistics.calls]}
            rows={[...perApiDay].map(([key, calls]) => ({ key, cells: [...key.split('|'), calls] }))}
          />
          <DataTable
            size="sm"
            caption={t.statistics.refusals}
            headers={[t.statistics.code, t.statistics.calls]}
            rows={[...refusals].map(([code, calls]) => ({ key: code, cells: [code, calls] }))}
          />
        </div>
      )}
    </Section>
  );
}

function RecordDeclaration({ path, onDone }: { path: string; onDone: () => void }): ReactNode {
  const { api } = useConsole();
  const terms = useLoad(() => api.get<TermsVersion[]>('/terms'), [api]);
  const [termsVersion, setTermsVersion] = useState('');
  const [signedBy, setSignedBy] = useState('');
  const [signedAt, setSignedAt] = useState(new Date().toISOString().slice(0, 10));
  const [sha, setSha] = useState('');
  const [environment, setEnvironment] = useState('prod');
  const [apis, setApis] = useState<string[]>([]);
  const [bases, setBases] = useState<string[]>([]);
  const [existing, setExisting] = useState(false);
  return (
    <ActionForm
      label={t.municipalities.recordDeclaration}
      variant="secondary"
      onSubmit={() =>
        api
          .post(`${path}/declarations`, {
            termsVersion: termsVersion || terms.data?.at(-1)?.version,
            signedBy,
            signedAt: new Date(signedAt).toISOString(),
            documentSha256: sha,
            environment,
            apis,
            legalBases: bases,
            existingAgreement: existing,
          })
          .then(onDone)
      }
    >
      <Heading level={3} data-size="xs">
        {t.municipalities.recordDeclaration}
      </Heading>
      <SelectField
        label={t.municipalities.termsVersion}
        value={termsVersion}
        onChange={setTermsVersion}
        options={(terms.data ?? []).map((version) => version.version)}
      />
      <Textfield
        label={t.municipalities.signedBy}
        required
        value={signedBy}
        onChange={(e) => setSignedBy(e.target.value)}
      />
      <Textfield
        label={t.municipalities.signedAt}
        type="date"
        required
        value={signedAt}
        onChange={(e) => setSignedAt(e.target.value)}
      />
      <Textfield
        label={t.municipalities.documentSha256}
        required
        value={sha}
        onChange={(e) => setSha(e.target.value.trim())}
      />
      <SelectField
        label={t.municipalities.environment}
        value={environment}
        onChange={setEnvironment}
        options={['prod', 'test']}
      />
      <CheckboxGroup legend={t.municipalities.apis} options={API_NAMES} checked={apis} onChange={setApis} />
      <CheckboxGroup
        legend={t.municipalities.legalBases}
        options={LEGAL_BASES.map((basis) => basis.code)}
        optionLabel={(code) => LEGAL_BASES.find((basis) => basis.code === code)!.title}
        checked={bases}
        onChange={setBases}
      />
      <Checkbox
        label={t.municipalities.existingAgreement}
        checked={existing}
        onChange={(e) => setExisting(e.target.checked)}
      />
    </ActionForm>
  );
}

function RegisterDelegation({ path, onDone }: { path: string; onDone: () => void }): ReactNode {
  const { api } = useConsole();
  const [apiName, setApiName] = useState<string>(API_NAMES[0]);
  return (
    <ActionForm
      label={t.municipalities.registerDelegation}
      variant="secondary"
      onSubmit={() => api.post(`${path}/delegations`, { api: apiName }).then(onDone)}
    >
      <Paragraph data-size="sm">{t.municipalities.registerDelegationHelp}</Paragraph>
      <SelectField label="API" value={apiName} onChange={setApiName} options={API_NAMES} />
    </ActionForm>
  );
}

/** For each API, what the gateway's policy would decide now (the admin API's explain), with its reasons. */
function ApiStatus({ orgnr, legalBasis }: { orgnr: string; legalBasis: string | undefined }): ReactNode {
  const { api } = useConsole();
  const load = useLoad(
    () =>
      Promise.all(
        API_NAMES.map((name) =>
          api.get<Explanation>('/policy/explain', {
            orgnr,
            operation: STATUS_OPERATIONS[name],
            legalBasis,
            purpose: 'innkreving-kommunale-krav',
          }),
        ),
      ),
    [api, orgnr, legalBasis],
  );
  return (
    <Section id="api-status" title={t.municipalities.apiStatus}>
      <Paragraph data-size="sm">{t.municipalities.apiStatusHelp}</Paragraph>
      <Load load={load}>
        {(explanations) => (
          <DataTable
            size="sm"
            rows={explanations.map((explanation, i) => ({
              key: explanation.operation,
              cells: [
                API_NAMES[i],
                <Tag data-color={explanation.allow ? 'success' : 'danger'}>
                  {explanation.allow ? t.municipalities.usable : t.municipalities.notUsable}
                </Tag>,
                explanation.allow ? '' : `${explanation.code}: ${explanation.reasons.join(' ')}`,
              ],
            }))}
          />
        )}
      </Load>
    </Section>
  );
}
