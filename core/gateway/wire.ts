/**
 * The gateway's JSON shapes (`/api/v1`, contract `mobile_api_v1.json`):
 * snake_case keys, `schema_version: 1`, optional fields present as `null`.
 *
 * @module
 */

/** Every error the gateway answers. */
export interface ApiErrorWire {
  schema_version: 1;
  code: string;
  message: string;
  target: string | null;
  details: unknown;
}

/** A paired device as clients see it (never its token hash). */
export interface DeviceRecordWire {
  schema_version: 1;
  device_id: string;
  display_name: string;
  platform: string;
  app_version: string | null;
  paired_at: string | null;
  last_seen_at: string | null;
  revoked_at: string | null;
}

/** `GET /api/v1/health`. */
export interface HealthResponseWire {
  schema_version: 1;
  status: "ok";
  service: "sase_gateway";
  version: string;
  build: { package_version: string; git_sha: string | null };
  bind: { address: string; is_loopback: boolean };
  push: PushGatewayStatusWire;
}

/** Push delivery counters in the health answer. */
export interface PushGatewayStatusWire {
  enabled: boolean;
  provider: "disabled" | "test" | "fcm";
  attempted: number;
  succeeded: number;
  failed: number;
  last_attempt_at: string | null;
  last_success_at: string | null;
  last_failure_at: string | null;
  last_failure: string | null;
}

/** `POST /api/v1/session/pair/start`. */
export interface PairStartResponseWire {
  schema_version: 1;
  pairing_id: string;
  code: string;
  expires_at: string;
  host_label: string;
  host_fingerprint: string | null;
}

/** `POST /api/v1/session/pair/finish`: the token, exactly once. */
export interface PairFinishResponseWire {
  schema_version: 1;
  device: DeviceRecordWire;
  token_type: "bearer";
  token: string;
}

/** `GET /api/v1/session`. */
export interface SessionResponseWire {
  schema_version: 1;
  device: DeviceRecordWire;
  capabilities: string[];
}

/** The payload of an event: exactly one key, the event's kind. */
export type EventPayloadWire =
  | {
    notifications_changed: {
      reason: string;
      notification_id: string | null;
      activity_cursor: string | null;
    };
  }
  | { agents_changed: { reason: string; agent_name: string | null; timestamp: string | null } }
  | {
    helpers_changed: {
      reason: string;
      helper: string | null;
      job_id: string | null;
      timestamp: string | null;
    };
  }
  | { resync_required: { reason: string } }
  | { heartbeat: { sequence: number } }
  | { session: { device_id: string } };

/** One SSE event (`data:` line). */
export interface EventRecordWire {
  schema_version: 1;
  id: string;
  created_at: string;
  payload: EventPayloadWire;
}

/** What a notification's pending action is, on a card. */
export interface MobileActionSummaryWire {
  kind: MobileActionKind;
  state: MobileActionState;
  label: string;
}

/** The kinds of notification actions the mobile API knows. */
export type MobileActionKind =
  | "plan_approval"
  | "epic_approval"
  | "hitl"
  | "user_question"
  | "launch_approval"
  | "custom_gate"
  | "non_action"
  | "unsupported";

/** Where a notification's action stands. */
export type MobileActionState =
  | "available"
  | "already_handled"
  | "stale"
  | "missing_request"
  | "missing_target"
  | "unsupported";

/** One row of the inbox. */
export interface MobileNotificationCardWire {
  id: string;
  timestamp: string;
  resurfaced_at: string | null;
  sender: string;
  icon: string | null;
  tags: string[];
  priority: boolean;
  actionable: boolean;
  read: boolean;
  dismissed: boolean;
  silent: boolean;
  muted: boolean;
  /** The inbox section ACE shows the row in (an extension of the v1 contract). */
  section: "priority" | "errors" | "inbox" | "muted";
  notes_summary: string;
  file_count: number;
  action_summary: MobileActionSummaryWire | null;
}

