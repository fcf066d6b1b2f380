/**
 * The device's shared secret for this browser tab only: sessionStorage, so it is gone when the tab is
 * closed and never sent anywhere but into the message token. Keyed by device, so two devices can be
 * simulated side by side.
 */
const key = (deviceId: string) => `openthings.simulator.secret.${deviceId}`;

export function loadSecret(deviceId: string): string | null {
  try {
    return sessionStorage.getItem(key(deviceId));
  } catch {
    return null;
  }
}

export function saveSecret(deviceId: string, secret: string): void {
  try {
    sessionStorage.setItem(key(deviceId), secret);
  } catch {
    // Without storage the secret lasts as long as the page.
  }
}

export function forgetSecret(deviceId: string): void {
  try {
    sessionStorage.removeItem(key(deviceId));
  } catch {
    // Nothing was stored.
  }
}
