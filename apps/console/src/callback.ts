import type { LoginCallback } from './auth/session';

// The login window lands here: hand code and state to the console that opened it, then close.
const params = new URLSearchParams(window.location.search);
const message: LoginCallback = {
  type: 'delingsmegler-login',
  code: params.get('code'),
  state: params.get('state'),
  error: params.get('error'),
};
window.opener?.postMessage(message, window.location.origin);
window.close();
