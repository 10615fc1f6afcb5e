/**
 * sase as a library: the stores, parsers and services behind the `sase`
 * command, for editors, plugins and scripts. Services take an application
 * context (`saseContext()` gives one with sase's built-in providers), the
 * same one the CLI, ACE, axe and the gateway use.
 *
 * @example
 * ```ts
 * import { launchOutcomeWire, launchPrompt, saseContext } from "@sase/sase";
 * const app = saseContext();
 * const outcome = await launchPrompt(app, { text: "%model:fakey/reply Hello" });
 * console.log(launchOutcomeWire(outcome));
 * ```
 *
 * @module
 */

export {
  type AppContext,
  type AppContextInit,
  type AttemptAdapters,
  createAppContext,
  type ProviderSet,
} from "./core/context.ts";
export { BUILTIN_PROVIDER_SET, saseContext, type SaseContextOptions } from "./entries/context.ts";
export {
  type CheckoutFacts,
  type CommitDispatchPayload,
  type CompleteVcsProvider,
  completeVcsProvider,
  type LineStat,
  type MergeMethod,
  type NameStatusEntry,
  type RevisionQuery,
  unsupportedOperation,
  type VcsFamily,
  type VcsProvider,
  type VcsProviderInfo,
  type VcsProviderLookup,
} from "./core/vcs/provider.ts";
export {
  noVcsProviderFound,
  selectVcsProvider,
  type VcsSelection,
  type VcsSelectionInput,
  type VcsSelectionTier,
} from "./core/vcs/select.ts";
export {
  type ResolvedVcsProvider,
  type ResolveVcsOptions,
  resolveVcsProvider,
} from "./core/vcs/resolve.ts";
export { computeDeltas, formatDeltasSection, semanticLineStats } from "./core/vcs/deltas.ts";
export { readBranchMap, removeBranchAlias, writeBranchAlias } from "./core/vcs/branch_map.ts";
export {
  BUILTIN_VCS_PROVIDERS,
  createVcsProviderRegistry,
  type VcsProviderDefinition,
} from "./providers/vcs/registry.ts";

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
export { loadConfig } from "./core/config/load.ts";
export type { ConfigWarning, LoadedConfig } from "./core/config/loaded.ts";
export {
  type ConfigLayersWire,
  configLayersWire,
  type ConfigLayerWire,
  type NamedPathsWire,
  namedPathsWire,
  type NamedPathWire,
  namedPathWire,
} from "./core/config/wire.ts";
export { allNamedPaths, namedPath, type ResolvedPath } from "./core/config/named_paths.ts";
export { configValue } from "./core/config/value.ts";
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
export {
  type DoctorCheckListWire,
  doctorCheckListWire,
  type DoctorCheckWire,
  type DoctorReportWire,
  doctorReportWire,
} from "./core/doctor/wire.ts";
export { makeDoctorContext, runDoctor } from "./core/doctor/registry.ts";
export {
  normalizeTags,
  type Notification,
  type NotificationView,
  validateNotification,
  withDefaults,
} from "./core/notify/model.ts";
export { NotificationSchema } from "./core/notify/schema.ts";
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
export { filterNotifications, findNotification, type ListFilter } from "./core/notify/catalog.ts";
export { listInbox, postNotification, showNotification } from "./core/notify/inbox.ts";
export { type NotificationWire, notificationWire } from "./core/notify/wire.ts";
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
export { type VersionInventoryWire, versionInventoryWire } from "./core/version_wire.ts";
export type * from "./core/changespec/types.ts";
export { isSpecHeaderLine, parseProjectSpec } from "./core/changespec/parser.ts";
export {
  FIELD_ORDER,
  formatChangeSpec,
  formatChangeSpecs,
  formatDeltas,
  formatLineStats,
  formatTimestampLine,
} from "./core/changespec/format.ts";
export { ProjectSpecEditor } from "./core/changespec/edit.ts";
export {
  formatSuffix,
  isEntryRefSuffix,
  type ParsedSuffix,
  parseSuffix,
} from "./core/changespec/suffix.ts";
export {
  ARCHIVE_STATUSES,
  baseStatus,
  invalidTransitionMessage,
  isValidTransition,
  normalizeStatus,
  planStatusTransition,
  STATUSES,
  stripRevertedSuffix,
  type TransitionPlan,
  type TransitionRequest,
  TRANSITIONS,
} from "./core/changespec/status.ts";
export {
  type ChangeEvent,
  ChangeSpecStore,
  editorHolding,
  type ProjectEditors,
  type ProjectRef,
  projectRefOfFile,
  type ProjectSnapshot,
  type ScopeOptions,
} from "./core/changespec/store.ts";
export {
  type AppendCommitEntry,
  appendCommitEntry,
  type AppendedCommitEntry,
  type ChangeSpecTarget,
  recordTimestampEvent,
  replaceDeltas,
} from "./core/changespec/tracking.ts";
export {
  chatDrawerValue,
  type CommitEntryDraft,
  type CommitEntryKind,
  formatCommitEntryLines,
  NEW_PROPOSAL_SUFFIX,
  nextEntryId,
  splitCommitMessage,
} from "./core/changespec/commit_entry.ts";
export { type TimestampEvent, timestampEventText } from "./core/changespec/timestamp_event.ts";
export {
  bugFieldValue,
  type CreateChangeSpec,
  createChangeSpec,
  type CreatedChangeSpec,
  releaseChangeSpecName,
  reserveChangeSpecName,
  stripTrailingTags,
  uniqueChangeSpecName,
} from "./core/changespec/create.ts";
export {
  COMMIT_METHODS,
  type CommitMethod,
  METHOD_ALIASES,
  parseCommitMethod,
  resolveCommitMethod,
} from "./core/commit/method.ts";
export {
  type CommitFlags,
  type CommitRequest,
  messageSource,
  resolveCommitRequest,
} from "./core/commit/request.ts";
export {
  type AgentFooterInfo,
  type CommitTags,
  mergePrTags,
  prBody,
  prTitle,
  type RuntimeProvenance,
  withBeadInFirstLine,
  withPlanLine,
  withPrTags,
  withRuntimeTags,
} from "./core/commit/message.ts";
export { type CommitPlan, type CommitPlanContext, planCommit } from "./core/commit/plan.ts";
export { checkpointPath, diffCapturePath, resultMarkerPath } from "./core/commit/paths.ts";
export {
  type CheckpointPayload,
  type CommitCheckpoint,
  deleteCheckpoint,
  hasConflictMarkers,
  loadCheckpoint,
  parseCheckpoint,
  type ResumeVerdict,
  resumeVerdict,
  saveCheckpoint,
} from "./core/commit/checkpoint.ts";
export {
  commitMetaOutputs,
  type CommitMetaWire,
  type CommitOutcome,
  type CommitResultWire,
  commitResultWire,
  type CommitRunWire,
  commitRunWire,
} from "./core/commit/wire.ts";
export { COMMIT_EXIT_CODES, type CommitRun, type CommitRunStatus } from "./core/commit/outcome.ts";
export {
  resumeCommit,
  type ResumeCommitOptions,
  runCommit,
  type RunCommitOptions,
} from "./core/commit/workflow.ts";
export {
  addRef,
  changeStatus,
  EDITABLE_FIELDS,
  type FieldEdit,
  type StatusChange,
  type StatusChangeResult,
  updateField,
} from "./core/changespec/transition.ts";
export {
  addAlias,
  clearAliases,
  listAliases,
  listProjects,
  type ProjectInfo,
  removeAlias,
  resolveProject,
  setProjectState,
  showProject,
} from "./core/changespec/project.ts";
export { migrateExtensions, type MigrationAction } from "./core/changespec/migrate.ts";
export { currentChangeSpec } from "./core/changespec/current.ts";
export {
  type ChangeSpecSearch,
  changeSpecSource,
  findChangeSpec,
  projectStore,
  searchChangeSpecs,
} from "./core/changespec/read.ts";
export {
  type AliasListWire,
  aliasListWire,
  CHANGESPEC_WIRE_VERSION,
  type ChangeSpecDocumentWire,
  changeSpecDocumentWire,
  type ChangeSpecSearchWire,
  changeSpecSearchWire,
  type ChangeSpecWire,
  type DeltaWire,
  deltaWire,
  type MigrationWire,
  migrationWire,
  type ProjectDocumentWire,
  projectDocumentWire,
  type ProjectListWire,
  projectListWire,
  type ProjectStateWire,
  projectStateWire,
  type ProjectWire,
  projectWire,
  type QueryErrorWire,
  queryErrorWire,
  type StatusChangeWire,
  statusChangeWire,
  toWire,
} from "./core/changespec/wire.ts";
export { isArchivePath, projectFilePaths, projectSpecBasename } from "./core/changespec/paths.ts";
export {
  type ConfirmStep,
  type OpTarget,
  type PreparedOp,
  prepareOp,
} from "./core/changespec/ops/prepare.ts";
export {
  findSavedDiff,
  type SavedDiffKind,
  savedDiffPath,
} from "./core/changespec/ops/saved_diffs.ts";
export { revertChangeSpec, type RevertResult } from "./core/changespec/ops/revert.ts";
export {
  listRevertedChangeSpecs,
  type RestorableSpec,
  restoreChangeSpec,
  type RestoreResult,
} from "./core/changespec/ops/restore.ts";
export { archiveChangeSpec, type ArchiveResult } from "./core/changespec/ops/archive.ts";
export { syncChangeSpec, type SyncResult } from "./core/changespec/ops/sync.ts";
export { rebaseChangeSpec, type RebaseResult } from "./core/changespec/ops/rebase.ts";
export { rewindChangeSpec, type RewindResult } from "./core/changespec/ops/rewind.ts";
export { rewindCommitsBlock } from "./core/changespec/ops/rewind_entries.ts";
export { renameChangeSpec, type RenameResult } from "./core/changespec/ops/rename.ts";
export {
  addTagToChangeSpec,
  rewordChangeSpec,
  type RewordResult,
} from "./core/changespec/ops/reword.ts";
export { mailChangeSpec, type MailResult } from "./core/changespec/ops/mail.ts";
export {
  computeChangeSpecDeltas,
  type DeltasRefresh,
  refreshChangeSpecDeltas,
  refreshDeltas,
  syncDeltas,
  type SyncDeltasResult,
} from "./core/changespec/ops/deltas.ts";
export {
  type ArchiveWire,
  archiveWire,
  type DeltasRefreshWire,
  deltasRefreshWire,
  type MailWire,
  mailWire,
  type RebaseWire,
  rebaseWire,
  type RenameWire,
  renameWire,
  type RestorableListWire,
  restorableListWire,
  type RestorableWire,
  type RestoreWire,
  restoreWire,
  type RevertWire,
  revertWire,
  type RewindWire,
  rewindWire,
  type RewordWire,
  rewordWire,
  type SyncDeltasWire,
  syncDeltasWire,
  type SyncWire,
  syncWire,
} from "./core/changespec/ops/wire.ts";
export { tokenize } from "./core/query/tokenizer.ts";
export { parseQuery } from "./core/query/parser.ts";
export { canonicalizeQuery, toCanonical } from "./core/query/canonical.ts";
export { evaluateQuery, hasErrorSuffix, QueryCorpus } from "./core/query/evaluator.ts";
export { queryProjectName, searchableText } from "./core/query/searchable.ts";
export { PROPERTY_KEYS, QueryError, type QueryExpr, type Token } from "./core/query/types.ts";
export {
  type ExpandOptions,
  type ExpandResult,
  expandXPrompts,
  MAX_EXPANSION_ROUNDS,
  renderBody,
  type TraceEntry,
} from "./core/xprompt/expand.ts";
export {
  type Catalog,
  type CatalogProblem,
  type ConfigXPromptLayer,
  discoverXPrompts,
  type DiscoveryOptions,
  getByTag,
} from "./core/xprompt/discovery.ts";
export {
  loadXPromptEnvironment,
  type XPromptEnvironment,
  type XPromptEnvironmentOptions,
} from "./core/xprompt/context.ts";
export {
  type XPrompt,
  type XPromptKind,
  type XPromptSource,
  XPromptTag,
  type XPromptTagName,
} from "./core/xprompt/model.ts";
export { findReferences, type Reference, referenceArgs } from "./core/xprompt/reference.ts";
export { type ArgValue, NULL_ARG, parseArgList, type ParsedArgs } from "./core/xprompt/args.ts";
export { type InputDef, type InputType, parseInputs } from "./core/xprompt/inputs.ts";
export { bindArgs, type BoundArgs } from "./core/xprompt/bind_args.ts";
export { outputToJsonSchema } from "./core/xprompt/output_spec.ts";
export { type Directives, extractDirectives, type Extracted } from "./core/xprompt/directives.ts";
export { expandAlternatives, type Variant } from "./core/xprompt/alt.ts";
export {
  type LaunchEntry,
  type LaunchPlan,
  planLaunch,
  type PlannedWorkspace,
  type PlanOptions,
} from "./core/xprompt/launch_plan.ts";
export { findWorkspaceRefs, type WorkspaceRef } from "./core/xprompt/workspace_refs.ts";
export {
  type CatalogInputWire,
  inputSignature,
  type StructuredCatalogEntryWire,
  type StructuredCatalogWire,
  structuredCatalogWire,
} from "./core/xprompt/wire.ts";

