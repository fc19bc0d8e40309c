// Checks across a records file that its schema cannot make field by field: the same domain
// filed twice, numbers from another province, app numbers without A or mini-program numbers
// without X, licences an individual cannot hold, and dates that have passed or are near.
// Facts: /work/shared/reference/icp-facts.md.

import { parseFilingNumber, type ParsedNumber } from "./filing-number";
import { normaliseHostname } from "./hostname";
import { provinceByCode, type ProvinceCode } from "./provinces";
import {
  NUMBER_KIND_NAMES,
  describePath,
  type AppKind,
  readRecordsYaml,
  type RecordsFile,
  type RecordsIssue,
  type RecordsPath,
  type Severity,
  type SourcePosition,
} from "./records-file";

/** A waiver this close to its end is worth a warning: enough time to file or move the site. */
export const WAIVER_WARNING_DAYS = 30;
/** A telecom licence's renewal is applied for 90 days before it expires (MIIT's licence measures). */
export const LICENCE_RENEWAL_NOTICE_DAYS = 90;
/** The public-security filing is due within 30 days of going live. */
export const PUBLIC_SECURITY_FILING_DAYS = 30;

export interface CheckOptions {
  /** ISO date (YYYY-MM-DD) that expiry dates are compared with. */
  today: string;
}

interface Context {
  records: RecordsFile;
  today: string;
  /** Every number in the file with its parse, computed once. */
  numbers: readonly NumberField[];
  /** Registered domain of each website filing, by index (undefined where the schema already objected). */
  domains: readonly (string | undefined)[];
  report(severity: Severity, code: string, path: RecordsPath, message: string): void;
}

type Check = (ctx: Context) => void;

/** The cross-checks of records that match the schema; issues in the order the checks run. */
export function checkRecords(records: RecordsFile, options: CheckOptions): RecordsIssue[] {
  const issues: RecordsIssue[] = [];
  const ctx: Context = {
    records,
    today: options.today,
    numbers: numberFields(records),
    domains: filedDomains(records),
    report: (severity, code, path, message) => issues.push({ severity, code, path, message }),
  };
  for (const check of CHECKS) check(ctx);
  return issues;
}

export interface LocatedIssue extends RecordsIssue {
  position?: SourcePosition;
}

export type RecordsValidation =
  | { status: "unreadable"; errors: { message: string; position?: SourcePosition }[] }
  /** `records` is present when the schema accepted the file (cross-check problems may remain). */
  | { status: "checked"; records: RecordsFile | undefined; issues: LocatedIssue[] };

/** Reads records YAML, checks the schema and then the cross-checks; issues in file order. */
export function validateRecordsText(text: string, options: CheckOptions): RecordsValidation {
  const reading = readRecordsYaml(text);
  if (reading.status === "unreadable") return reading;
  const issues = reading.records ? checkRecords(reading.records, options) : reading.issues;
  const located = issues.map((issue): LocatedIssue => {
    const position = reading.locate(issue.path);
    return position ? { ...issue, position } : issue;
  });
  located.sort(compareLocated);
  return { status: "checked", records: reading.records, issues: located };
}

function compareLocated(a: LocatedIssue, b: LocatedIssue): number {
  const lineA = a.position?.line ?? 0;
  const lineB = b.position?.line ?? 0;
  if (lineA !== lineB) return lineA - lineB;
  const columnA = a.position?.column ?? 0;
  const columnB = b.position?.column ?? 0;
  if (columnA !== columnB) return columnA - columnB;
  return a.severity === b.severity ? 0 : a.severity === "problem" ? -1 : 1;
}

export function hasProblems(issues: readonly RecordsIssue[]): boolean {
  return issues.some((issue) => issue.severity === "problem");
}

// ---------------------------------------------------------------------------------------------
// Dates

const DAY_MS = 86_400_000;

function dayNumber(isoDate: string): number {
  return Math.round(Date.parse(`${isoDate}T00:00:00Z`) / DAY_MS);
}

function addDays(isoDate: string, days: number): string {
  return new Date((dayNumber(isoDate) + days) * DAY_MS).toISOString().slice(0, 10);
}

function inDays(days: number): string {
  return days === 0 ? "today" : days === 1 ? "tomorrow" : `in ${days} days`;
}

// ---------------------------------------------------------------------------------------------
// Numbers

interface NumberField {
  path: RecordsPath;
  text: string;
  parsed: ParsedNumber | undefined;
  /** Why it does not parse, when it does not. */
  error: string | undefined;
}

