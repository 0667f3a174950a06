import { Button, Link, Paragraph, Tag, Textarea, Textfield } from '@digdir/designsystemet-react';
import { type ReactNode, useState } from 'react';
import { API_NAMES, INCIDENT_SEVERITIES, type Incident, type IncidentDetail, type IncidentReport } from '../api/types';
import { useConsole } from '../console-context';
import { ActionForm, CheckboxGroup, DataTable, formatTime, Load, Page, Section, SelectField } from '../components';
import { t } from '../messages';
import { href } from '../router';
import { useLoad } from '../use-load';

export function IncidentsPage(): ReactNode {
  const { api, session } = useConsole();
  const load = useLoad(() => api.get<Incident[]>('/incidents'), [api]);
  const [severity, setSeverity] = useState<string>('high');
  const [summary, setSummary] = useState('');
  return (
    <Page title={t.incidents.title}>
      <Load load={load}>
        {(incidents) =>
          incidents.length === 0 ? (
            <Paragraph>{t.common.none}</Paragraph>
          ) : (
            <DataTable
              headers={[t.incidents.summary, t.incidents.severity, t.incidents.status, t.incidents.openedAt]}
              rows={incidents.map((incident) => ({
                key: incident.id,
                cells: [
                  <Link href={href('hendelser', incident.id)}>{incident.summary}</Link>,
                  <Tag
                    data-color={incident.severity === 'critical' || incident.severity === 'high' ? 'danger' : 'neutral'}
                  >
                    {incident.severity}
                  </Tag>,
                  incident.status,
                  formatTime(incident.openedAt),
                ],
              }))}
            />
          )
        }
      </Load>
      {session.has('incident-manager') && (
        <Section id="open-incident" title={t.incidents.open}>
          <ActionForm
            label={t.incidents.open}
            onSubmit={async () => {
              const incident = await api.post<Incident>('/incidents', { severity, summary });
              window.location.hash = href('hendelser', incident.id);
            }}
          >
            <div>
              <SelectField
                label={t.incidents.severity}
                value={severity}
                onChange={setSeverity}
                options={INCIDENT_SEVERITIES}
              />
            </div>
            <Textfield
              label={t.incidents.summary}
              required
              value={summary}
              onChange={(event) => setSummary(event.target.value)}
            />
          </ActionForm>
        </Section>
      )}
    </Page>
  );
}

export function IncidentPage({ id }: { id: string }): ReactNode {
  const { api, session } = useConsole();
  const path = `/incidents/${encodeURIComponent(id)}`;
  const load = useLoad(() => api.get<IncidentDetail>(path), [api, path]);
  const [note, setNote] = useState('');
  const [showReport, setShowReport] = useState(false);
  const manager = session.has('incident-manager');
  return (
    <Load load={load}>
      {(incident) => (
        <Page title={incident.summary}>
          <Paragraph>
            {t.incidents.severity}: {incident.severity} · {t.incidents.status}: {incident.status} ·{' '}
            {t.incidents.openedAt} {formatTime(incident.openedAt)} ({incident.openedBy})
          </Paragraph>
          {manager &&
            incident.allowedTransitions.map((status) => (
              <ActionForm
                key={status}
                label={`${t.incidents.moveTo}: ${status}`}
                variant="secondary"
                onSubmit={() => api.patch(path, { status }).then(load.reload)}
              />
            ))}

          <Section id="timeline" title={t.incidents.timeline}>
            <ol>
              {incident.timeline.map((entry) => (
                <li key={entry.id}>
                  {formatTime(entry.at)} – {entry.author}: {entry.text}
                </li>
              ))}
            </ol>
            {manager && (
              <ActionForm
                label={t.incidents.addNote}
                variant="secondary"
                onSubmit={() => api.post(`${path}/timeline`, { text: note }).then(() => (setNote(''), load.reload()))}
              >
                <Textarea
                  aria-label={t.incidents.note}
                  required
                  value={note}
                  onChange={(event) => setNote(event.target.value)}
                />
              </ActionForm>
            )}
          </Section>

          <Section id="actions" title={t.incidents.action}>
            <ul>
              {incident.actions.map((action) => (
                <li key={action.id}>
                  {formatTime(action.performedAt)} – {t.incidentActions[action.type] ?? action.type}
                  {action.tenant ? ` (${action.tenant})` : ''} – {action.performedBy}
                  {action.notifications.length > 0 ? ` – ${action.notifications.length} varsler` : ''}
                </li>
              ))}
            </ul>
            {manager && incident.status !== 'closed' && <IncidentActionForm path={path} onDone={load.reload} />}
          </Section>

          <Section id="report" title={t.incidents.report}>
            <div className="row no-print">
              <Button variant="secondary" onClick={() => setShowReport((shown) => !shown)} aria-expanded={showReport}>
                {t.incidents.report}
              </Button>
              <Button variant="tertiary" onClick={() => window.print()}>
                {t.incidents.print}
              </Button>
            </div>
            {showReport && <Report path={path} />}
          </Section>
        </Page>
      )}
    </Load>
  );
}

