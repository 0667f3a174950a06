import { Card, Heading, Link, Paragraph } from '@digdir/designsystemet-react';
import type { ReactNode } from 'react';
import type { Declaration, DeadLetter, Incident, Statistics, Tenant } from '../api/types';
import { INCIDENT_SEVERITIES } from '../api/types';
import { useConsole } from '../console-context';
import { ActionForm, DataTable, formatTime, Load, Page } from '../components';
import { t } from '../messages';
import { href } from '../router';
import { barsOf, lastPeriods, UsageChart } from '../usage-chart';
import { useLoad } from '../use-load';

const WAITING_FOR_OPERATOR = ['received', 'forwarded', 'approved'];

export function OverviewPage(): ReactNode {
  const { api } = useConsole();
  const load = useLoad(
    () =>
      Promise.all([
        api.get<Tenant[]>('/tenants'),
        api.get<Declaration[]>('/declarations', { status: WAITING_FOR_OPERATOR.join(',') }),
        api.get<Incident[]>('/incidents'),
        api.get<DeadLetter[]>('/notifications/dead-letters'),
        api.get<Statistics>('/statistics', { granularity: 'hour', by: 'decision' }),
        api.get<Statistics>('/statistics', { granularity: 'day', by: 'decision' }),
      ]),
    [api],
  );
  return (
    <Page title={t.overview.title}>
      <Load load={load}>
        {([tenants, waiting, incidents, deadLetters, hourly, daily]) => (
          <div className="cards">
            <Card className="wide">
              <UsageChart
                title={t.statistics.last24h}
                bars={barsOf(hourly.rows, lastPeriods('hour', 24))}
                label={(period) => `${period.slice(11, 13)}:00`}
              />
              <UsageChart
                title={t.statistics.last30d}
                bars={barsOf(daily.rows, lastPeriods('day', 30))}
                label={(period) => period}
              />
            </Card>
            <Tile title={t.overview.municipalitiesByState}>
              <CountTable counts={countBy(tenants, (tenant) => tenant.status)} labels={t.tenantStatus} />
            </Tile>
            <Tile title={t.overview.waiting}>
              <CountTable counts={countBy(waiting, (declaration) => declaration.status)} labels={t.declarationStatus} />
              <Link href={href('tilslutninger')}>{t.nav.onboarding}</Link>
            </Tile>
            <Tile title={t.overview.openIncidents}>
              <CountTable
                counts={countBy(
                  incidents.filter((incident) => incident.status !== 'closed' && incident.status !== 'resolved'),
                  (incident) => incident.severity,
                  INCIDENT_SEVERITIES,
                )}
                labels={{}}
              />
              <Link href={href('hendelser')}>{t.nav.incidents}</Link>
            </Tile>
            <Tile title={t.overview.deadLetters}>
              <Paragraph data-size="xl">{deadLetters.length}</Paragraph>
              <DeadLetters deadLetters={deadLetters} onRetried={load.reload} />
            </Tile>
          </div>
        )}
      </Load>
    </Page>
  );
}

/** One figure of the overview: a card under its own heading. */
function Tile({ title, children }: { title: string; children: ReactNode }): ReactNode {
  return (
    <Card>
      <Heading level={2} data-size="xs">
        {title}
      </Heading>
      {children}
    </Card>
  );
}

function countBy<T>(items: T[], key: (item: T) => string, order: readonly string[] = []): Array<[string, number]> {
  const counts = new Map<string, number>(order.map((name) => [name, 0]));
  for (const item of items) counts.set(key(item), (counts.get(key(item)) ?? 0) + 1);
  return [...counts];
}

function CountTable({
  counts,
  labels,
}: {
  counts: Array<[string, number]>;
  labels: Record<string, string>;
}): ReactNode {
  if (counts.length === 0) return <Paragraph>{t.common.none}</Paragraph>;
  return (
    <DataTable size="sm" rows={counts.map(([name, count]) => ({ key: name, cells: [labels[name] ?? name, count] }))} />
  );
}

/** Undelivered notifications, each with its last error; an incident manager may send one again. */
function DeadLetters({ deadLetters, onRetried }: { deadLetters: DeadLetter[]; onRetried: () => void }): ReactNode {
  const { api, session } = useConsole();
  if (deadLetters.length === 0) return null;
  return (
    <ul>
      {deadLetters.map((letter) => (
        <li key={letter.id}>
          {formatTime(letter.createdAt)} – {letter.tenantOrgnr} – {letter.event} ({letter.attempts}){' '}
          {letter.lastError ?? ''}
          {session.has('incident-manager') && (
            <ActionForm
              label={t.overview.retry}
              variant="secondary"
              onSubmit={() => api.post(`/notifications/dead-letters/${letter.id}/retry`).then(onRetried)}
            />
          )}
        </li>
      ))}
    </ul>
  );
}