// Workflows: YAML workflow files loaded and validated, the executor with
// its services, workflow runs launched through `launchPrompt` (`#!name`),
// human checkpoints, explanations and graphs, and their wire formats.
export {
  allSteps,
  appearsAsAgent,
  DEFAULT_LOOP_MAX,
  effectiveJoin,
  effectiveOnError,
  JOIN_MODES,
  type JoinMode,
  type LoopSpec,
  type OnError,
  type OutputSpec,
  promptPartStep,
  type StepKind,
  type Workflow,
  type WorkflowStep,
} from "./core/workflow/model.ts";
export {
  loadCatalogWorkflow,
  type LoadedWorkflow,
  type LoadOptions,
  loadWorkflowFile,
  loadWorkflowText,
} from "./core/workflow/load.ts";
export { type StepSearch, stepSearchDirs } from "./core/workflow/step_imports.ts";
export { templateReferences, validateReferences } from "./core/workflow/validate.ts";
export {
  type AgentRequest,
  type AgentResult,
  type HitlDecision,
  HitlRejected,
  type Position,
  type ProgressEvent,
  RunAborted,
  type RunServices,
  type ScriptRequest,
  StepCancelled,
  StepFailure,
} from "./core/workflow/engine.ts";
export {
  type ExecuteOptions,
  executeWorkflow,
  type WorkflowOutcome,
} from "./core/workflow/executor.ts";
export { type ServiceOptions, workflowServices } from "./core/workflow/services.ts";
export {
  checkOutput,
  type OutputSource,
  OutputValidationError,
  parseOutputText,
  parseStepOutput,
  type StepOutput,
} from "./core/workflow/output_parse.ts";
export { joinIterations, joinParallel } from "./core/workflow/joins.ts";
export { evaluateCondition, evaluateList, renderTemplate } from "./core/workflow/render.ts";
export {
  runStepProcess,
  type StepProcessResult,
  type StepProcessSpec,
  stepTimeoutMs,
} from "./core/workflow/step_process.ts";
export {
  type PendingHitl,
  readWorkflowState,
  type StepAgentRecord,
  type StepState,
  type StepStatus,
  type WorkflowState,
  type WorkflowStatus,
} from "./core/workflow/state.ts";
export {
  executeWorkflowRun,
  type WorkflowRunOptions,
  type WorkflowRunResult,
} from "./core/workflow/run.ts";
export {
  decideHitl,
  type HitlDecisionResult,
  type PendingCheckpoint,
  pendingCheckpoint,
} from "./core/workflow/hitl_service.ts";
export {
  type StepSummary,
  type WorkflowSummary,
  workflowSummary,
} from "./core/workflow/summary.ts";
export {
  type ExplainedStep,
  explainWorkflow,
  type WorkflowExplanation,
} from "./core/workflow/explain.ts";
export {
  GRAPH_FORMATS,
  type GraphFormat,
  mermaidGraph,
  textGraph,
  workflowGraph,
} from "./core/workflow/graph.ts";
export {
  type Explained,
  explainNamed,
  graphNamedWorkflow,
  listWorkflows,
  loadNamedWorkflow,
  type WorkflowListing,
} from "./core/workflow/service.ts";
export {
  type ExplainedStepWire,
  type HitlCheckpointWire,
  hitlCheckpointWire,
  type HitlDecisionWire,
  hitlDecisionWire,
  type StepSummaryWire,
  type WorkflowExplanationWire,
  workflowExplanationWire,
  type WorkflowListingWire,
  workflowListingWire,
  type WorkflowRunWire,
  workflowRunWire,
  type WorkflowSummaryWire,
  workflowSummaryWire,
} from "./core/workflow/wire.ts";
export {
  cleanupProjectWorkspaces,
  openProjectWorkspace,
  projectWorkspaces,
  repairProjectWorkspaces,
  workspaceContextOf,
  workspacePath,
} from "./core/workspace/manage.ts";
export type { CleanupEntry, CleanupReport } from "./core/workspace/cleanup.ts";
export type { ClaimView, WorkspaceInventory, WorkspaceRow } from "./core/workspace/inventory.ts";
export type { ProjectRepair, RepairReport } from "./core/workspace/repair.ts";
export type { OpenResult } from "./core/workspace/open.ts";
export {
  type ClaimViewWire,
  type CleanupReportWire,
  cleanupReportWire,
  type ProjectRepairWire,
  type RepairReportWire,
  repairReportWire,
  type WorkspaceInventoryWire,
  workspaceInventoryWire,
  type WorkspaceRowWire,
} from "./core/workspace/wire.ts";
export { type PromptEntry, promptId } from "./core/xprompt/history/model.ts";
export {
  type HistoryRead,
  promptHistoryPath,
  readHistory,
  recordPrompt,
  resolveSelector,
} from "./core/xprompt/history/store.ts";
export {
  deletePrompt,
  type ExportedPrompt,
  type ExportOptions,
  exportPrompt,
  findPrompt,
  listPrompts,
  promptDoctor,
  type PromptListFilter,
  type PromptSearch,
  type PromptSearchRequest,
  promptStats,
  promptToDelete,
  pruneCandidates,
  type PruneCriteria,
  prunePrompts,
  pruneSelection,
  type SavedPrompt,
  type SaveOptions,
  savePrompt,
  searchPromptHistory,
} from "./core/xprompt/history/service.ts";
export type { HistoryDoctorReport, HistoryStats } from "./core/xprompt/history/report.ts";
export {
  type HistoryDoctorWire,
  historyDoctorWire,
  type HistoryStatsWire,
  historyStatsWire,
  type PromptDocumentWire,
  promptDocumentWire,
  type PromptEntryWire,
  promptEntryWire,
  type PromptExportWire,
  promptExportWire,
  type PromptHitWire,
  type PromptListWire,
  promptListWire,
  type PromptSearchWire,
  promptSearchWire,
} from "./core/xprompt/history/wire.ts";
export {
  expandPromptText,
  type ExplainedInput,
  explainXPrompt,
  xpromptCatalog,
  type XPromptExplanation,
} from "./core/xprompt/service.ts";
export {
  type CatalogEntryWire,
  catalogEntryWire,
  catalogWire,
  type LaunchEntryWire,
  launchEntryWire,
  type LaunchPlanWire,
  launchPlanWire,
  type TraceEntryWire,
  traceEntryWire,
} from "./core/xprompt/wire.ts";
export { resolveSddRoot, type SddMode, type SddRoot } from "./core/sdd/root.ts";
export { scanSddTree, type SddFile } from "./core/sdd/scan.ts";
export { type LinkRow } from "./core/sdd/links.ts";
export { type SddIssue, type SddValidation, validateSddFiles } from "./core/sdd/validate.ts";
export { linksOf, listSdd, validateTree } from "./core/sdd/tree.ts";
export { applyRepair, type LinkFix, planRepair, type RepairPlan } from "./core/sdd/repair.ts";
export {
  type PlanDiagnostic,
  type PlanValidation,
  validatePlan,
} from "./core/sdd/plan_validate.ts";
export type { PlanPhase, ValidatedPlan } from "./core/sdd/plan_schema.ts";
export { applyQa, type QaItem, type QaRound } from "./core/sdd/qa.ts";
export { snapshotBody } from "./core/sdd/snapshot.ts";
export {
  persistApprovedPlan,
  type PersistRequest,
  type PersistResult,
} from "./core/sdd/persist.ts";
export {
  listProposals,
  type ProposalDashboard,
  proposalDashboard,
  type ProposalRow,
  proposePlan,
} from "./core/sdd/proposals.ts";
export { checkPlanFile, type PlanFileCheck } from "./core/sdd/plan_check.ts";
export {
  initSdd,
  type ProjectCheck,
  type ProjectValidation,
  repairSddLinks,
  sddFiles,
  type SddLinks,
  sddLinks,
  type SddListing,
  type SddRepair,
  type SddTarget,
  validateProject,
  validateSdd,
} from "./core/sdd/service.ts";
export {
  type LinkRowWire,
  type PlanCheckWire,
  planCheckWire,
  type PlanDiagnosticWire,
  type PlanHitWire,
  type PlanSearchWire,
  planSearchWire,
  type ProjectValidationWire,
  projectValidationWire,
  type ProposalDashboardWire,
  proposalDashboardWire,
  type ProposalWire,
  proposalWire,
  type SddInitWire,
  sddInitWire,
  type SddLinksWire,
  sddLinksWire,
  type SddListingWire,
  sddListingWire,
  type SddRepairWire,
  sddRepairWire,
  type SddValidationWire,
  sddValidationWire,
} from "./core/sdd/wire.ts";
export { approvePlan, type ApproveResult } from "./core/sdd/approve.ts";
export type { ApprovalKind } from "./core/sdd/approval_kinds.ts";
export { type PlanHit, searchPlanDocs, searchPlans } from "./core/sdd/plan_search.ts";
export type { BeadConfig } from "./core/bead/config.ts";
export type { BeadEvent, EventDraft, Operation } from "./core/bead/event.ts";
export {
  type Dependency as BeadDependency,
  type Issue as BeadIssue,
  ISSUE_TYPES as BEAD_ISSUE_TYPES,
  STATUSES as BEAD_STATUSES,
  TIERS as BEAD_TIERS,
} from "./core/bead/model.ts";
export { type BeadLocationInput, beadStoreDir } from "./core/bead/location.ts";
export { type BeadSettings, loadBeadSettings, resolveStoreDir } from "./core/bead/settings.ts";
export { type InitOptions, type InitResult, initStore } from "./core/bead/init.ts";
export {
  type LoadedStore,
  loadStore,
  mutateStore,
  type MutationContext,
  type MutationPlan,
  regenerateMirrors,
} from "./core/bead/store.ts";
export {
  type EventStream,
  replay,
  type ReplayProblem,
  type ReplayResult,
} from "./core/bead/reduce.ts";
export { exportProjection, parseProjection, readProjection } from "./core/bead/projection.ts";
export { openView, type StoreView } from "./core/bead/view.ts";
export {
  type BeadStats,
  beadStats,
  blockedIssues,
  type IssueDetail,
  issueDetail,
  listIssues,
  readyIssues,
} from "./core/bead/query.ts";
export { type SearchHit, searchIssues } from "./core/bead/search.ts";
export {
  type CreateRequest,
  parseTypeSpec,
  planClose,
  planCreate,
  planDependency,
  planOpen,
  planRemove,
  planUpdate,
  type UpdateRequest,
} from "./core/bead/mutate.ts";
export {
  type DoctorReport as BeadDoctorReport,
  fixStore as fixBeadStore,
  runDoctor as runBeadDoctor,
} from "./core/bead/doctor.ts";
export { planWork, type WorkContext, type WorkPlan } from "./core/bead/work.ts";
export { runWork, type RunWorkOptions, type WorkLauncher } from "./core/bead/work_run.ts";

