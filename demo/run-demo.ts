// `npm run demo`: runs every example program through the real icpguard pack, the way
// `pulumi preview --policy-pack . --policy-pack-config icp.json` would, without the Pulumi CLI or
// a cloud account. Prints what would be blocked and why, and exits non-zero when any example's
// outcome differs from its expected.json. Optional arguments: example names to run.
import { availableParallelism } from "node:os";
import { performance } from "node:perf_hooks";
import { type Example, type ExpectedRun, loadExamples, repoRoot } from "./examples";
import { type ResourceResult, type RunResult, compareWithExpected, runExample } from "./run-example";

const useColour = process.stdout.isTTY === true && !process.env.NO_COLOR;
const paint = (code: string) => (text: string) => (useColour ? `\x1b[${code}m${text}\x1b[0m` : text);
const red = paint("31");
const yellow = paint("33");
const green = paint("32");
const bold = paint("1");
const dim = paint("2");

const width = Math.max(60, Math.min(process.stdout.columns ?? 100, 120));

function wrap(text: string, indent: string): string {
    const lines: string[] = [];
    let line = "";
    for (const word of text.split(/\s+/)) {
        if (line !== "" && indent.length + line.length + 1 + word.length > width) {
            lines.push(line);
            line = word;
        } else {
            line = line === "" ? word : `${line} ${word}`;
        }
    }
    if (line !== "") lines.push(line);
    return lines.map((l) => indent + l).join("\n");
}

function seconds(ms: number): string {
    return `${(ms / 1000).toFixed(1)} s`;
}

function plainCounts(counts: RunResult["counts"]): string {
    return `${counts.blocked} blocked, ${counts.advisory} advisory, ${counts.passed} passed`;
}

/** The counts, coloured, padded to `padTo` visible characters. */
function countsLine(counts: RunResult["counts"], padTo = 0): string {
    const blocked = `${counts.blocked} blocked`;
    const advisory = `${counts.advisory} advisory`;
    const text = `${counts.blocked > 0 ? red(blocked) : blocked}, ${counts.advisory > 0 ? yellow(advisory) : advisory}, ${counts.passed} passed`;
    return text + " ".repeat(Math.max(0, padTo - plainCounts(counts).length));
}

const VERDICT_LABEL: Record<ResourceResult["verdict"], string> = {
    blocked: red("✗ blocked "),
    advisory: yellow("! advisory"),
    passed: green("✓ passed  "),
};

function renderResource(resource: ResourceResult, nameWidth: number): string {
    const lines = [`  ${VERDICT_LABEL[resource.verdict]}  ${bold(resource.name.padEnd(nameWidth))}  ${dim(resource.type)}`];
    for (const remediation of resource.remediations) {
        lines.push(wrap(`remediated by ${remediation.policyName}: ${remediation.description}`, "      "));
    }
    for (const diagnostic of resource.diagnostics) {
        const level = diagnostic.enforcementLevel === "mandatory" ? red(diagnostic.enforcementLevel) : yellow(diagnostic.enforcementLevel);
        lines.push(`      ${diagnostic.policyName} [${level}]`);
        lines.push(wrap(diagnostic.message, "        "));
    }
    return lines.join("\n");
}

interface Outcome {
    example: Example;
    expected: ExpectedRun;
    result?: RunResult;
    error?: Error;
    problems: string[];
}

function renderOutcome(outcome: Outcome): string {
    const { example, expected, result } = outcome;
    const command = expected.mode === "preview" ? "pulumi preview" : "pulumi up";
    const lines = [
        `${bold(example.name)} ${dim(`· ${command} · project ${example.project} · stack ${example.stack}`)}`,
        wrap(example.description, "  "),
    ];
    if (result) {
        // The stack resource and default providers are shown only when something is said about them.
        const shown = result.resources.filter((resource) => resource.declared || resource.diagnostics.length > 0);
        const nameWidth = Math.max(...shown.map((resource) => resource.name.length));
        for (const resource of shown) lines.push(renderResource(resource, nameWidth));
        const { totalMs, captureMs, packStartMs, analyzeMs } = result.timings;
        const timing = `${seconds(totalMs)}: program ${seconds(captureMs)}, pack start ${seconds(packStartMs)}, ${result.analyzerCalls} analyzer calls ${Math.round(analyzeMs)} ms`;
        lines.push(`  → ${countsLine(result.counts)} ${dim(`(${timing})`)}`);
    } else if (outcome.error) {
        lines.push(red(wrap(`could not run: ${outcome.error.message}`, "  ")));
    }
    lines.push(
        outcome.problems.length === 0
            ? `  ${green("as expected")} ${dim(`(examples/${example.name}/expected.json)`)}`
            : [red(`  differs from examples/${example.name}/expected.json:`), ...outcome.problems.map((p) => wrap(`- ${p}`, "    "))].join("\n"),
    );
    return lines.join("\n");
}

