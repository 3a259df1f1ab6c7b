import type { NodeAnnouncement } from '@petrel/engine';
import type { InternalAuthenticator } from './internal-auth.js';

export interface AnnouncerOptions {
  /** The coordinator's `discovery.uri`. */
  readonly discoveryUri: string;
  /** What to announce (read at each announcement: the port is known only once listening). */
  readonly announcement: () => NodeAnnouncement;
  readonly auth: InternalAuthenticator | undefined;
  readonly intervalMillis: number;
  readonly log: (line: string) => void;
}

/**
 * A worker's side of discovery: `PUT {discovery.uri}/v1/announcement/{nodeId}` now and every
 * interval, so the coordinator's node manager keeps it active; `DELETE` when it leaves.
 */
export class Announcer {
  private timer: NodeJS.Timeout | undefined;
  private lastError: string | undefined;
  private announced = false;

  constructor(private readonly options: AnnouncerOptions) {}

  start(): void {
    void this.announce();
    this.timer = setInterval(() => void this.announce(), this.options.intervalMillis);
    this.timer.unref();
  }

  private url(): string {
    return `${this.options.discoveryUri.replace(/\/$/, '')}/v1/announcement/${encodeURIComponent(this.options.announcement().nodeId)}`;
  }

  /** One announcement; failures are logged once until the next success (the coordinator may start later). */
  async announce(): Promise<boolean> {
    try {
      const response = await fetch(this.url(), {
        method: 'PUT',
        headers: { 'Content-Type': 'application/json', ...(await this.options.auth?.headers()) },
        body: JSON.stringify(this.options.announcement()),
        signal: AbortSignal.timeout(Math.max(1000, this.options.intervalMillis)),
      });
      const text = await response.text();
      if (response.status !== 202) throw new Error(`${response.status} ${text}`);
      if (!this.announced || this.lastError !== undefined) this.options.log(`Announced to the coordinator at ${this.options.discoveryUri}`);
      this.announced = true;
      this.lastError = undefined;
      return true;
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      if (message !== this.lastError) this.options.log(`Announcement to ${this.options.discoveryUri} failed: ${message}`);
      this.lastError = message;
      return false;
    }
  }

  /** Stops announcing and tells the coordinator this node is leaving. */
  async stop(): Promise<void> {
    if (this.timer !== undefined) clearInterval(this.timer);
    this.timer = undefined;
    try {
      await fetch(this.url(), { method: 'DELETE', headers: { ...(await this.options.auth?.headers()) }, signal: AbortSignal.timeout(1000) });
    } catch {
      // the coordinator's failure detector covers a missed goodbye
    }
  }
}
