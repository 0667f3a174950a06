import { Button, Dialog, Heading, Link, Paragraph, SkipLink } from '@digdir/designsystemet-react';
import { type ReactNode, useEffect, useMemo, useRef, useState, useSyncExternalStore } from 'react';
import { AdminApi } from './api/admin-api';
import type { Session } from './auth/session';
import { ProblemAlert } from './components';
import { ConsoleContext, useConsole } from './console-context';
import { t } from './messages';
import { AuditPage } from './pages/audit';
import { IncidentPage, IncidentsPage } from './pages/incidents';
import { MunicipalitiesPage, MunicipalityPage } from './pages/municipalities';
import { OnboardingPage } from './pages/onboarding';
import { OverviewPage } from './pages/overview';
import { TermsPage } from './pages/terms';
import { href, useRoute } from './router';

const NAV: Array<[string, string]> = [
  ['', t.nav.overview],
  ['kommuner', t.nav.municipalities],
  ['tilslutninger', t.nav.onboarding],
  ['hendelser', t.nav.incidents],
  ['revisjon', t.nav.audit],
  ['vilkar', t.nav.terms],
];

export function App({ session }: { session: Session }): ReactNode {
  const operator = useSyncExternalStore(
    (listener) => session.subscribe(listener),
    () => session.current,
  );
  const [everLoggedIn, setEverLoggedIn] = useState(false);
  const [loginError, setLoginError] = useState<Error>();
  const pendingRelogin = useRef<Array<() => void>>([]);
  const [reloginAsked, setReloginAsked] = useState(false);

  const api = useMemo(
    () =>
      new AdminApi(session, () => {
        setReloginAsked(true);
        return new Promise<void>((resolve) => pendingRelogin.current.push(resolve));
      }),
    [session],
  );

  const login = async () => {
    setLoginError(undefined);
    try {
      await session.login();
      setEverLoggedIn(true);
      setReloginAsked(false);
      for (const resume of pendingRelogin.current.splice(0)) resume();
    } catch (error) {
      setLoginError(error instanceof Error ? error : new Error(String(error)));
    }
  };

  if (!everLoggedIn) {
    return (
      <main id="main" className="login">
        <Heading level={1} data-size="lg">
          {t.app.title} – {t.app.subtitle}
        </Heading>
        <Paragraph>{t.session.loginIntro}</Paragraph>
        <Button onClick={() => void login()}>{t.session.login}</Button>
        {loginError && <ProblemAlert error={new Error(t.session.loginFailed)} />}
      </main>
    );
  }
  return (
    <ConsoleContext.Provider value={{ api, session }}>
      <Shell operatorName={operator?.name ?? ''} onLogout={() => (session.logout(), setEverLoggedIn(false))} />
      <ReloginDialog open={reloginAsked || operator === null} onLogin={() => void login()} failed={!!loginError} />
    </ConsoleContext.Provider>
  );
}

function ReloginDialog({ open, onLogin, failed }: { open: boolean; onLogin: () => void; failed: boolean }): ReactNode {
  const dialog = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    if (open && !dialog.current?.open) dialog.current?.showModal();
    if (!open && dialog.current?.open) dialog.current.close();
  }, [open]);
  return (
    <Dialog ref={dialog} closedby="none" closeButton={false} aria-labelledby="relogin-title">
      <Heading id="relogin-title" level={2} data-size="sm">
        {t.session.expiredTitle}
      </Heading>
      <Paragraph>{t.session.expiredText}</Paragraph>
      {failed && <Paragraph>{t.session.loginFailed}</Paragraph>}
      <Button onClick={onLogin}>{t.session.login}</Button>
    </Dialog>
  );
}

function Shell({ operatorName, onLogout }: { operatorName: string; onLogout: () => void }): ReactNode {
  const route = useRoute();
  const { session } = useConsole();
  const roles = (session.current?.roles ?? []).map((role) => t.roles[role] ?? role).join(', ');
  const section = route[0] ?? '';
  return (
    <>
      <SkipLink href="#main">{t.app.skip}</SkipLink>
      <header className="shell-header">
        <Paragraph data-size="lg" className="brand">
          <strong>{t.app.title}</strong> {t.app.subtitle}
        </Paragraph>
        <nav aria-label={t.app.nav}>
          <ul className="nav">
            {NAV.map(([path, label]) => (
              <li key={path}>
                <Link href={href(path)} aria-current={section === path ? 'page' : undefined}>
                  {label}
                </Link>
              </li>
            ))}
          </ul>
        </nav>
        <div className="who">
          <Paragraph data-size="sm">{t.session.loggedInAs(operatorName, roles)}</Paragraph>
          <Button variant="tertiary" data-size="sm" onClick={onLogout}>
            {t.session.logout}
          </Button>
        </div>
      </header>
      <main id="main" tabIndex={-1}>
        <Page route={route} />
      </main>
    </>
  );
}

function Page({ route }: { route: string[] }): ReactNode {
  const [section, id] = route;
  switch (section) {
    case 'kommuner':
      return id ? <MunicipalityPage orgnr={id} /> : <MunicipalitiesPage />;
    case 'tilslutninger':
      return <OnboardingPage />;
    case 'hendelser':
      return id ? <IncidentPage id={id} /> : <IncidentsPage />;
    case 'revisjon':
      return <AuditPage />;
    case 'vilkar':
      return <TermsPage />;
    default:
      return <OverviewPage />;
  }
}
