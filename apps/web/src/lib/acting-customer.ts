/**
 * The customer environment a reseller user works in (PRODUCT §1). Chosen per browser tab, so two tabs
 * can show two customers; the API client sends it as `X-Customer-Context` on every call.
 */
const KEY = 'openthings.actingCustomer';

export function getActingCustomer(): string | null {
  try {
    return sessionStorage.getItem(KEY);
  } catch {
    return null;
  }
}

/** `null` returns to the user's own customer. */
export function setActingCustomer(customerId: string | null): void {
  try {
    if (customerId === null) sessionStorage.removeItem(KEY);
    else sessionStorage.setItem(KEY, customerId);
  } catch {
    // Storage can be disabled (private mode); the header is then simply not sent.
  }
}
