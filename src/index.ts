// imageforge's public library API. Everything the CLI does is reachable from here; nothing outside
// this barrel is a stable contract.

// configuration
export {
  loadConfig,
  configJsonSchema,
  parseDuration,
  getGitInfo,
  DEFAULT_CONFIG_FILE,
} from './config/index.js';
export type { LoadConfigOptions, GitInfo } from './config/index.js';
export type { ResolvedConfig, ImageConfig, RetryPolicy, RunSettings, SecretSource } from './config/types.js';

// planning
export { resolvePlan, printPlan } from './plan/plan.js';
export type { BuildPlan, PlannedImage, PrintedPlan, ResolvePlanOptions } from './plan/plan.js';
export { readDockerfile, findBuildkitOnlySyntax } from './dockerfile/index.js';

// engine
export { runPreflight } from './preflight/preflight.js';
export type { PreflightOptions, PreflightResult } from './preflight/preflight.js';
export { getBuildCommand, formatCommand } from './buildx/build-command.js';

// running builds
export { runBuild } from './run/run-build.js';
export type { RunBuildOptions, RunBuildResult } from './run/run-build.js';
export type { RunEvent, RunEventListener, BuildMethod } from './run/events.js';
export type { ClassifiedError, FailureKind } from './run/classified-error.js';
export { classifyFailure } from './run/classify.js';

// gates: functional tests, scans, SBOMs, signing
export { evaluateReportFile, scanLocalImage, testLocalImage } from './gates/verify-image.js';
export type { EvaluateReportResult, ScanLocalImageInput, TestLocalImageInput } from './gates/verify-image.js';
export { runImageTests } from './gates/functional/run-image-tests.js';
export { imageTestSchema, resolveImageTestSpec } from './gates/functional/test-spec-schema.js';
export type { ImageTestSpec } from './gates/functional/test-spec-schema.js';
export { createContainerClient } from './docker/container-client.js';
export type { ContainerClient } from './docker/container-client.js';
export { evaluateScanPolicy } from './gates/policy/evaluate-scan-policy.js';
export { ignoreRuleSchema } from './gates/policy/ignore-rules.js';
export type { IgnoreRule, PolicyDecision, ScanPolicy } from './gates/policy/scan-policy.js';
export { parseTrivyReport, readTrivyReportFile } from './gates/scan/trivy/parse-trivy-report.js';
export { createTrivyScanner } from './gates/scan/trivy/trivy-scanner.js';
export type { Scanner, ScannerFailure, ImageScanOutcome, SbomOutcome } from './gates/scan/scanner.js';
export type { Finding, Severity, ScanFindings } from './gates/scan/findings.js';
export { signImage } from './gates/sign/sign-image.js';
export { verifyImage } from './gates/sign/verify-image.js';
export type { SigningConfig } from './gates/sign/signing.js';
export type { ImageGates, TestGate, ScanGate, SbomResult, SignatureResult } from './gates/gate-report.js';

// reports and progress
export { reportSchema, REPORT_SCHEMA_VERSION } from './report/report-types.js';
export type {
  Report,
  ImageResult,
  Attempt,
  StepResult,
  CacheFigures,
  PushResult,
} from './report/report-types.js';
export { readReport, writeRunReports } from './report/write-run-reports.js';
export { toJunitXml } from './report/junit.js';
export { toYamlReport } from './report/yaml-report.js';
export { renderSummaryTable } from './report/summary-table.js';
export { createProgressRenderer } from './progress/progress-renderer.js';
export type { ProgressMode, ProgressRenderer } from './progress/progress-renderer.js';

// errors
export { ImageforgeError, AggregateImageforgeError, isImageforgeError } from './errors/imageforge-error.js';
export type { ErrorCategory, SourceLocation } from './errors/imageforge-error.js';
export { ErrorCode } from './errors/codes.js';

// the CLI itself, for embedding
export { main } from './cli/main.js';
export { VERSION } from './version.js';

// Doctor and the docker CLI plugin audit
export { runDoctor } from './doctor/run-doctor.js';
export type { RunDoctorOptions, DoctorResult, DoctorMode } from './doctor/run-doctor.js';
export type { CheckResult, CheckStatus, DoctorReport } from './doctor/doctor-types.js';
export { DOCTOR_CHECK_IDS } from './doctor/doctor-checks.js';
export { doctorJson } from './doctor/doctor-output.js';
export { auditCliPlugins, pluginStatus } from './plugins/audit-cli-plugins.js';
export type {
  PluginAudit,
  PluginEntry,
  PluginProblem,
  PluginAuditOptions,
} from './plugins/audit-cli-plugins.js';
export { quarantinePlugins, listQuarantines, restoreQuarantine } from './plugins/plugin-quarantine.js';