/** Every number in the file with its parse. */
function numberFields(records: RecordsFile): NumberField[] {
  const fields: NumberField[] = [];
  const add = (path: RecordsPath, text: string | undefined) => {
    if (text === undefined) return;
    const parsed = parseFilingNumber(text);
    fields.push({ path, text, parsed: parsed.ok ? parsed : undefined, error: parsed.ok ? undefined : parsed.message });
  };
  records.filings.forEach((filing, i) => {
    add(["filings", i, "number"], filing.number);
    add(["filings", i, "psb"], filing.psb);
    add(["filings", i, "licence"], filing.licence);
  });
  records.apps.forEach((app, i) => add(["apps", i, "number"], app.number));
  records.licences.forEach((licence, i) => add(["licences", i, "number"], licence.number));
  return fields;
}

function provinceName(code: ProvinceCode): string {
  return `${provinceByCode(code)!.englishName} (${code})`;
}

const checkNumberProvinces: Check = ({ records, numbers, report }) => {
  const entityProvince = records.entity.province;
  for (const field of numbers) {
    const parsed = field.parsed;
    if (!parsed) continue;
    const provinces = parsed.province ? [parsed.province] : (parsed.provinceCandidates ?? []);
    if (provinces.includes(entityProvince)) continue;
    const issuedIn = provinces.map(provinceName).join(" or ");
    report(
      "problem",
      "province-mismatch",
      field.path,
      `${field.text} was issued in ${issuedIn}, but the entity is in ${provinceName(entityProvince)}: ` +
        "an entity's numbers all come from the province where it files",
    );
  }
};

// The schema takes psb and licence as free text (the pack's config does); here they must be what they say.
const checkSecondaryNumberKinds: Check = ({ numbers, report }) => {
  for (const field of numbers) {
    const what = field.path[2];
    if (what !== "psb" && what !== "licence") continue;
    const { parsed } = field;
    const code = what === "psb" ? "psb-number" : "licence-number";
    const expected =
      what === "psb"
        ? { kinds: ["public-security"], name: "a public-security filing number", example: "浙公网安备33010602011771号" }
        : { kinds: ["commercial-licence", "value-added-telecom-licence"], name: "a licence number", example: "浙ICP证210315号 or 浙B2-20210315" };
    if (!parsed) {
      report("problem", code, field.path, `not ${expected.name}: ${field.error}`);
    } else if (!expected.kinds.includes(parsed.kind)) {
      report("problem", code, field.path, `${field.text} is a ${NUMBER_KIND_NAMES[parsed.kind]} number; expected one like ${expected.example}`);
    }
  }
};

// One entity has one filing serial per series; its sites, apps and mini-programs are -1, -2, …
const checkSerials: Check = ({ numbers, report }) => {
  const firstBySeries = new Map<string, NumberField>();
  for (const field of numbers) {
    const parsed = field.parsed;
    if (!parsed || (parsed.series !== "icp-filing" && parsed.series !== "b2-licence")) continue;
    if (field.path[0] === "licences" || field.path[2] === "licence") continue;
    const first = firstBySeries.get(parsed.series);
    if (!first) {
      firstBySeries.set(parsed.series, field);
    } else if (first.parsed!.serial !== parsed.serial) {
      report(
        "warning",
        "serial-mismatch",
        field.path,
        `serial ${parsed.serial} differs from ${first.parsed!.serial} in ${describePath(first.path)}: ` +
          "one entity has one filing serial and numbers its sites and apps -1, -2, …",
      );
    }
  }
};

const A_KIND: Readonly<Record<AppKind, string>> = { app: "an app", "mini-program": "a mini-program", "quick-app": "a quick app" };

const checkAppSuffixes: Check = ({ records, report }) => {
  records.apps.forEach((app, i) => {
    if (app.number === undefined) {
      report(
        "warning",
        "app-unfiled",
        ["apps", i],
        `${app.name} has no filing number yet: since 2023 ${A_KIND[app.kind]} with mainland backends must be filed before it goes live`,
      );
      return;
    }
    const parsed = parseFilingNumber(app.number);
    if (!parsed.ok) return;
    const example = `${parsed.canonical.replace(/[AX]$/, "")}${app.kind === "mini-program" ? "X" : "A"}`;
    if (app.kind === "app" && parsed.kind !== "app") {
      report("problem", "app-suffix", ["apps", i, "number"], `${app.number} has no A at the end; an app's filing number does, e.g. ${example}`);
    }
    if (app.kind === "mini-program" && parsed.kind !== "mini-program") {
      report(
        "problem",
        "mini-program-suffix",
        ["apps", i, "number"],
        `${app.number} has no X at the end; a mini-program's filing number does, e.g. ${example}`,
      );
    }
    // Quick apps: MIIT's suffix letter for them is not confirmed, so any site number is accepted.
  });
};

