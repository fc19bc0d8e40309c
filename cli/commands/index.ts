// Subcommands of icpguard. Each module exports a function that adds its command to the program.

import type { Command } from "commander";
import { registerCheck } from "./check";
import { registerCompare } from "./compare";
import { registerConfig } from "./config";
import { registerValidate } from "./validate";
import { registerWhatIf } from "./what-if";

export type RegisterCommand = (program: Command) => void;

export const COMMANDS: RegisterCommand[] = [registerValidate, registerConfig, registerCheck, registerCompare, registerWhatIf];
