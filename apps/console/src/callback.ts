import type { LoginCallback } from './auth/session';

// The login window lands here: hand code and state to the console that opened it, which closes
// this window once it has the message. Without an opener there is no one to hand them to.
const params = new URLSearchParams(window.location.search);
const message: LoginCallback = {
  type: 'delingsmegler-login',
  code: params.get('code'),
  state: params.get('state'),
  error: params.get('error'),
};
if (window.opener) window.opener.postMessage(message, window.location.origin);
else window.close();