/** Runs tasks with at most `limit` in flight; the promises keep the tasks' order. */
function pool<T>(tasks: (() => Promise<T>)[], limit: number): Promise<T>[] {
    const settlers: { resolve: (value: T) => void; reject: (reason: unknown) => void }[] = [];
    const promises = tasks.map(
        () => new Promise<T>((resolve, reject) => settlers.push({ resolve, reject })),
    );
    let next = 0;
    const worker = async (): Promise<void> => {
        while (next < tasks.length) {
            const index = next++;
            const settle = settlers[index] as (typeof settlers)[number];
            try {
                settle.resolve(await (tasks[index] as () => Promise<T>)());
            } catch (error) {
                settle.reject(error);
            }
        }
    };
    for (let i = 0; i < Math.min(limit, tasks.length); i++) void worker();
    return promises;
}

async function main(): Promise<number> {
    const startedAt = performance.now();
    const root = repoRoot();
    const only = process.argv.slice(2);
    const examples = loadExamples(root).filter((example) => only.length === 0 || only.includes(example.name));
    const unknownNames = only.filter((name) => !examples.some((example) => example.name === name));
    if (unknownNames.length > 0) {
        process.stderr.write(`no such example: ${unknownNames.join(", ")}\n`);
        return 2;
    }

    console.log(bold("icpguard demo"));
    console.log(
        wrap(
            "Each example is a real Pulumi program, run under Pulumi's mock runtime (no CLI, no cloud account). " +
                "What it registers is sent to the icpguard policy pack, started as the Pulumi CLI starts it, " +
                "over the engine's Analyzer protocol, with the example's icp.json as --policy-pack-config.",
            "",
        ),
    );
    console.log();

    const jobs = examples.flatMap((example) => example.runs.map((expected) => ({ example, expected })));
    const runs = pool(
        jobs.map(({ example, expected }) => async (): Promise<Outcome> => {
            try {
                const result = await runExample(example, expected.mode, root);
                return { example, expected, result, problems: compareWithExpected(result, expected) };
            } catch (error) {
                const failure = error instanceof Error ? error : new Error(String(error));
                return { example, expected, error: failure, problems: ["the run failed"] };
            }
        }),
        Math.max(2, Math.min(4, availableParallelism())),
    );

    const outcomes: Outcome[] = [];
    for (const run of runs) {
        const outcome = await run;
        outcomes.push(outcome);
        console.log(renderOutcome(outcome));
        console.log();
    }

    console.log(bold("Summary"));
    const nameWidth = Math.max(...outcomes.map((outcome) => outcome.example.name.length));
    const countsWidth = Math.max(...outcomes.map((outcome) => (outcome.result ? plainCounts(outcome.result.counts).length : 0)));
    const total = { blocked: 0, advisory: 0, passed: 0 };
    for (const outcome of outcomes) {
        const counts = outcome.result?.counts;
        if (counts) for (const key of ["blocked", "advisory", "passed"] as const) total[key] += counts[key];
        const status = outcome.problems.length === 0 ? green("as expected") : red("DIFFERS");
        const summary = counts ? countsLine(counts, countsWidth) : red("failed".padEnd(countsWidth));
        console.log(`  ${outcome.example.name.padEnd(nameWidth)}  ${outcome.expected.mode.padEnd(7)}  ${summary}  ${status}`);
    }
    const failed = outcomes.filter((outcome) => outcome.problems.length > 0).length;
    console.log(
        `  ${bold("overall")}: ${countsLine(total)}; ${outcomes.length - failed}/${outcomes.length} runs as expected ${dim(`(${seconds(performance.now() - startedAt)})`)}`,
    );
    return failed === 0 ? 0 : 1;
}

main().then(
    (code) => {
        process.exitCode = code;
    },
    (error: unknown) => {
        process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
        process.exitCode = 1;
    },
);
