// The words of `icpguard compare` and `icpguard what-if`, in English and Chinese: step names,
// durations, notes, what changes for users, and the labels of the side-by-side table. The facts
// come from rules/layout-summary.ts and rules/lead-time.ts; only their wording lives here.

import type { Language } from "../../rules/config";
import type { LeadTimeNote, LeadTimeStep, LeadTimeStepId } from "../../rules/lead-time";
import type { AppNeed, DomainStatus, LicenceNeed, PreApprovalNeed, PublicSecurityNeed, UserImpact } from "../../rules/layout-summary";
import { provinceByCode } from "../../rules/provinces";

type Words = Record<Language, string>;

export const STEP_NAMES: Record<LeadTimeStepId, Words> = {
  "local-entity": { en: "Set up a local entity (WFOE/JV)", zh: "设立境内主体（外商独资/合资）" },
  "sector-pre-approval": { en: "Sector pre-approval", zh: "行业前置审批" },
  "provider-review": { en: "Provider's initial review", zh: "接入商初审" },
  "miit-sms": { en: "MIIT SMS verification", zh: "工信部短信核验" },
  "authority-review": { en: "Authority review", zh: "管局审核" },
  "commercial-licence": { en: "Commercial ICP licence", zh: "ICP 经营许可证" },
  "public-security": { en: "Public-security filing", zh: "公安联网备案" },
};

export const SECTOR_NAMES: Record<PreApprovalNeed["sector"], Words> = {
  news: { en: "news", zh: "新闻" },
  publishing: { en: "publishing", zh: "出版" },
  education: { en: "education", zh: "教育" },
  medical: { en: "medical", zh: "医疗" },
  finance: { en: "finance", zh: "金融" },
  games: { en: "games", zh: "游戏" },
};

export const LABELS = {
  title: { en: "Mainland or Hong Kong: side by side", zh: "中国大陆还是香港：并排对比" },
  source: { en: "Source", zh: "来源" },
  serving: { en: "Serving resources", zh: "提供服务的资源" },
  regions: { en: "Regions", zh: "地域" },
  coverage: { en: "Edge coverage", zh: "加速区域" },
  toFile: { en: "Domains to file", zh: "需备案的域名" },
  filed: { en: "Domains with records", zh: "已有备案记录的域名" },
  apps: { en: "Apps needing numbers", zh: "需备案号的 App/小程序" },
  licences: { en: "Commercial licence", zh: "经营许可证" },
  publicSecurity: { en: "Public-security filings", zh: "公安联网备案" },
  preApprovals: { en: "Sector pre-approval", zh: "行业前置审批" },
  entity: { en: "Filing entity", zh: "备案主体" },
  leadTime: { en: "Lead time (business days)", zh: "上线前所需时间（工作日）" },
  total: { en: "Before go-live", zh: "上线前合计" },
  notes: { en: "Notes", zh: "说明" },
  users: { en: "What changes for users", zh: "对用户的影响" },
  none: { en: "none", zh: "无" },
  notNeeded: { en: "not needed", zh: "无需" },
  whatIf: { en: "What-if", zh: "假设" },
  changed: { en: "Inputs changed", zh: "修改的输入" },
  unmoved: { en: "Still on the other side", zh: "未能迁移" },
  chart: { en: "Lead time before go-live", zh: "上线前所需时间" },
  axis: { en: "business days", zh: "工作日" },
  legendShortest: { en: "shortest, from the earliest start", zh: "最短：从最早开始" },
  legendLongest: { en: "up to the latest end", zh: "直至最晚结束" },
  goLive: { en: "go-live", zh: "上线" },
  configProblems: { en: "Config problems", zh: "配置问题" },
} satisfies Record<string, Words>;

export type LabelKey = keyof typeof LABELS;

export const label = (key: LabelKey, language: Language): string => LABELS[key][language];

/** "a: b" in English, "a：b" in Chinese. */
export function labelled(subject: string, text: string, language: Language): string {
  return language === "zh" ? `${subject}：${text}` : `${subject}: ${text}`;
}

/** Text in brackets, full-width in Chinese. */
export function bracketed(text: string, language: Language): string {
  return language === "zh" ? `（${text}）` : ` (${text})`;
}

