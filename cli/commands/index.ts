// Subcommands of icpguard. Each module exports a function that adds its command to the program.

import type { Command } from "commander";
import { registerCheck } from "./check";
import { registerConfig } from "./config";
import { registerValidate } from "./validate";

export type RegisterCommand = (program: Command) => void;

export const COMMANDS: RegisterCommand[] = [registerValidate, registerConfig, registerCheck];
