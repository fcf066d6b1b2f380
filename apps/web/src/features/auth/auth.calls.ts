import { authContract, type Login, LoginSchema } from '@openthings/domain';
import { callApi } from '../../lib/api.ts';

/**
 * The auth operations through their domain contracts. Contracts carry their zod schemas, so this module
 * is loaded on first use (`loadAuthCalls` in auth.api.ts), never imported statically: the app's entry
 * and the sign-in page paint without zod.
 */

export { LoginSchema };

export async function fetchMe(signal: AbortSignal) {
  return (await callApi(authContract.me, { signal })).user;
}

export async function login(credentials: Login) {
  return (await callApi(authContract.login, { body: credentials })).user;
}

export function logout() {
  return callApi(authContract.logout);
}
