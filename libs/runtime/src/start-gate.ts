// Imported by each process's main before anything else: it pulls in only the config loader (no
// Nest, no drivers), so a bad variable stops a pod in a fraction of a second with one line.
import {
  type AppConfig,
  ConfigError,
  type LoadOptions,
  type ProcessName,
  loadConfigFromProcess,
} from '#core/config-loader';

/** Ends the process with one line naming what stopped the start. */
export function exitWithStartError(service: ProcessName, error: unknown): never {
  const reason = error instanceof ConfigError ? error.message : error instanceof Error ? error.message : String(error);
  process.stderr.write(`${service}: cannot start: ${reason}\n`);
  process.exit(1);
}

/** The validated configuration of this process (production profile included), or exit. */
export function configOrExit(service: ProcessName, options: Omit<LoadOptions, 'process'> = {}): AppConfig {
  try {
    return loadConfigFromProcess({ ...options, process: service });
  } catch (error) {
    exitWithStartError(service, error);
  }
}
