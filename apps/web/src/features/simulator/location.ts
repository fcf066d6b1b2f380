import { useEffect, useState } from 'react';

export type LocationState =
  | { status: 'off' }
  | { status: 'waiting' }
  | { status: 'ok'; latitude: number; longitude: number; accuracy: number | null; at: number }
  | { status: 'error'; message: string };

/** Why the browser gave no position, in words that say what to do about it. */
export function locationProblem(code: number | null, secure: boolean): string {
  if (!secure)
    return 'Your browser shares the location only with pages opened over https (or on localhost). Open the portal over https, or send without location.';
  if (code === 1)
    return 'Location access was denied. Allow it for this site in your browser settings, or send without location.';
  if (code === 3)
    return 'No position came in time. Move to where the phone sees the sky or a Wi-Fi network, and try again.';
  if (code === 2) return 'The position is not available right now. Check that location services are on.';
  return 'This browser cannot tell its location.';
}

/** The browser's position while `on`, following the phone as it moves. */
export function useLocation(on: boolean, attempt: number): LocationState {
  const [state, setState] = useState<LocationState>({ status: 'off' });
  // biome-ignore lint/correctness/useExhaustiveDependencies: `attempt` asks again after a failure
  useEffect(() => {
    if (!on) {
      setState({ status: 'off' });
      return;
    }
    const geolocation = typeof navigator === 'undefined' ? undefined : navigator.geolocation;
    if (!geolocation || !window.isSecureContext) {
      setState({ status: 'error', message: locationProblem(null, window.isSecureContext) });
      return;
    }
    setState({ status: 'waiting' });
    const id = geolocation.watchPosition(
      (position) =>
        setState({
          status: 'ok',
          latitude: Number(position.coords.latitude.toFixed(6)),
          longitude: Number(position.coords.longitude.toFixed(6)),
          accuracy: Number.isFinite(position.coords.accuracy) ? position.coords.accuracy : null,
          at: position.timestamp,
        }),
      (error) => setState({ status: 'error', message: locationProblem(error.code, true) }),
      { enableHighAccuracy: true, maximumAge: 10_000, timeout: 20_000 },
    );
    return () => geolocation.clearWatch(id);
  }, [on, attempt]);
  return state;
}