export function plural(count: number, word: string, language: Language, zhUnit = "个"): string {
  return language === "zh" ? `${count} ${zhUnit}${word}` : `${count} ${word}${count === 1 ? "" : "s"}`;
}

function list(items: readonly string[], language: Language): string {
  if (language === "zh") return items.join("、");
  if (items.length <= 2) return items.join(" and ");
  return `${items.slice(0, -1).join(", ")} and ${items[items.length - 1]}`;
}

export function dayRange(min: number, max: number, language: Language): string {
  const range = min === max ? `${min}` : `${min}–${max}`;
  return language === "zh" ? `${range} 个工作日` : `${range} business day${min === 1 && max === 1 ? "" : "s"}`;
}

/** The step's duration: a range, no duration in the reference, or a deadline after going live. */
export function describeDuration(step: LeadTimeStep, language: Language): string {
  const { duration } = step;
  switch (duration.kind) {
    case "business-days":
      return dayRange(duration.min, duration.max, language);
    case "not-in-reference":
      return language === "zh" ? "参考资料未给出时长" : "duration not in the reference";
    case "after-go-live":
      return language === "zh" ? `上线后 ${duration.withinCalendarDays} 日内` : `within ${duration.withinCalendarDays} days after go-live`;
  }
}

/** What makes the step this layout's: the province, the sectors, how many filings. */
export function describeStepDetail(step: LeadTimeStep, language: Language): string | undefined {
  if (step.authority) {
    if (step.authority.kind === "any-province") return language === "zh" ? "未知省份：取各省范围" : "province not given: every province's range";
    const province = provinceByCode(step.authority.province);
    const name = language === "zh" ? province?.chineseName : province?.englishName;
    if (step.authority.basis === "general") return language === "zh" ? `${name}（其他省份的一般时长）` : `${name} (the general range for other provinces)`;
    return name;
  }
  if (step.sectors) return step.sectors.map((sector) => SECTOR_NAMES[sector][language]).join(language === "zh" ? "、" : ", ");
  if (step.count !== undefined) return plural(step.count, language === "zh" ? "域名" : "domain", language);
  return undefined;
}

export function describeNote(note: LeadTimeNote, language: Language): string {
  const zh = language === "zh";
  switch (note.kind) {
    case "nothing-to-file":
      return zh
        ? "无需备案：没有从中国大陆提供服务且缺少备案的域名，上线前所需时间为 0。"
        : "Nothing to file: no domain is served from mainland China without its filing, so the lead time is 0.";
    case "duration-not-in-reference":
      return zh
        ? `合计不含${note.steps.map((id) => STEP_NAMES[id].zh).join("、")}：参考资料未给出其时长。`
        : `The total leaves out ${list(note.steps.map((id) => STEP_NAMES[id].en.toLowerCase()), language)}: the reference gives no duration for it.`;
    case "pending-filings":
      return zh
        ? `${note.count} 项备案已提交、审核中：已审核的时间可从估算中扣除。`
        : `${plural(note.count, "filing", language)} already submitted and under review: time already spent in review comes off this estimate.`;
    case "province-not-given":
      return zh
        ? `未给出备案主体所在省份，管局审核按各省范围 ${note.min}–${note.max} 个工作日计（--province 或记录文件的 entity.province）。`
        : `The filing entity's province is not given, so the authority review spans every province's ${note.min}–${note.max} business days (give --province, or entity.province in the records).`;
    case "first-submission":
      return zh
        ? `约 ${Math.round(note.share * 100)}% 的申请一次通过；被退回后需重新审核。`
        : `About ${Math.round(note.share * 100)}% of applications pass at the first submission; a rejection sends the filing back for another review.`;
  }
}

export function describeDomainStatus(status: DomainStatus, language: Language): string {
  const words: Record<DomainStatus, Words> = {
    "needs-filing": { en: "first-time filing", zh: "首次备案" },
    pending: { en: "filing under review", zh: "备案审核中" },
    filed: { en: "filed", zh: "已备案" },
    "not-needed": { en: "served outside the mainland: no filing needed", zh: "从中国大陆以外提供服务：无需备案" },
    "filed-served-outside": { en: "filed, served only outside the mainland", zh: "已备案，但仅从中国大陆以外提供服务" },
    unknown: { en: "not known yet (preview values)", zh: "尚不确定（预览时未知的值）" },
  };
  return words[status][language];
}