/** `GET /api/v1/notifications`. */
export interface MobileNotificationListResponseWire {
  schema_version: 1;
  notifications: MobileNotificationCardWire[];
  total_count: number;
  next_high_water: string | null;
}

/** One attachment of a notification detail. */
export interface MobileAttachmentManifestWire {
  id: string;
  token: string | null;
  display_name: string;
  kind: "markdown" | "pdf" | "diff" | "image" | "text" | "json" | "directory" | "unknown";
  content_type: string | null;
  byte_size: number | null;
  source_notification_id: string;
  downloadable: boolean;
  download_requires_auth: boolean;
  can_inline: boolean;
  path_available: boolean;
}

/** The identity of an action: the id and the prefix that names it. */
export interface MobileActionIdentityWire {
  notification_id: string;
  prefix: string;
  prefix_len: number;
  resolution: "exact" | "unique_prefix";
}

/** A notification's action in a detail answer. */
export interface MobileActionDetailWire {
  kind: MobileActionKind;
  state: MobileActionState;
  identity: MobileActionIdentityWire | null;
  /** The plan text of a plan approval (bounded), so the phone decides with the facts. */
  plan_text: string | null;
  /** The agent waiting at a HITL checkpoint. */
  agent_name: string | null;
  /** A user question's questions and options (`question_request.json`); null for other kinds. */
  questions: MobileQuestionWire[] | null;
}

/** One question a user question asks, with its options (an extension of the v1 contract). */
export interface MobileQuestionWire {
  question: string;
  options: { id: string | null; label: string }[];
}

/** `GET /api/v1/notifications/{id}`. */
export interface MobileNotificationDetailResponseWire {
  schema_version: 1;
  notification: MobileNotificationCardWire;
  notes: string[];
  attachments: MobileAttachmentManifestWire[];
  action: MobileActionDetailWire;
}

/** `POST /api/v1/notifications/{id}/mark-read|dismiss`. */
export interface NotificationStateMutationResponseWire {
  schema_version: 1;
  notification_id: string;
  read: boolean;
  dismissed: boolean;
  changed: boolean;
}

/** Plan, HITL and question actions. */
export interface ActionResultWire {
  schema_version: 1;
  action_kind: MobileActionKind;
  prefix: string;
  notification_id: string | null;
  state: MobileActionState;
  response_file: string;
  response_json: unknown;
  message: string | null;
}

/** `MobileAgentSummaryWire`. */
export interface MobileAgentSummaryWire {
  name: string;
  status: string;
  project: string | null;
  pid: number | null;
  model: string | null;
  provider: string | null;
  workspace_number: number | null;
  started_at: string | null;
  duration_seconds: number | null;
  prompt_snippet: string | null;
  has_artifact_dir: boolean;
  actions: { can_kill: boolean; can_retry: boolean; can_resume: boolean; can_wait: boolean };
  display: { title: string; status_label: string; subtitle: string | null };
  retry_lineage: {
    parent_agent_name: string | null;
    retried_as_timestamp: string | null;
    retry_attempt: number | null;
    retry_chain_root_timestamp: string | null;
    retry_of_timestamp: string | null;
  };
}

/** `MobileAgentLaunchSlotResultWire`. */
export interface LaunchSlotWire {
  slot_id: string;
  status: "launched" | "dry_run" | "failed";
  name: string | null;
  artifact_dir: string | null;
  message: string | null;
}

/** `MobileAgentLaunchResultWire`. */
export interface LaunchResultWire {
  schema_version: 1;
  primary: LaunchSlotWire | null;
  slots: LaunchSlotWire[];
}

/** A time as the wire writes it: RFC 3339 in UTC, whole seconds (`2026-05-06T15:00:00Z`). */
export function rfc3339(date: Date): string {
  return date.toISOString().replace(/\.\d{3}Z$/, "Z");
}
