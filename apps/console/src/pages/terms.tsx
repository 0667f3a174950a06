import { Checkbox, Paragraph, Textarea, Textfield } from '@digdir/designsystemet-react';
import { type ReactNode, useState } from 'react';
import type { ResignOwed, TermsVersion } from '../api/types';
import { useConsole } from '../console-context';
import { ActionForm, DataTable, formatTime, Load, Page, Section } from '../components';
import { t } from '../messages';
import { useLoad } from '../use-load';

export function TermsPage(): ReactNode {
  const { api, session } = useConsole();
  const load = useLoad(() => api.get<TermsVersion[]>('/terms'), [api]);
  const [version, setVersion] = useState('');
  const [changelog, setChangelog] = useState('');
  const [effectiveFrom, setEffectiveFrom] = useState('');
  const [requiresResign, setRequiresResign] = useState(false);
  return (
    <Page title={t.terms.title}>
      <Section id="terms-versions" title={t.terms.versions}>
        <Load load={load}>
          {(versions) => (
            <DataTable
              headers={[
                t.terms.version,
                t.terms.publishedAt,
                t.terms.effectiveFrom,
                t.terms.requiresResign,
                t.terms.resignBy,
                t.terms.changelog,
              ]}
              rows={versions.map((terms) => ({
                key: terms.version,
                cells: [
                  terms.version,
                  formatTime(terms.publishedAt),
                  formatTime(terms.effectiveFrom),
                  terms.requiresResign ? t.terms.yes : t.terms.no,
                  formatTime(terms.resignBy),
                  terms.changelog,
                ],
              }))}
            />
          )}
        </Load>
      </Section>
      <Load load={load}>
        {(versions) =>
          versions
            .filter((terms) => terms.requiresResign)
            .map((terms) => <ResignOwedList key={terms.version} version={terms.version} />)
        }
      </Load>
      {session.has('operator') && (
        <Section id="terms-publish" title={t.terms.publish}>
          <ActionForm
            label={t.terms.publish}
            onSubmit={() =>
              api
                .post('/terms', { version, changelog, requiresResign, ...(effectiveFrom ? { effectiveFrom } : {}) })
                .then(load.reload)
            }
          >
            <Textfield label={t.terms.version} required value={version} onChange={(e) => setVersion(e.target.value)} />
            <Textfield
              label={t.terms.effectiveFrom}
              type="date"
              value={effectiveFrom}
              onChange={(e) => setEffectiveFrom(e.target.value)}
            />
            <Textarea
              aria-label={t.terms.changelog}
              required
              value={changelog}
              onChange={(e) => setChangelog(e.target.value)}
            />
            <Checkbox
              label={t.terms.requiresResign}
              checked={requiresResign}
              onChange={(e) => setRequiresResign(e.target.checked)}
            />
          </ActionForm>
        </Section>
      )}
    </Page>
  );
}

/** The municipalities whose declaration must be signed again under `version`, and whether they are late. */
function ResignOwedList({ version }: { version: string }): ReactNode {
  const { api } = useConsole();
  const load = useLoad(
    () => api.get<ResignOwed[]>(`/terms/${encodeURIComponent(version)}/resign-owed`),
    [api, version],
  );
  return (
    <Section id={`owed-${version}`} title={t.terms.resignOwed(version)}>
      <Load load={load}>
        {(owed) =>
          owed.length === 0 ? (
            <Paragraph>{t.terms.noneOwe}</Paragraph>
          ) : (
            <ul>
              {owed.map((item) => (
                <li key={item.declarationId}>
                  {item.name} ({item.orgnr}) – {item.signedVersion} – {formatTime(item.resignBy)}
                  {item.overdue ? ` – ${t.terms.overdue}` : ''}
                </li>
              ))}
            </ul>
          )
        }
      </Load>
    </Section>
  );
}