function Report({ path }: { path: string }): ReactNode {
  const { api } = useConsole();
  const load = useLoad(() => api.get<IncidentReport>(`${path}/report`), [api, path]);
  return (
    <Load load={load}>
      {(report) => (
        <article>
          <Paragraph>
            {report.incident.summary} – {formatTime(report.generatedAt)}
          </Paragraph>
          <ol>
            {report.timeline.map((entry) => (
              <li key={entry.id}>
                {formatTime(entry.at)} {entry.author}: {entry.text}
              </li>
            ))}
          </ol>
        </article>
      )}
    </Load>
  );
}

/**
 * One form per action type with exactly the fields it takes. A personidentifikator typed here is
 * sent once and cleared: the platform keeps only a keyed hash, and the console never shows it again.
 */
function IncidentActionForm({ path, onDone }: { path: string; onDone: () => void }): ReactNode {
  const { api } = useConsole();
  const [type, setType] = useState('suspend-tenant');
  const [tenant, setTenant] = useState('');
  const [apis, setApis] = useState<string[]>([]);
  const [reason, setReason] = useState('');
  const [supplier, setSupplier] = useState('');
  const [person, setPerson] = useState('');
  const [blockId, setBlockId] = useState('');
  const [apiName, setApiName] = useState<string>(API_NAMES[0]);
  const fields: Record<string, string[]> = {
    'suspend-tenant': ['tenant', 'apis', 'reason'],
    'resume-tenant': ['tenant', 'apis', 'reason'],
    'revoke-supplier': ['tenant', 'supplier', 'reason'],
    'block-subject': ['personidentifikator', 'reason'],
    'unblock-subject': ['blockId', 'reason'],
    'reverify-delegations': ['tenant', 'reason'],
    'flush-tokens': ['tenant', 'reason'],
    'pause-api': ['api', 'reason'],
    'resume-api': ['api', 'reason'],
  };
  const uses = (field: string) => fields[type]!.includes(field);
  const body = () => ({
    type,
    ...(uses('tenant') ? { tenant } : {}),
    ...(uses('apis') && apis.length > 0 ? { apis } : {}),
    ...(uses('reason') && reason ? { reason } : {}),
    ...(uses('supplier') ? { supplier } : {}),
    ...(uses('personidentifikator') ? { personidentifikator: person } : {}),
    ...(uses('blockId') ? { blockId } : {}),
    ...(uses('api') ? { api: apiName } : {}),
  });
  return (
    <ActionForm
      label={t.incidents.doAction}
      onSubmit={async () => {
        try {
          await api.post(`${path}/actions`, body());
        } finally {
          setPerson('');
        }
        onDone();
      }}
    >
      <SelectField
        label={t.incidents.action}
        value={type}
        onChange={setType}
        options={Object.keys(fields)}
        optionLabel={(name) => t.incidentActions[name] ?? name}
      />
      {uses('tenant') && (
        <Textfield
          label={t.incidents.tenant}
          required
          inputMode="numeric"
          value={tenant}
          onChange={(event) => setTenant(event.target.value)}
        />
      )}
      {uses('apis') && (
        <CheckboxGroup legend={t.incidents.apis} options={API_NAMES} checked={apis} onChange={setApis} />
      )}
      {uses('supplier') && (
        <Textfield
          label={t.incidents.supplier}
          required
          inputMode="numeric"
          value={supplier}
          onChange={(event) => setSupplier(event.target.value)}
        />
      )}
      {uses('personidentifikator') && (
        <Textfield
          label={t.incidents.personidentifikator}
          description={t.incidents.personidentifikatorHelp}
          required
          autoComplete="off"
          inputMode="numeric"
          value={person}
          onChange={(event) => setPerson(event.target.value)}
        />
      )}
      {uses('blockId') && (
        <Textfield
          label={t.incidents.blockId}
          required
          value={blockId}
          onChange={(event) => setBlockId(event.target.value)}
        />
      )}
      {uses('api') && (
        <div>
          <SelectField label={t.incidents.api} value={apiName} onChange={setApiName} options={API_NAMES} />
        </div>
      )}
      {uses('reason') && (
        <Textfield label={t.common.reason} value={reason} onChange={(event) => setReason(event.target.value)} />
      )}
    </ActionForm>
  );
}