export function describeApp(need: AppNeed, language: Language): string {
  const zh = language === "zh";
  if (need.kind === "undeclared") {
    return zh
      ? `${need.identifier}：记录中没有该 App（${need.resources.join("、")}）`
      : `${need.identifier}: not in the records (${need.resources.join(", ")})`;
  }
  const kinds: Record<string, Words> = {
    app: { en: "app", zh: "App" },
    "mini-program": { en: "mini-program", zh: "小程序" },
    "quick-app": { en: "quick app", zh: "快应用" },
  };
  const problems: Record<typeof need.problem, Words> = {
    "no-number": { en: "no number", zh: "无备案号" },
    "wrong-kind": { en: `${need.number ?? ""} is not an app number`, zh: `${need.number ?? ""} 不是 App 备案号` },
    pending: { en: "under review", zh: "审核中" },
  };
  const kind = kinds[need.appKind]?.[language] ?? need.appKind;
  return zh ? `${need.app}（${kind}）：${problems[need.problem].zh}` : `${need.app} (${kind}): ${problems[need.problem].en}`;
}

export function describeLicence(need: LicenceNeed, language: Language): string {
  const zh = language === "zh";
  const parts = [need.registeredDomain];
  if (need.expiredLicence) parts.push(zh ? `许可证 ${need.expiredLicence.number} 已于 ${need.expiredLicence.expires} 到期` : `licence ${need.expiredLicence.number} expired ${need.expiredLicence.expires}`);
  if (need.individual) parts.push(zh ? "个人主体不能持有经营许可证" : "an individual cannot hold the licence");
  return zh ? parts.join("：") : parts.join(": ");
}

export function describePublicSecurity(need: PublicSecurityNeed, language: Language): string {
  const zh = language === "zh";
  if (need.after === "new-filing") return zh ? `${need.registeredDomain}：新备案上线后 30 日内` : `${need.registeredDomain}: within 30 days after its go-live`;
  if (need.due) {
    const state = need.overdue ? (zh ? "已逾期" : "overdue") : zh ? "到期" : "due";
    return zh ? `${need.registeredDomain}：${need.due} ${state}` : `${need.registeredDomain}: ${state} ${need.due}`;
  }
  return zh ? `${need.registeredDomain}：已备案，缺公安备案号` : `${need.registeredDomain}: filed, no public-security number`;
}

export function describePreApproval(need: PreApprovalNeed, language: Language): string {
  const sector = SECTOR_NAMES[need.sector][language];
  const zh = language === "zh";
  const when = need.beforeFiling ? (zh ? "备案前需要" : "needed before filing") : zh ? "已备案站点缺少" : "missing on a filed site";
  return zh ? `${need.registeredDomain}（${sector}）：${when}` : `${need.registeredDomain} (${sector}): ${when}`;
}

function places(regions: readonly string[], coverages: readonly string[], language: Language): string {
  const all = [...regions, ...coverages];
  return all.length === 0 ? "" : language === "zh" ? `（${all.join("、")}）` : ` (${all.join(", ")})`;
}

