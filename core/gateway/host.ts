/**
 * The services one running gateway shares across its requests: paired
 * devices, pairing challenges, the event stream, attachment tokens, the
 * inbox reader, the audit log and the watcher that turns other processes'
 * changes into events. The HTTP front door (`cli/mobile/gateway/`) only
 * parses requests and calls these.
 *
 * @module
 */

import { join } from "../fs/path.ts";
import type { AppContext } from "../context.ts";
import { notificationsPath } from "../config/paths.ts";
import { defaultIndexPath } from "../agent/index/index_service.ts";
import { DeviceRegistry } from "./devices.ts";
import { PairingBook } from "./pairing.ts";
import { EventBus } from "./events.ts";
import { AttachmentVault } from "./attachments.ts";
import { InboxReader } from "./inbox.ts";
import { appendAudit, type AuditEntry } from "./audit.ts";
import { FileChangeWatcher } from "./watch.ts";
import type { EventPayloadWire, EventRecordWire } from "./wire.ts";

/** How a gateway host is set up. */
export interface GatewayHostOptions {
  app: AppContext;
  /** `<sase_home>/mobile_gateway`. */
  stateDir: string;
  /** Called for every published event (push hints). */
  onEvent?: (event: EventRecordWire) => void;
}

/** The shared services of one gateway process. */
export class GatewayHost {
  readonly app: AppContext;
  readonly stateDir: string;
  readonly devices: DeviceRegistry;
  readonly pairing = new PairingBook();
  readonly events: EventBus;
  readonly vault: AttachmentVault;
  readonly inbox: InboxReader;
  readonly notificationsPath: string;
  readonly agentIndexPath: string;
  #watcher: FileChangeWatcher;

  constructor(options: GatewayHostOptions) {
    this.app = options.app;
    this.stateDir = options.stateDir;
    this.devices = new DeviceRegistry(options.stateDir);
    this.events = new EventBus({ now: () => this.app.now(), onPublish: options.onEvent });
    this.vault = new AttachmentVault(() => this.app.now().getTime());
    this.notificationsPath = notificationsPath(this.app.env);
    this.inbox = new InboxReader(this.notificationsPath);
    this.agentIndexPath = defaultIndexPath(this.app.env);
    this.#watcher = new FileChangeWatcher([
      {
        path: this.notificationsPath,
        onChange: () => this.notificationsChanged("external_change", null, false),
      },
      {
        path: this.agentIndexPath,
        companions: true,
        onChange: () => this.agentsChanged("external_change", null, false),
      },
    ]);
  }

  /** Start watching other processes' changes. */
  start(): void {
    Deno.mkdirSync(this.stateDir, { recursive: true, mode: 0o700 });
    this.#watcher.start();
  }

  /** Stop watching. */
  close(): void {
    this.#watcher.close();
  }

  /** Publish `notifications_changed` (the gateway's own change: its file version is known). */
  notificationsChanged(reason: string, notificationId: string | null, own = true): void {
    if (own) this.#watcher.acknowledge(this.notificationsPath);
    this.publish({
      notifications_changed: { reason, notification_id: notificationId, activity_cursor: null },
    });
  }

  /** Publish `agents_changed`. */
  agentsChanged(reason: string, agentName: string | null, own = true): void {
    if (own) this.#watcher.acknowledge(this.agentIndexPath);
    this.publish({
      agents_changed: { reason, agent_name: agentName, timestamp: this.app.now().toISOString() },
    });
  }

  /** Publish any event. */
  publish(payload: EventPayloadWire): EventRecordWire {
    return this.events.publish(payload);
  }

  /** Append to the audit log. */
  audit(entry: AuditEntry): Promise<void> {
    return appendAudit(this.stateDir, entry, this.app.now());
  }

  /** A path inside the state directory. */
  statePath(...parts: string[]): string {
    return join(this.stateDir, ...parts);
  }
}
