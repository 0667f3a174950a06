import { Button, Paragraph, Textfield } from '@digdir/designsystemet-react';
import { type ReactNode, useState } from 'react';
import type { AuditEvent } from '../api/types';
import { useConsole } from '../console-context';
import { ActionForm, DataTable, formatTime, Load, Page, Section } from '../components';
import { t } from '../messages';
import { useLoad } from '../use-load';

interface AuditPage {
  items: AuditEvent[];
  nextCursor: string | null;
}

interface AuditExport {
  id: string;
  status: string;
  tenant: string | null;
  eventCount: number | null;
  sha256: string | null;
  createdAt: string;
}

export function AuditPage(): ReactNode {
  const { session } = useConsole();
  return (
    <Page title={t.audit.title}>
      {session.has('auditor') ? (
        <>
          <Search />
          <SubjectAccess />
          <Exports />
        </>
      ) : (
        <Paragraph>{t.common.forbidden}</Paragraph>
      )}
      <SigningKeys />
    </Page>
  );
}

function Search(): ReactNode {
  const { api } = useConsole();
  const [tenant, setTenant] = useState('');
  const [caseReference, setCaseReference] = useState('');
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const [page, setPage] = useState<AuditPage>();
  const query = (cursor?: string) => api.get<AuditPage>('/audit', { tenant, caseReference, from, to, cursor });
  return (
    <Section id="audit-search" title={t.audit.search}>
      <ActionForm label={t.common.search} onSubmit={async () => setPage(await query())}>
        <Textfield
          label={t.audit.tenant}
          inputMode="numeric"
          value={tenant}
          onChange={(e) => setTenant(e.target.value)}
        />
        <Textfield
          label={t.audit.caseReference}
          value={caseReference}
          onChange={(e) => setCaseReference(e.target.value)}
        />
        <Textfield
          label={t.audit.from}
          value={from}
          placeholder="2026-12-01T00:00:00Z"
          onChange={(e) => setFrom(e.target.value)}
        />
        <Textfield label={t.audit.to} value={to} onChange={(e) => setTo(e.target.value)} />
      </ActionForm>
      {page && (
        <>
          <EventTable events={page.items} />
          {page.nextCursor && (
            <Button
              variant="secondary"
              onClick={() =>
                void query(page.nextCursor!).then((next) =>
                  setPage({ items: [...page.items, ...next.items], nextCursor: next.nextCursor }),
                )
              }
            >
              {t.audit.more}
            </Button>
          )}
        </>
      )}
    </Section>
  );
}

/** The subject-access report: the personidentifikator is sent once and cleared from the form. */
function SubjectAccess(): ReactNode {
  const { api } = useConsole();
  const [subject, setSubject] = useState('');
  const [events, setEvents] = useState<AuditEvent[]>();
  return (
    <Section id="subject-access" title={t.audit.subjectAccess}>
      <ActionForm
        label={t.audit.run}
        onSubmit={async () => {
          try {
            setEvents((await api.get<AuditPage>('/audit', { subject, limit: '200' })).items);
          } finally {
            setSubject('');
          }
        }}
      >
        <Textfield
          label={t.audit.subject}
          required
          autoComplete="off"
          inputMode="numeric"
          value={subject}
          onChange={(e) => setSubject(e.target.value)}
        />
      </ActionForm>
      {events && <EventTable events={events} />}
    </Section>
  );
}

function EventTable({ events }: { events: AuditEvent[] }): ReactNode {
  if (events.length === 0) return <Paragraph>{t.common.none}</Paragraph>;
  return (
    <DataTable
      size="sm"
      headers={[
        t.audit.occurredAt,
        t.audit.tenant,
        t.audit.kind,
        t.audit.operation,
        t.audit.decision,
        t.audit.caseReference,
      ]}
      rows={events.map((event) => ({
        key: event.id,
        cells: [
          formatTime(event.occurredAt),
          event.tenantOrgnr ?? '–',
          event.kind,
          event.operation,
          `${event.decision}${event.reasonCode ? ` (${event.reasonCode})` : ''}`,
          event.caseReference ?? '–',
        ],
      }))}
    />
  );
}

function Exports(): ReactNode {
  const { api } = useConsole();
  const [tenant, setTenant] = useState('');
  const [exports, setExports] = useState<AuditExport[]>([]);
  const refresh = async () =>
    setExports(await Promise.all(exports.map((item) => api.get<AuditExport>(`/audit/exports/${item.id}`))));
  const download = async (item: AuditExport) => {
    const blob = await api.blob(`/audit/exports/${item.id}/download`);
    const link = document.createElement('a');
    link.href = URL.createObjectURL(blob);
    link.download = `revisjonslogg-${item.tenant ?? 'alle'}-${item.id}.jsonl`;
    link.click();
    URL.revokeObjectURL(link.href);
  };
  return (
    <Section id="exports" title={t.audit.exports}>
      <ActionForm
        label={t.audit.requestExport}
        onSubmit={async () => {
          const created = await api.post<AuditExport>('/audit/exports', tenant ? { tenant } : {});
          setExports((current) => [created, ...current]);
        }}
      >
        <Textfield
          label={t.audit.tenant}
          inputMode="numeric"
          value={tenant}
          onChange={(e) => setTenant(e.target.value)}
        />
      </ActionForm>
      {exports.length > 0 && (
        <>
          <Button variant="tertiary" onClick={() => void refresh()}>
            Oppdater status
          </Button>
          <ul>
            {exports.map((item) => (
              <li key={item.id}>
                {formatTime(item.createdAt)} – {item.tenant ?? t.common.all} – {item.status}
                {item.eventCount !== null ? ` – ${item.eventCount} hendelser` : ''}{' '}
                {item.status === 'completed' && (
                  <Button variant="secondary" data-size="sm" onClick={() => void download(item)}>
                    {t.audit.download}
                  </Button>
                )}
              </li>
            ))}
          </ul>
        </>
      )}
    </Section>
  );
}

function SigningKeys(): ReactNode {
  const { api } = useConsole();
  const load = useLoad(
    () => api.get<{ keys: Array<{ kid?: string; alg?: string; kty?: string }> }>('/audit/signing-keys'),
    [api],
  );
  return (
    <Section id="signing-keys" title={t.audit.signingKeys}>
      <Load load={load}>
        {(jwks) => (
          <ul>
            {jwks.keys.map((key) => (
              <li key={key.kid}>
                {key.kid} ({key.alg ?? key.kty})
              </li>
            ))}
          </ul>
        )}
      </Load>
    </Section>
  );
}
