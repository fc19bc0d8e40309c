// Runs the icpguard CLI in this process and reports its peak RSS on exit, for machines without
// GNU time. Usage: node cli-rss-wrapper.js <dist/cli/main.js> <args...>
export {};

const [cliMain, ...args] = process.argv.slice(2);
process.on("exit", () => {
  process.stderr.write(`\nicpguard-bench-max-rss-kb: ${process.resourceUsage().maxRSS}\n`);
});
// eslint-disable-next-line @typescript-eslint/no-require-imports
const cli = require(cliMain) as { main(argv: readonly string[]): Promise<number> };
cli.main([process.argv[0], cliMain, ...args]).then((code) => {
  process.exitCode = code;
});