// ---------------------------------------------------------------------------------------------
// Domains and apps

function filedDomains(records: RecordsFile): (string | undefined)[] {
  return records.filings.map((filing) => {
    const result = normaliseHostname(filing.domain);
    return result.ok ? result.value.registeredDomain : undefined;
  });
}

const checkDuplicateDomains: Check = ({ records, domains, report }) => {
  const firstIndex = new Map<string, number>();
  domains.forEach((domain, i) => {
    if (domain === undefined) return;
    const first = firstIndex.get(domain);
    if (first === undefined) {
      firstIndex.set(domain, i);
      return;
    }
    const written = records.filings[i]!.domain;
    const via = written.toLowerCase() === domain ? "" : ` (${written} is under ${domain})`;
    report(
      "problem",
      "duplicate-domain",
      ["filings", i, "domain"],
      `${domain} is already filed in filings[${first}]${via}: a registered domain has one filing, which covers all its subdomains`,
    );
  });
};

const checkDuplicateApps: Check = ({ records, report }) => {
  const firstIndex = new Map<string, number>();
  const firstByName = new Map<string, number>();
  records.apps.forEach((app, i) => {
    // Resources name the app they serve (tag icp:app = <name>), so a name must say which app.
    const sameName = firstByName.get(app.name);
    if (sameName === undefined) firstByName.set(app.name, i);
    else report("problem", "duplicate-app", ["apps", i, "name"], `"${app.name}" is already the name of apps[${sameName}]; give each app its own name`);

    const field = app.packageName !== undefined ? "packageName" : "appId";
    const identity = `${app.platform}\u0000${field}\u0000${app[field]}`;
    const first = firstIndex.get(identity);
    if (first === undefined) {
      firstIndex.set(identity, i);
    } else {
      report("problem", "duplicate-app", ["apps", i, field], `${app[field]} on ${app.platform} is already listed in apps[${first}]`);
    }
  });
};

const checkAppBackends: Check = ({ records, domains, report }) => {
  if (records.apps.length === 0) return;
  const approved = new Set<string>();
  domains.forEach((domain, i) => {
    if (domain !== undefined && records.filings[i]!.status === "approved") approved.add(domain);
  });
  records.apps.forEach((app, i) => {
    app.backends.forEach((backend, j) => {
      const result = normaliseHostname(backend);
      if (!result.ok || result.value.kind !== "custom" || !result.value.registeredDomain) return;
      const domain = result.value.registeredDomain;
      if (approved.has(domain)) return;
      report(
        "warning",
        "unfiled-backend",
        ["apps", i, "backends", j],
        `${domain} has no approved website filing in this file; a mainland backend's custom domain needs one`,
      );
    });
  });
};

// ---------------------------------------------------------------------------------------------
// Dates in filings

const checkLiveDates: Check = ({ records, today, report }) => {
  records.filings.forEach((filing, i) => {
    if (filing.liveSince === undefined || filing.liveSince > today) return;
    if (filing.status === "pending") {
      report(
        "warning",
        "live-while-pending",
        ["filings", i, "liveSince"],
        `the filing is pending but the site has been live since ${filing.liveSince}: ` +
          "a site must not be reachable before its number is issued (a common reason for rejection)",
      );
      return;
    }
    const due = addDays(filing.liveSince, PUBLIC_SECURITY_FILING_DAYS);
    if (filing.psb === undefined && due < today) {
      report(
        "warning",
        "psb-overdue",
        ["filings", i, "liveSince"],
        `live since ${filing.liveSince} with no public-security filing (psb): it was due within ` +
          `${PUBLIC_SECURITY_FILING_DAYS} days, by ${due}`,
      );
    }
  });
};

const checkPreApprovals: Check = ({ records, report }) => {
  records.filings.forEach((filing, i) => {
    if (filing.sector === undefined || filing.sector === "none" || filing.preApproval !== undefined) return;
    report(
      "warning",
      "pre-approval-missing",
      ["filings", i, "sector"],
      `a ${filing.sector} site needs the sector authority's approval before filing; record its reference in preApproval`,
    );
  });
};

// ---------------------------------------------------------------------------------------------
// Licences

