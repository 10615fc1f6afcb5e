/**
 * sase as a library: the stores, parsers and services behind the `sase`
 * command, for editors, plugins and scripts.
 *
 * @example
 * ```ts
 * import { loadConfig } from "@sase/sase";
 * const { config } = await loadConfig();
 * console.log(config.axe?.max_hook_runners);
 * ```
 *
 * @module
 */

export { SaseError, type SaseErrorOptions, usageError } from "./core/errors.ts";
export { SASE_VERSION } from "./core/version.ts";
export {
  configDir,
  type Env,
  homeDir,
  notificationsPath,
  processEnv,
  projectsDir,
  saseHome,
  userConfigPath,
} from "./core/config/paths.ts";
export { type ConfigWarning, loadConfig, type LoadedConfig } from "./core/config/load.ts";
export { type ConfigLayer, type DiscoverOptions, type LayerKind } from "./core/config/layers.ts";
export {
  type ConfigObject,
  type ConfigValue,
  deepMerge,
  getPath,
  type ListStrategy,
  mergeLayers,
} from "./core/config/merge.ts";
export { ConfigSchema } from "./core/config/schema.ts";
export type * from "./core/config/types.ts";
export { atomicWriteFile, atomicWriteJson, atomicWriteTextFile } from "./core/fs/atomic_write.ts";
export { withFileLock } from "./core/fs/lock.ts";
export {
  appendJsonl,
  type JsonlProblem,
  type JsonlReadResult,
  parseJsonl,
  readJsonl,
} from "./core/fs/jsonl.ts";
export { type DoctorReport } from "./core/doctor/model.ts";
export { makeDoctorContext, runDoctor } from "./core/doctor/registry.ts";
export {
  normalizeTags,
  type Notification,
  NotificationSchema,
  type NotificationView,
  validateNotification,
  withDefaults,
} from "./core/notify/model.ts";
export {
  appendNotifications,
  dismiss,
  dismissMany,
  expireSnoozes,
  markAllRead,
  markRead,
  markUnread,
  readNotifications,
  setMuted,
  snooze,
  type StoreProblem,
  type StoreSnapshot,
  updateNotifications,
} from "./core/notify/store.ts";
export {
  buildNotification,
  createNotification,
  type CreateOptions,
  parseNotificationJson,
} from "./core/notify/create.ts";
export {
  filterNotifications,
  findNotification,
  type ListFilter,
  type NotificationRow,
  toRow,
} from "./core/notify/catalog.ts";
export {
  indicatorFor,
  isError,
  isMuted,
  isPriority,
  type Section,
  sectionOf,
  unreadCounts,
} from "./core/notify/classify.ts";
export { notificationMarkdown } from "./core/notify/markdown.ts";
export { collectVersionInventory, type VersionInventory } from "./core/version_inventory.ts";
