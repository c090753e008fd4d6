/**
 * The one argument parser and exit skeleton of every command (`report`, `study`, the pipeline
 * commands): node:util parseArgs, strict; a mistake is a UsageError (exit 2, with the usage), an
 * export that cannot be used exit 1, anything else exit 1 with its message (DEBUG=1 for the stack).
 */
import { existsSync, statSync } from 'node:fs';
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { ExportError, type ExportFile } from '../../core';
import { exportFolderFiles } from './export-folder';

export class UsageError extends Error {}

type Options = NonNullable<ParseArgsConfig['options']>;

/** Flags and positionals of a command line; parseArgs' own errors become UsageErrors a person can read. */
export function parseCommandLine<O extends Options>(argv: readonly string[], options: O) {
  try {
    return parseArgs({ args: [...argv], options, strict: true, allowPositionals: true });
  } catch (err) {
    const code = (err as { code?: string }).code;
    const message = err instanceof Error ? err.message : String(err);
    if (code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') {
      const flag = /'([^']+)'/.exec(message)?.[1] ?? message;
      throw new UsageError(`unknown option ${flag}`);
    }
    if (code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE') {
      const flag = /(--[\w-]+)/.exec(message)?.[1] ?? 'an option';
      throw new UsageError(`${flag} needs a value`);
    }
    throw new UsageError(message);
  }
}

/** The export folder a command reads: a usage error (exit 2) when it is not a folder of Parquet files. */
export async function exportFolderArg(folder: string): Promise<ExportFile[]> {
  if (!existsSync(folder) || !statSync(folder).isDirectory()) throw new UsageError(`not a folder: ${folder}`);
  const files = await exportFolderFiles(folder);
  if (!files.some((f) => f.name.endsWith('.parquet'))) throw new UsageError(`no .parquet files in ${folder}`);
  return files;
}

/**
 * Runs a command and exits with its code. `usage` is printed after a usage error; an ExportError
 * is printed as it is (exit 1).
 */
export function runCommand(
  usage: string | (() => Promise<string>),
  main: (argv: string[]) => Promise<number>,
): void {
  const usageText = async () => (typeof usage === 'string' ? usage : usage());
  const argv = process.argv.slice(2);
  const run = async (): Promise<number> => {
    if (argv.includes('--help') || argv.includes('-h')) {
      console.log(await usageText());
      return 0;
    }
    try {
      return await main(argv);
    } catch (err) {
      if (err instanceof UsageError) {
        console.error(`Error: ${err.message}\n\n${await usageText()}`);
        return 2;
      }
      if (err instanceof ExportError) {
        console.error(`Error: ${err.message}`);
        return 1;
      }
      throw err;
    }
  };
  run().then(
    (code) => process.exit(code),
    (err: unknown) => {
      console.error(`Error: ${err instanceof Error ? err.message : String(err)}`);
      if (process.env.DEBUG) console.error(err);
      process.exit(1);
    },
  );
}
