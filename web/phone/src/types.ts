/**
 * The gateway's wire records the app reads, taken from the gateway's own
 * declarations (type-only: nothing of the server is bundled).
 *
 * @module
 */

export type {
  ActionResultWire,
  LaunchResultWire,
  MobileAgentSummaryWire,
  MobileAttachmentManifestWire,
  MobileNotificationCardWire,
  MobileNotificationDetailResponseWire,
  MobileNotificationListResponseWire,
  NotificationStateMutationResponseWire,
} from "../../../core/gateway/wire.ts";
