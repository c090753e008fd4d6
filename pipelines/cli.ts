/**
 * `npm run pipelines -- <command> [args]`. Each command lives in pipelines/commands/<command>.ts
 * and exports `run(args: string[]): Promise<number>` (the exit code) and `usage: string`.
 */
import { existsSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';

const here = dirname(fileURLToPath(import.meta.url));
const commandsDir = join(here, 'commands');
const commands = readdirSync(commandsDir)
  .filter((f) => f.endsWith('.ts'))
  .map((f) => f.replace(/\.ts$/, ''))
  .sort();

async function main(argv: string[]): Promise<number> {
  const [name, ...args] = argv;
  if (!name || name === '--help' || name === '-h' || !commands.includes(name)) {
    if (name && !['--help', '-h'].includes(name)) console.error(`Unknown command: ${name}\n`);
    console.log('Usage: npm run pipelines -- <command> [options]\n\nCommands:');
    for (const c of commands) {
      const mod = (await import(join(commandsDir, `${c}.ts`))) as { usage?: string };
      console.log(`  ${mod.usage ?? c}`);
    }
    return name && !['--help', '-h'].includes(name) ? 2 : 0;
  }
  const file = join(commandsDir, `${name}.ts`);
  if (!existsSync(file)) return 2;
  const mod = (await import(file)) as { run: (args: string[]) => Promise<number> };
  return mod.run(args);
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (err: unknown) => {
    console.error(`Error: ${err instanceof Error ? err.message : String(err)}`);
    if (process.env.DEBUG) console.error(err);
    process.exit(2);
  },
);
