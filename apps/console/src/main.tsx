// Designsystemet's Digdir theme sets Inter; it is self-hosted so the CSP needs no font host.
import '@fontsource/inter/latin-400.css';
import '@fontsource/inter/latin-500.css';
import '@fontsource/inter/latin-600.css';
import '@digdir/designsystemet-css';
import '@digdir/designsystemet-theme/digdir.css';
import './styles.css';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app';
import { Session } from './auth/session';

const root = createRoot(document.getElementById('root')!);
Session.load().then(
  (session) =>
    root.render(
      <StrictMode>
        <App session={session} />
      </StrictMode>,
    ),
  (error: unknown) => root.render(<p role="alert">Konsollen kunne ikke starte: {String(error)}</p>),
);
