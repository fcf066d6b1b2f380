/**
 * MQTT 5 session lifetimes, which span connections: one clock per broker, told by the bridge
 * (`mqtt5.ts`) when a connection was accepted and when it ended.
 */

/** Session Expiry Interval meaning "never". */
const NEVER = 0xffffffff;
/** What the broker does for the session clock. */
export interface BridgeHooks {
  /** Ends the session of a client id whose expiry interval has passed (unless it is connected again). */
  endSession(clientId: string): void;
}

export interface WillMessage {
  topic: string;
  payload: Buffer;
  qos: 0 | 1 | 2;
}

/**
 * MQTT 5 session lifetimes across connections: a session ends its expiry interval after its connection
 * did (MQTT 5 §3.1.2.11.2), a delayed will is published after its delay or when the session ends,
 * whichever comes first, unless a connection with the same client id came back (§3.1.3.2.2).
 */
export class SessionClock {
  private readonly ends = new Map<string, NodeJS.Timeout>();
  private readonly wills = new Map<string, NodeJS.Timeout>();

  constructor(private readonly hooks: BridgeHooks) {}

  /** A connection with this client id was accepted: its session lives on, its old will is not sent. */
  resumed(clientId: string): void {
    clearTimeout(this.ends.get(clientId));
    this.ends.delete(clientId);
    clearTimeout(this.wills.get(clientId));
    this.wills.delete(clientId);
  }

  /** A connection ended: its session ends in `expirySeconds`, its delayed will (if any) goes out. */
  left(clientId: string, expirySeconds: number, will?: { delaySeconds: number; publish: () => void }) {
    this.resumed(clientId);
    if (will) {
      const seconds = Math.min(will.delaySeconds, expirySeconds);
      const timer = setTimeout(() => {
        this.wills.delete(clientId);
        will.publish();
      }, seconds * 1000);
      timer.unref();
      this.wills.set(clientId, timer);
    }
    if (expirySeconds === NEVER) return;
    const timer = setTimeout(() => {
      this.ends.delete(clientId);
      this.hooks.endSession(clientId);
    }, expirySeconds * 1000);
    timer.unref();
    this.ends.set(clientId, timer);
  }

  /** Stops every timer (the broker closes). */
  close(): void {
    for (const timer of [...this.ends.values(), ...this.wills.values()]) clearTimeout(timer);
    this.ends.clear();
    this.wills.clear();
  }
}
