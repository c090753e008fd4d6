/**
 * `npm run pipelines -- <command> [args]`. Each command lives in pipelines/commands/<command>.ts
 * and exports `run(args: string[]): Promise<number>` (the exit code) and `usage: string`.
 */
import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';
import { runCommand, UsageError } from './lib/cli';

const here = dirname(fileURLToPath(import.meta.url));
const commandsDir = join(here, 'commands');
const commands = readdirSync(commandsDir)
  .filter((f) => f.endsWith('.ts'))
  .map((f) => f.replace(/\.ts$/, ''))
  .sort();

async function usageText(): Promise<string> {
  const lines = ['Usage: npm run pipelines -- <command> [options]', '', 'Commands:'];
  for (const c of commands) {
    const mod = (await import(join(commandsDir, `${c}.ts`))) as { usage?: string };
    lines.push(`  ${mod.usage ?? c}`);
  }
  return lines.join('\n');
}

async function main(argv: string[]): Promise<number> {
  const [name, ...args] = argv;
  if (!name || !commands.includes(name))
    throw new UsageError(name ? `unknown command ${name}` : 'missing the command');
  const mod = (await import(join(commandsDir, `${name}.ts`))) as { run: (args: string[]) => Promise<number> };
  return mod.run(args);
}

runCommand(usageText, main);