const checkCommercial: Check = ({ records, report }) => {
  const { entity } = records;
  if (entity.type === "individual") {
    records.licences.forEach((_, i) => {
      report("problem", "individual-licence", ["licences", i, "number"], "an individual cannot hold a telecom licence; only companies can");
    });
    if (entity.commercial) {
      report(
        "problem",
        "individual-commercial",
        ["entity", "commercial"],
        "an individual cannot run commercial sites: they need a commercial ICP licence, which only companies hold",
      );
    }
    records.filings.forEach((filing, i) => {
      if (filing.commercial === true) {
        report(
          "problem",
          "individual-commercial",
          ["filings", i, "commercial"],
          "an individual's site cannot be commercial: it needs a commercial ICP licence, which only companies hold",
        );
      }
    });
    return;
  }
  const hasLicence = records.licences.length > 0 || records.filings.some((filing) => filing.licence !== undefined);
  if (hasLicence) return;
  const commercialFilings = records.filings.flatMap((filing, i) => (filing.commercial === true ? [i] : []));
  if (!entity.commercial && commercialFilings.length === 0) return;
  const path: RecordsPath = entity.commercial ? ["entity", "commercial"] : ["filings", commercialFilings[0]!, "commercial"];
  const sites = commercialFilings.length === 1 ? "1 commercial site" : `${commercialFilings.length} commercial sites`;
  report(
    "warning",
    "licence-missing",
    path,
    `${entity.commercial ? "the entity is commercial" : sites} but no licence is listed: commercial sites need a ` +
      "commercial ICP licence (ICP证) or value-added telecom licence (B2-) on top of the filing",
  );
};

const checkLicenceExpiry: Check = ({ records, today, report }) => {
  records.licences.forEach((licence, i) => {
    if (licence.expires === undefined) return;
    const daysLeft = dayNumber(licence.expires) - dayNumber(today);
    if (daysLeft < 0) {
      report("problem", "licence-expired", ["licences", i, "expires"], `${licence.number} expired on ${licence.expires}`);
    } else if (daysLeft <= LICENCE_RENEWAL_NOTICE_DAYS) {
      report(
        "warning",
        "licence-expiring",
        ["licences", i, "expires"],
        `${licence.number} expires ${inDays(daysLeft)} (${licence.expires}); renewal must be applied for ` +
          `${LICENCE_RENEWAL_NOTICE_DAYS} days before expiry`,
      );
    }
  });
};

// ---------------------------------------------------------------------------------------------
// Waivers

const checkWaivers: Check = ({ records, domains, today, report }) => {
  if (records.waivers.length === 0) return;
  const approved = new Map<string, number>();
  domains.forEach((domain, i) => {
    if (domain !== undefined && records.filings[i]!.status === "approved" && !approved.has(domain)) approved.set(domain, i);
  });
  records.waivers.forEach((waiver, i) => {
    if (waiver.domain !== undefined) {
      const result = normaliseHostname(waiver.domain);
      if (!result.ok) {
        report("problem", "waiver-domain", ["waivers", i, "domain"], `not a hostname: ${result.reason}`);
      } else if (result.value.registeredDomain !== undefined && approved.has(result.value.registeredDomain)) {
        report(
          "warning",
          "waiver-redundant",
          ["waivers", i, "domain"],
          `${result.value.registeredDomain} has an approved filing (filings[${approved.get(result.value.registeredDomain)}]); this waiver is no longer needed`,
        );
      }
    }
    const daysLeft = dayNumber(waiver.expires) - dayNumber(today);
    if (daysLeft < 0) {
      report(
        "problem",
        "waiver-expired",
        ["waivers", i, "expires"],
        `expired on ${waiver.expires}: the pack blocks again; file the domain, move it, or renew the waiver with a new date`,
      );
    } else if (daysLeft <= WAIVER_WARNING_DAYS) {
      report("warning", "waiver-expiring", ["waivers", i, "expires"], `expires ${inDays(daysLeft)} (${waiver.expires}); after that the pack blocks again`);
    }
  });
};

/** Every cross-check, roughly in file order of what they look at. */
const CHECKS: readonly Check[] = [
  checkCommercial,
  checkDuplicateDomains,
  checkNumberProvinces,
  checkSecondaryNumberKinds,
  checkSerials,
  checkLiveDates,
  checkPreApprovals,
  checkAppSuffixes,
  checkDuplicateApps,
  checkAppBackends,
  checkLicenceExpiry,
  checkWaivers,
];
