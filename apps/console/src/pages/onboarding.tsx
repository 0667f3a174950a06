import { Link, Paragraph, Textfield } from '@digdir/designsystemet-react';
import { type ReactNode, useState } from 'react';
import type { OperatorRole } from '../auth/session';
import type { Declaration, Tenant } from '../api/types';
import { useConsole } from '../console-context';
import { ActionForm, DataTable, formatTime, Load, Page, Section, SelectField } from '../components';
import { t } from '../messages';
import { href } from '../router';
import { useLoad } from '../use-load';

/** Who may take each lifecycle step (the admin API's @Roles); the API still decides. */
const ACTION_ROLE: Record<string, OperatorRole> = {
  forward: 'operator',
  approve: 'operator',
  reject: 'operator',
  activate: 'operator',
  terminate: 'operator',
  suspend: 'incident-manager',
  resume: 'incident-manager',
};

const QUEUE = ['received', 'forwarded', 'approved', 'active', 'suspended'];

export function OnboardingPage(): ReactNode {
  const { api } = useConsole();
  const load = useLoad(
    () =>
      Promise.all([
        api.get<Declaration[]>('/declarations', { status: QUEUE.join(',') }),
        api.get<Tenant[]>('/tenants'),
      ]),
    [api],
  );
  return (
    <Page title={t.onboarding.title}>
      <Load load={load}>
        {([declarations, tenants]) => {
          const names = new Map(tenants.map((tenant) => [tenant.orgnr, tenant.name]));
          return QUEUE.map((status) => {
            const inState = declarations.filter((declaration) => declaration.status === status);
            return (
              <Section key={status} id={`queue-${status}`} title={`${t.declarationStatus[status]} (${inState.length})`}>
                {inState.length === 0 ? (
                  <Paragraph>{t.common.none}</Paragraph>
                ) : (
                  <DataTable
                    headers={[
                      t.onboarding.municipality,
                      t.municipalities.apis,
                      t.onboarding.signedBy,
                      t.common.actions,
                    ]}
                    rows={inState.map((declaration) => ({
                      key: declaration.id,
                      cells: [
                        <Link href={href('kommuner', declaration.tenantOrgnr)}>
                          {names.get(declaration.tenantOrgnr) ?? declaration.tenantOrgnr}
                        </Link>,
                        declaration.apis.join(', '),
                        `${declaration.signedBy}, ${formatTime(declaration.signedAt)}`,
                        <DeclarationActions declaration={declaration} onDone={load.reload} />,
                      ],
                    }))}
                  />
                )}
              </Section>
            );
          });
        }}
      </Load>
    </Page>
  );
}

/** The lifecycle steps allowed from the declaration's state and by the operator's roles; no others are offered. */
export function DeclarationActions({
  declaration,
  onDone,
}: {
  declaration: Declaration;
  onDone: () => void;
}): ReactNode {
  const { api, session } = useConsole();
  const offered = declaration.allowedActions.filter((action) => session.has(ACTION_ROLE[action] ?? 'operator'));
  const [action, setAction] = useState(offered[0] ?? '');
  const [text, setText] = useState('');
  const [date, setDate] = useState(new Date().toISOString().slice(0, 10));
  if (offered.length === 0) return <span>–</span>;
  const body = (): object => {
    if (action === 'forward') return {};
    if (action === 'activate') return { effectiveFrom: date };
    if (action === 'approve') return text ? { reference: text } : {};
    return text ? { reason: text } : {};
  };
  return (
    <ActionForm
      label={t.declarationAction[action] ?? action}
      variant="secondary"
      onSubmit={() => api.post(`/declarations/${declaration.id}/${action}`, body()).then(onDone)}
    >
      <SelectField
        label={t.common.actions}
        value={action}
        onChange={setAction}
        options={offered}
        optionLabel={(name) => t.declarationAction[name] ?? name}
      />
      {action === 'activate' && (
        <Textfield
          label={t.terms.effectiveFrom}
          type="date"
          required
          value={date}
          onChange={(event) => setDate(event.target.value)}
        />
      )}
      {action !== 'forward' && action !== 'activate' && (
        <Textfield
          label={action === 'approve' ? 'Skatteetatens referanse' : t.common.reason}
          value={text}
          onChange={(event) => setText(event.target.value)}
        />
      )}
    </ActionForm>
  );
}
