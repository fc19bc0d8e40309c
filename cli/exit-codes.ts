// Exit codes every icpguard command uses.
export const EXIT = {
  /** Nothing blocking (check), no problems (validate). */
  ok: 0,
  /** Blocking findings (check), problems in the input (validate). */
  findings: 1,
  /** Bad usage, unreadable input or config. */
  usage: 2,
} as const;