/** One statement about users, worded from the layout's facts. */
export function describeImpact(impact: UserImpact, language: Language): string {
  const zh = language === "zh";
  switch (impact.kind) {
    case "nothing-served":
      return zh
        ? "没有资源为自定义域名提供服务：无需 ICP 备案，用户不受影响。"
        : "No resource serves a custom domain: nothing here needs an ICP filing, and users see no change.";
    case "mainland-nodes":
      return zh
        ? `${impact.of} 个服务资源中有 ${impact.resources} 个从中国大陆提供服务${places(impact.regions, impact.coverages, language)}：大陆用户就近访问，延迟低。`
        : `${impact.resources} of ${impact.of} serving resources serve from mainland China${places(impact.regions, impact.coverages, language)}: mainland users get local latency and reach.`;
    case "outside-nodes": {
      const where = impact.hongKong ? (zh ? "，包括香港节点" : ", Hong Kong among them") : "";
      return zh
        ? `${impact.of} 个服务资源中有 ${impact.resources} 个从中国大陆以外提供服务${places(impact.regions, impact.coverages, language)}${where}：它们无需 ICP 备案。`
        : `${impact.resources} of ${impact.of} serving resources serve from outside mainland China${places(impact.regions, impact.coverages, language)}${where}: they need no ICP filing.`;
    }
    case "coverage": {
      const count = zh ? `${impact.resources} 个资源` : plural(impact.resources, "resource", language);
      const value = impact.defaulted ? (zh ? `未设置的 ${impact.property}（产品默认值）` : `${impact.property} not set (the product default)`) : `${impact.property} "${impact.value}"`;
      if (impact.mainland) {
        return zh
          ? `${count}的 ${value} 包含中国大陆节点，需要备案；设为 "${impact.outsideValue}" 则只用大陆以外的节点，无需备案。`
          : `Coverage ${value} on ${count} includes mainland nodes and needs the filing; "${impact.outsideValue}" would serve from outside the mainland without one.`;
      }
      return zh
        ? `${count}的 ${value} 只使用中国大陆以外的节点：大陆访客跨境访问。`
        : `Coverage ${value} on ${count} uses nodes outside the mainland only: mainland visitors are served across the border.`;
    }
    case "cross-border":
      return zh
        ? `大陆用户访问 ${list(impact.domains, language)} 需跨境：延迟更高，流量可能被防火长城减速或拦截。`
        : `Mainland users reach ${list(impact.domains, language)} across the border: expect higher latency, and the national firewall may slow or intercept the traffic.`;
    case "premium-routes":
      return zh
        ? `${impact.hongKong ? "香港节点" : "境外节点"}可用优质跨境线路（如 CN2 GIA）改善 ${list(impact.domains, language)} 的跨境访问。`
        : `Premium cross-border routes (such as CN2 GIA) ${impact.hongKong ? "from the Hong Kong nodes " : ""}soften this for ${list(impact.domains, language)}; guides recommend them for serving mainland users from outside.`;
    case "local-reach": {
      const parts: string[] = [];
      if (impact.ready.length > 0) {
        parts.push(zh ? `${list(impact.ready, language)} 已备案，大陆用户现在即可就近访问` : `${list(impact.ready, language)} is filed: mainland users get local latency now`);
      }
      if (impact.waiting.length > 0) {
        const what = impact.licence ? (zh ? "备案号和经营许可证" : "the filing and the commercial licence are") : zh ? "备案号" : "the filing is";
        parts.push(zh ? `${list(impact.waiting, language)} 要等${what}下发后才能在大陆上线` : `${list(impact.waiting, language)} can go live in the mainland only once ${what} issued`);
      }
      return zh ? `${parts.join("；")}。` : `${parts.join("; ")}.`;
    }
    case "not-reachable-during-filing":
      return zh
        ? `首次备案 ${list(impact.domains, language)} 期间，网站不得可访问（不得解析到大陆服务器），直到备案号下发；其间可在香港节点或测试域名上开发。`
        : `During the first-time filing of ${list(impact.domains, language)} the site must not be reachable (no DNS resolution to mainland servers) until the number is issued; develop on a Hong Kong node or a test domain meanwhile.`;
    case "cancellation-risk":
      return zh
        ? `${list(impact.domains, language)} 已备案，但将只从中国大陆以外提供服务：不再解析到接入商大陆实例的备案可能被注销，重新备案需数周。`
        : `${list(impact.domains, language)} is filed but would be served only from outside the mainland: a filing whose domain no longer resolves to a mainland instance of its access provider can be cancelled, and a new one takes weeks.`;
    case "unknown-places":
      return zh
        ? `${list(impact.resources, language)} 的服务位置尚不确定（部署时才计算的值）：首次部署后再比较，或在更新时检查。`
        : `Where ${list(impact.resources, language)} serve${impact.resources.length === 1 ? "s" : ""} from is not known yet (values computed during the deployment): compare again after the first deployment.`;
  }
}
