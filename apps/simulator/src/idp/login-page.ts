/** The development login form: a name and roles are chosen, nothing is checked. */

/** The operator roles the admin API knows (DESIGN §7), with the labels the form shows. */
export const DEVELOPMENT_ROLES: ReadonlyArray<{ role: string; label: string }> = [
  { role: 'viewer', label: 'Lesetilgang (viewer)' },
  { role: 'operator', label: 'Driftsoperatør (operator)' },
  { role: 'incident-manager', label: 'Hendelsesleder (incident-manager)' },
  { role: 'auditor', label: 'Revisor (auditor)' },
];

/** The authorization request's parameters, carried through the form unchanged. */
export interface AuthorizationRequest {
  clientId: string;
  redirectUri: string;
  state: string;
  codeChallenge: string;
  scope: string;
}

const escape = (value: string): string =>
  value.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

const hidden = (name: string, value: string): string => `<input type="hidden" name="${name}" value="${escape(value)}">`;

export function loginPage(request: AuthorizationRequest): string {
  const roles = DEVELOPMENT_ROLES.map(
    ({ role, label }, i) =>
      `<div><input type="checkbox" id="role-${i}" name="roles" value="${role}"${role === 'viewer' ? ' checked' : ''}>` +
      ` <label for="role-${i}">${escape(label)}</label></div>`,
  ).join('\n');
  return `<!doctype html>
<html lang="nb">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Utviklingsinnlogging – operatørens identitetsleverandør (simulator)</title></head>
<body>
<main>
<h1>Utviklingsinnlogging</h1>
<p>Simulatorens identitetsleverandør. Velg navn og roller; ingenting kontrolleres.</p>
<form method="post" action="authorize">
${hidden('client_id', request.clientId)}
${hidden('redirect_uri', request.redirectUri)}
${hidden('state', request.state)}
${hidden('code_challenge', request.codeChallenge)}
${hidden('scope', request.scope)}
<div><label for="name">Navn</label> <input id="name" name="name" required autocomplete="name" value="Ola Operatør"></div>
<fieldset><legend>Roller</legend>
${roles}
</fieldset>
<div><label for="expires_in">Økten varer (sekunder)</label> <input id="expires_in" name="expires_in" type="number" min="5" max="86400" value="3600"></div>
<button type="submit">Logg inn</button>
</form>
</main>
</body>
</html>`;
}
