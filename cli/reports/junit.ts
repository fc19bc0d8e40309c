// JUnit XML for CI test reports (GitLab, Jenkins, Azure): one test suite per policy, one test case
// per resource the policy checked; a blocking verdict is a failure, a waived one a skipped test,
// an advisory one is written to the case's output.

import { textPrefix } from "../../rules/text-prefix";
import { blocks, type CheckReport, type ReportItem } from "./report";

export function junitReport(report: CheckReport): string {
  const byPair = new Map<string, ReportItem[]>();
  const key = (policy: string, urn: string) => `${policy}\u0000${urn}`;
  for (const item of report.items) {
    const list = byPair.get(key(item.policy, item.urn)) ?? [];
    list.push(item);
    byPair.set(key(item.policy, item.urn), list);
  }
  // Verdicts not tied to a checked resource (a stack-wide one, or an event for a resource the input lacks) get their own case.
  const cases = report.checked.map((pair) => ({ ...pair, items: byPair.get(key(pair.policy, pair.urn)) ?? [] }));
  const covered = new Set(report.checked.map((pair) => key(pair.policy, pair.urn)));
  for (const [pairKey, items] of byPair) {
    if (covered.has(pairKey)) continue;
    const first = items[0];
    cases.push({ policy: first.policy, urn: first.urn, resourceName: first.resourceName, resourceType: first.resourceType, items });
  }

  const suites = new Map<string, typeof cases>();
  for (const testCase of cases) {
    const list = suites.get(testCase.policy) ?? [];
    list.push(testCase);
    suites.set(testCase.policy, list);
  }

  let totalTests = 0;
  let totalFailures = 0;
  let totalSkipped = 0;
  const suiteXml: string[] = [];
  for (const [policy, suiteCases] of suites) {
    let failures = 0;
    let skipped = 0;
    const caseXml = suiteCases.map((testCase) => {
      const failing = testCase.items.filter((item) => blocks(item, report.failOn));
      const waived = testCase.items.filter((item) => item.waived);
      const other = testCase.items.filter((item) => !item.waived && !blocks(item, report.failOn));
      const name = testCase.urn === "" ? "(stack)" : testCase.urn;
      const body: string[] = [];
      if (failing.length > 0) {
        failures++;
        body.push(
          `      <failure type="${attr(failing[0].level)}" message="${attr(firstLine(failing[0].message))}">${text(failing.map(describe).join("\n\n"))}</failure>`,
        );
      } else if (waived.length > 0 && other.length === 0) {
        skipped++;
        body.push(`      <skipped message="${attr(waived.map((item) => `waived: ${item.waiver?.reason ?? ""}`).join("; "))}"/>`);
      }
      if (other.length > 0) body.push(`      <system-out>${text(other.map(describe).join("\n\n"))}</system-out>`);
      const open = `    <testcase classname="${attr(policy)}" name="${attr(name)}" time="0"`;
      return body.length === 0 ? `${open}/>` : `${open}>\n${body.join("\n")}\n    </testcase>`;
    });
    totalTests += suiteCases.length;
    totalFailures += failures;
    totalSkipped += skipped;
    suiteXml.push(
      `  <testsuite name="${attr(policy)}" tests="${suiteCases.length}" failures="${failures}" errors="0" skipped="${skipped}" time="0">\n${caseXml.join("\n")}\n  </testsuite>`,
    );
  }
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="icpguard check" tests="${totalTests}" failures="${totalFailures}" errors="0" skipped="${totalSkipped}" time="0">`,
    ...suiteXml,
    "</testsuites>",
    "",
  ].join("\n");
}

function describe(item: ReportItem): string {
  return `[${item.waived ? "waived" : item.level}] ${item.message}`;
}

function firstLine(message: string): string {
  const line = message.split("\n")[0];
  return line.length > 200 ? `${textPrefix(line, 199)}…` : line;
}

// XML 1.0 cannot carry most control characters at all, even escaped.
const NOT_XML = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g;

function text(value: string): string {
  return value.replace(NOT_XML, "").replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

function attr(value: string): string {
  return text(value).replace(/"/g, "&quot;").replace(/\n/g, "&#10;");
}
