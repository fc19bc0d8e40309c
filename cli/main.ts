#!/usr/bin/env node
// The icpguard command. Each subcommand lives in cli/commands/ and registers itself here.

import { Command, CommanderError } from "commander";
import { COMMANDS } from "./commands";
import { EXIT } from "./exit-codes";

export function buildProgram(): Command {
  const program = new Command("icpguard")
    .description("ICP filing checks for Pulumi stacks on Alibaba Cloud and Tencent Cloud")
    .version(require("../../package.json").version as string)
    .exitOverride()
    .configureOutput({ writeErr: (text) => process.stderr.write(text) });
  for (const register of COMMANDS) register(program);
  return program;
}

export async function main(argv: readonly string[] = process.argv): Promise<number> {
  try {
    await buildProgram().parseAsync([...argv]);
    return typeof process.exitCode === "number" ? process.exitCode : EXIT.ok;
  } catch (error) {
    if (error instanceof CommanderError) {
      // --help and --version end through here with exit code 0.
      return error.exitCode === 0 ? EXIT.ok : EXIT.usage;
    }
    process.stderr.write(`icpguard: ${error instanceof Error ? error.message : String(error)}\n`);
    return EXIT.usage;
  }
}

if (require.main === module) {
  main().then((code) => {
    process.exitCode = code;
  });
}