// Agents and LLM providers: provider metadata and implementations, model
// selection, and the run service behind `sase run`.
export type {
  Invocation,
  InvocationRequest,
  LlmProvider,
  LlmProviderInfo,
  LlmProviderLookup,
  ModelTier,
  ProviderRetryDefaults,
} from "./core/provider.ts";
export type { AgentEvent, StreamParser, Usage } from "./core/provider_events.ts";
export { BUILTIN_PROVIDER_INFOS } from "./core/provider_catalog.ts";
export { type Selection, type SelectionInput, selectModel } from "./core/agent/run/select_model.ts";
export type { LaunchRequest, RunResult } from "./core/agent/run/launch_request.ts";
export { runAgent, type RunDeps } from "./core/agent/run/run.ts";
export {
  launchPrompt,
  planPrompt,
  type PromptLaunchRequest,
} from "./core/agent/run/launch_prompt.ts";
export { type LaunchedAgent, type LaunchOutcome } from "./core/agent/run/launch.ts";
export { runDepsFor, type RunDepsOptions } from "./core/agent/run/deps.ts";
export {
  type AgentDetailWire,
  agentDetailWire,
  type AgentRowWire,
  agentRowWire,
  agentTagsWire,
  type AgentTagWire,
  agentTagWire,
  type ArchiveRebuildWire,
  archiveRebuildWire,
  type ArchiveVerifyWire,
  archiveVerifyWire,
  type ChatDocumentWire,
  chatDocumentWire,
  type ChatInfoWire,
  chatInfoWire,
  type ExplicitArtifactWire,
  explicitArtifactWire,
  type IndexGcWire,
  indexGcWire,
  type IndexRebuildWire,
  indexRebuildWire,
  type IndexStatusWire,
  indexStatusWire,
  type IndexVerifyWire,
  indexVerifyWire,
  type KillResultWire,
  killResultWire,
  type LaunchedAgentWire,
  launchedAgentWire,
  type LaunchOutcomeWire,
  launchOutcomeWire,
  type NamedAgentTagWire,
  namedAgentTagWire,
  type NameMigrationWire,
  nameMigrationWire,
  type RunResultWire,
  runResultWire,
} from "./core/agent/wire.ts";
export {
  type AgentListing,
  type AgentTag,
  agentTag,
  listAgentRows,
  listAgentTags,
  type NamedTag,
  showAgent,
  tagAgent,
  untagAgent,
} from "./core/agent/index/agents.ts";
export type { AgentRow } from "./core/agent/index/rows.ts";
export type { AgentArtifactEntry, AgentDetail } from "./core/agent/index/detail.ts";
export {
  collectAgentIndexGarbage,
  type IndexGc,
  rebuildAgentIndex,
  verifyAgentIndex,
} from "./core/agent/index/maintenance.ts";
export { type ChatDocument, readChat } from "./core/agent/identity/chat_read.ts";
export { type ChatInfo, listChatFiles } from "./core/agent/records/chats.ts";
export { reviveLog } from "./core/agent/records/revive_log.ts";
export {
  killAgent,
  type KillResult,
  killRun,
  stopAgentRun,
  type StopOptions,
} from "./core/agent/identity/kill.ts";
export {
  type BeadWorkLaunch,
  type BeadWorkPreview,
  type BeadWorkRequest,
  launchBeadWork,
  previewBeadWork,
} from "./core/bead/work_launch.ts";
export {
  type BeadClosedWire,
  beadClosedWire,
  type BeadCreatedWire,
  beadCreatedWire,
  type BeadDependencyWire,
  beadDependencyWire,
  type BeadDetailWire,
  beadDetailWire,
  type BeadDoctorWire,
  beadDoctorWire,
  type BeadFixWire,
  beadHitsWire,
  type BeadHitWire,
  type BeadInitWire,
  beadInitWire,
  type BeadRemovedWire,
  beadRemovedWire,
  type BeadReopenedWire,
  beadReopenedWire,
  type BeadRowWire,
  beadRowWire,
  type BeadStatsWire,
  beadStatsWire,
  type BeadSyncStatusWire,
  beadSyncStatusWire,
  type BeadSyncWire,
  beadSyncWire,
  type BeadUpdatedWire,
  beadUpdatedWire,
} from "./core/bead/wire.ts";
export {
  type BeadWorkWire,
  beadWorkWire,
  type WorkPlanWire,
  workPlanWire,
} from "./core/bead/work_wire.ts";
export {
  activeBeadStore,
  addBeadDependency,
  type BeadDoctor,
  beadDoctor,
  type BeadInit,
  type BeadSearch,
  beadStoreStats,
  type BeadSync,
  blockedBeads,
  closeBeads,
  createBead,
  initBeads,
  listBeads,
  readyBeads,
  removalOf,
  removeBead,
  reopenBead,
  searchBeads,
  showBead,
  syncBeads,
  unstagedBeadPaths,
  updateBead,
} from "./core/bead/service.ts";
export { beadActor } from "./core/bead/actor.ts";
export { type FollowUpLaunch, launchFollowUp } from "./core/sdd/follow_up_launch.ts";
export type { FollowUp } from "./core/sdd/follow_up.ts";
export { BUILTIN_PROVIDERS, createProviderRegistry } from "./providers/llm/registry.ts";
export { fakeyCommand } from "./providers/llm/fakey.ts";
export { parseSaseTimestamp, saseTimestamp } from "./core/time.ts";

// Plugins (issue 24): what a plugin module exports, and the registry sase composes.
export type { SasePluginManifest } from "./core/plugin/manifest.ts";
export { PLUGIN_GROUPS, type PluginGroup, type PluginGroupValues } from "./core/plugin/groups.ts";
export {
  BUILTIN_PLUGIN,
  type PluginEntry,
  type PluginFailure,
  PluginRegistry,
} from "./core/plugin/registry.ts";
export { pluginProviderSet } from "./entries/context.ts";
