// Messages for the advisory findings, in English and Chinese. renderFinding (rules/messages.ts)
// hands these kinds here. Secret values are never printed.

import type { Language } from "../config";
import type { FilingNumberKind } from "../filing-number";
import type { Finding } from "../findings";
import type { MainlandReason } from "../location";
import { describeMainland, FILING_PORTAL, SECRET_PLACEHOLDER } from "../messages";
import { provinceByCode } from "../provinces";
import type { Cloud } from "../regions";
import type { AppKind, PreApprovalSector } from "./config";
import type { AdvisoryFindingDetail, AppLink, AppSummary } from "./findings";

export const PSB_PORTAL = "https://beian.mps.gov.cn";

type AdvisoryFinding = Finding & AdvisoryFindingDetail;

const ADVISORY_KINDS: ReadonlySet<string> = new Set<AdvisoryFindingDetail["kind"]>([
  "app-unfiled",
  "app-undeclared",
  "psb-missing",
  "licence-missing",
  "new-access-needed",
  "filing-cancellation-risk",
  "pre-approval-missing",
]);

export function isAdvisoryFinding(finding: Finding): finding is AdvisoryFinding {
  return ADVISORY_KINDS.has(finding.kind);
}

const shown = (value: string, secret: boolean) => (secret ? SECRET_PLACEHOLDER : value);

const CLOUD_NAMES: Record<Cloud, { en: string; zh: string }> = {
  alicloud: { en: "Alibaba Cloud", zh: "阿里云" },
  tencentcloud: { en: "Tencent Cloud", zh: "腾讯云" },
};

const APP_KIND_NAMES: Record<AppKind, { en: string; zh: string }> = {
  app: { en: "mobile app", zh: "App" },
  "mini-program": { en: "mini-program", zh: "小程序" },
  "quick-app": { en: "quick app", zh: "快应用" },
};

const NUMBER_KIND_NAMES: Partial<Record<FilingNumberKind, { en: string; zh: string }>> = {
  website: { en: "website", zh: "网站" },
  entity: { en: "entity (主体)", zh: "主体" },
  app: { en: "app", zh: "App" },
  "mini-program": { en: "mini-program", zh: "小程序" },
};

const EXPECTED_NUMBER: Record<AppKind, { en: string; zh: string }> = {
  app: { en: "an app number ending in A (e.g. 京ICP备2024096997号-13A)", zh: "以 A 结尾的 App 备案号（如 京ICP备2024096997号-13A）" },
  "mini-program": {
    en: "a mini-program number ending in X (e.g. 苏ICP备2026044365号-1X)",
    zh: "以 X 结尾的小程序备案号（如 苏ICP备2026044365号-1X）",
  },
  "quick-app": {
    en: "an app-style number ending in A or X (MIIT has not confirmed the quick-app letter, so either is accepted)",
    zh: "以 A 或 X 结尾的应用类备案号（工信部尚未明确快应用的后缀字母，两者均接受）",
  },
};

const SECTOR_TEXTS: Record<PreApprovalSector, { en: string; zh: string; authorityEn: string; authorityZh: string }> = {
  news: { en: "news", zh: "新闻", authorityEn: "the cyberspace administration (网信部门)", authorityZh: "网信部门" },
  publishing: {
    en: "publishing (books, audio, video)",
    zh: "出版（含音视频）",
    authorityEn: "the press and publication authority (新闻出版主管部门), or for audio-visual programmes the radio and television authority (广电主管部门)",
    authorityZh: "新闻出版主管部门（音视频节目为广电主管部门）",
  },
  education: { en: "education", zh: "教育", authorityEn: "the education authority (教育主管部门)", authorityZh: "教育主管部门" },
  medical: {
    en: "medical (healthcare, drugs, medical devices)",
    zh: "医疗保健、药品和医疗器械",
    authorityEn: "the health authority (卫生健康主管部门), or for drugs and medical devices the medical products administration (药品监督管理部门)",
    authorityZh: "卫生健康主管部门（药品和医疗器械为药品监督管理部门）",
  },
  finance: { en: "finance", zh: "金融", authorityEn: "the financial regulator (金融监管部门)", authorityZh: "金融监管部门" },
  games: { en: "online games", zh: "网络游戏", authorityEn: "the press and publication authority (新闻出版主管部门)", authorityZh: "新闻出版主管部门" },
};

function resourceLabel(finding: Finding): string {
  return `${finding.resource.name} (${finding.resource.type})`;
}

function appLabel(app: AppSummary, language: Language): string {
  const kind = APP_KIND_NAMES[app.kind][language];
  const ids = [app.platform, app.packageName ?? app.appId].filter((part): part is string => part !== undefined);
  return language === "zh"
    ? `${kind}「${app.name}」${ids.length ? `（${ids.join("，")}）` : ""}`
    : `the ${kind} "${app.name}"${ids.length ? ` (${ids.join(", ")})` : ""}`;
}

function linkText(link: AppLink, language: Language): string {
  const zh = language === "zh";
  switch (link.by) {
    case "backend-hostname":
      return zh ? `它提供该应用的后端主机名 ${shown(link.hostname, link.secret)}` : `it serves ${shown(link.hostname, link.secret)}, one of the app's backends`;
    case "tag":
      return zh ? `标签 ${link.tag} = ${shown(link.value, link.secret)}` : `tagged ${link.tag} = ${shown(link.value, link.secret)}`;
    case "app-resource":
      return zh ? `${link.product} 应用 ${shown(link.identifier, link.secret)}` : `${link.product} app ${shown(link.identifier, link.secret)}`;
    case "mini-program-live":
      return zh
        ? `面向小程序的直播域名 ${shown(link.hostname, link.secret)}（isMiniProgramLive = 1）`
        : `live-streaming domain ${shown(link.hostname, link.secret)} for mini-programs (isMiniProgramLive = 1)`;
  }
}

/** What the app filing will ask for, and which of it the record already has. */
function filingNeeds(app: AppSummary, language: Language): string {
  const zh = language === "zh";
  const value = (text: string | undefined) => text ?? (zh ? "未记录" : "not recorded");
  switch (app.kind) {
    case "app":
      return zh
        ? `（需提供包名：${value(app.packageName)}；应用商店：${value(app.store)}；签名公钥 SHA-256：${app.hasSigningKey ? "已记录" : "未记录"}）`
        : `: its package name (${value(app.packageName)}), app store (${value(app.store)}) and signing key SHA-256 (${app.hasSigningKey ? "recorded" : "not recorded"})`;
    case "mini-program":
      return zh
        ? `（需提供平台：${value(app.platform)}；AppID：${value(app.appId)}）`
        : `: its platform (${value(app.platform)}) and AppID (${value(app.appId)})`;
    case "quick-app":
      return zh ? `（需提供包名：${value(app.packageName)}）` : `: its package name (${value(app.packageName)})`;
  }
}

/** Where an outside resource serves from, in a few words. */
function describeOutside(where: MainlandReason, language: Language): string {
  const zh = language === "zh";
  switch (where.kind) {
    case "region":
      return zh ? `地域 ${where.region}` : `region ${where.region}`;
    case "coverage":
      if (where.defaulted) return zh ? `未设置 ${where.property}` : `${where.property} not set`;
      return `${where.property} "${where.value}"`;
    case "mainland-only":
      return zh ? "中国大陆" : "mainland China";
  }
}

function provinceName(code: string | undefined, language: Language): string | undefined {
  const province = code ? provinceByCode(code) : undefined;
  if (!province) return undefined;
  return language === "zh" ? province.chineseName : province.englishName;
}

export function renderAdvisoryFinding(finding: AdvisoryFinding, language: Language): string {
  const zh = language === "zh";
  const who = resourceLabel(finding);
  switch (finding.kind) {
    case "app-unfiled": {
      const { app } = finding;
      const kind = APP_KIND_NAMES[app.kind][language];
      const where = describeMainland(finding.mainland, language);
      const recordedKind = finding.numberKind ? NUMBER_KIND_NAMES[finding.numberKind]?.[language] ?? finding.numberKind : "";
      const quickAppNote =
        app.kind === "quick-app" && finding.problem === "no-number"
          ? zh
            ? "工信部尚未明确快应用备案号的后缀字母，icpguard 接受任何以 A 或 X 结尾的应用类备案号。"
            : " MIIT has not confirmed the suffix letter of quick-app numbers; icpguard accepts any app-style number ending in A or X."
          : "";
      if (zh) {
        const problem = {
          "no-number": `该${kind}没有自己的备案号：依工信部 2023 年第 105 号通知，后端在中国大陆的 App、小程序和快应用须在上线前备案。${quickAppNote}`,
          "wrong-kind": `其记录的备案号 ${finding.number} 是${recordedKind}备案号，而不是${EXPECTED_NUMBER[app.kind].zh}。`,
          pending: `其备案 ${finding.number} 仍为 pending（待审核）：备案号下发前不得上线。`,
        }[finding.problem];
        const fix =
          finding.problem === "pending"
            ? `备案号下发前不要从中国大陆服务器提供其后端，下发后将 icp-app-filing 配置 apps 中「${app.name}」一项的 status 设为 approved。`
            : `通过其中国大陆后端的接入商办理${kind}备案${filingNeeds(app, language)}，然后在 icp-app-filing 配置 apps 中「${app.name}」一项填写 number（${FILING_PORTAL}）。`;
        return `${who} 从中国大陆提供${appLabel(app, language)}的后端服务（${linkText(finding.link, language)}）：${where}。${problem}解决方法：${fix}`;
      }
      const problem = {
        "no-number": `The ${kind} has no filing number of its own: since MIIT notice No. 105 [2023], apps, mini-programs and quick apps with mainland backends must be filed before going live.${quickAppNote}`,
        "wrong-kind": `Its recorded number ${finding.number} is a ${recordedKind} number, not ${EXPECTED_NUMBER[app.kind].en}.`,
        pending: `Its filing ${finding.number} is still pending, and it must not go live before the number is issued.`,
      }[finding.problem];
      const fix =
        finding.problem === "pending"
          ? `keep its backend off mainland servers until the number is issued, then set status to approved in its entry "${app.name}" under apps of the icp-app-filing config.`
          : `file the ${kind} through the access provider of its mainland backend${filingNeeds(app, language)}, then set number in its entry "${app.name}" under apps of the icp-app-filing config (${FILING_PORTAL}).`;
      return `${who} serves the backend of ${appLabel(app, language)} from mainland China (${linkText(finding.link, language)}): ${where}. ${problem} Fix: ${fix}`;
    }
    case "app-undeclared":
      return renderAppUndeclared(finding, who, language);
    case "psb-missing": {
      const host = shown(finding.hostname, finding.secret);
      const domain = shown(finding.registeredDomain, finding.secret);
      const where = describeMainland(finding.mainland, language);
      if (zh) {
        const timing = finding.due
          ? finding.overdue
            ? `网站已于 ${finding.liveSince} 上线，公安备案应在上线后 30 日内（${finding.due} 前）完成，现已逾期。`
            : `网站于 ${finding.liveSince} 上线，公安备案须在 ${finding.due} 前完成。`
          : "公安备案须在网站上线后 30 日内完成（在备案记录中填写 liveSince 可算出截止日期）。";
        return (
          `${who} 从中国大陆提供 ${host} 的服务：${where}。${domain} 的备案记录中没有公安备案号。${timing}` +
          `解决方法：在 ${PSB_PORTAL} 办理公安联网备案，并在 ${domain} 的备案记录中填写 psb。`
        );
      }
      const timing = finding.due
        ? finding.overdue
          ? `It was due on ${finding.due}, 30 days after the site went live on ${finding.liveSince}, and is overdue.`
          : `It is due by ${finding.due}, 30 days after the site went live on ${finding.liveSince}.`
        : "It is due within 30 days of the site going live (set liveSince in the filing record to get the date).";
      return (
        `${who} serves ${host} from mainland China: ${where}. The filing record of ${domain} has no public-security filing number. ${timing} ` +
        `Fix: complete the public-security filing at ${PSB_PORTAL} and add its number as psb in the filing record of ${domain}.`
      );
    }
    case "licence-missing": {
      const host = shown(finding.hostname, finding.secret);
      const domain = shown(finding.registeredDomain, finding.secret);
      const where = describeMainland(finding.mainland, language);
      const province = provinceName(finding.province, language);
      const expired = finding.expiredLicence;
      if (zh) {
        const marked = finding.markedBy === "site" ? "其备案记录设有 commercial: true" : "主体为经营性";
        const state = expired
          ? `其 ICP 经营许可证 ${expired.number} 已于 ${expired.expires} 到期。`
          : "但未记录 ICP 经营许可证（ICP证）。";
        const individual = finding.individual ? "个人不能持有该许可证，经营性网站须由公司主办。" : "";
        return (
          `${who} 从中国大陆提供 ${host} 的服务：${where}。${domain} 被标记为经营性网站（${marked}），${state}` +
          `在线销售、支付、付费会员或广告收入需要在备案之外取得该许可证。${individual}` +
          `解决方法：向${province ?? "主体所在省"}通信管理局申请${expired ? "续期" : ""}（约 60 个工作日），并在 ${domain} 的备案记录中填写 licence，或记入 icp-commercial-licence 配置的 licences；` +
          `若网站不盈利，在其备案记录中设 commercial: false。`
        );
      }
      const marked = finding.markedBy === "site" ? "its filing record says commercial: true" : "the entity is commercial";
      const state = expired
        ? `its commercial ICP licence ${expired.number} expired on ${expired.expires}.`
        : "no commercial ICP licence (ICP证) is recorded for it.";
      const individual = finding.individual ? "An individual cannot hold the licence: a commercial site must be run by a company. " : "";
      return (
        `${who} serves ${host} from mainland China: ${where}. ${domain} is commercial (${marked}), but ${state} ` +
        `Online sales, payments, paid membership or advertising income need the licence on top of the filing. ${individual}` +
        `Fix: apply ${expired ? "to renew it " : "for it "}at the communications administration of ${province ?? "the entity's province"} (about 60 working days) and record it as licence in the filing record of ${domain}, or in licences of the icp-commercial-licence config; ` +
        `if the site earns no money, set commercial: false in its filing record.`
      );
    }
    case "new-access-needed": {
      const host = shown(finding.hostname, finding.secret);
      const domain = shown(finding.registeredDomain, finding.secret);
      const where = describeMainland(finding.mainland, language);
      const cloud = CLOUD_NAMES[finding.servedBy][language];
      return zh
        ? `${who} 将在${cloud}的中国大陆服务器上提供 ${host} 的服务：${where}。但 ${domain} 是通过 ${finding.filedWith} 备案的（${finding.filingNumber}）。` +
            `备案须通过中国大陆服务器的接入商办理，因此${cloud}需为 ${domain} 办理新增接入后才能提供服务。` +
            `解决方法：在${cloud}提交新增接入备案，通过后将备案记录的 provider 设为 ${finding.servedBy}；或继续由 ${finding.filedWith} 提供 ${domain} 的服务。`
        : `${who} would serve ${host} from ${cloud}'s mainland servers: ${where}. But ${domain} is filed through ${finding.filedWith} (${finding.filingNumber}). ` +
            `A filing is made through the access provider of the mainland servers, so ${cloud} needs a new-access filing (新增接入) for ${domain} before it serves it. ` +
            `Fix: submit the new-access filing with ${cloud}, then set provider to ${finding.servedBy} in the filing record; or keep ${domain} served by ${finding.filedWith}.`;
    }
    case "filing-cancellation-risk": {
      const domain = finding.registeredDomain;
      const list = finding.servedFrom
        .map((s) => (zh ? `${s.name}（${describeOutside(s.where, language)}）` : `${s.name} (${describeOutside(s.where, language)})`))
        .join(zh ? "；" : "; ");
      if (zh) {
        const through = finding.provider ? `，接入商 ${finding.provider}` : "";
        return (
          `本栈中提供 ${domain} 服务的资源都在中国大陆以外：${list}。${domain} 已备案（${finding.filingNumber}${through}）；` +
          `域名不再解析到接入商的中国大陆实例时，备案可能被注销。` +
          `解决方法：保持 ${domain} 由${finding.provider ? ` ${finding.provider} ` : "其接入商"}的中国大陆实例提供服务（本栈或其他地方均可）；若确定迁出，主动注销备案并将其从 filings 中删除。`
        );
      }
      const through = finding.provider ? `, through ${finding.provider}` : "";
      return (
        `Every resource of this stack that serves ${domain} is outside mainland China: ${list}. ${domain} is filed (${finding.filingNumber}${through}), ` +
        `and a filing whose domain no longer resolves to a mainland instance of its access provider may be cancelled. ` +
        `Fix: keep ${domain} served from a mainland instance of ${finding.provider ?? "its access provider"} (in this stack or elsewhere), ` +
        `or, if the move is final, cancel the filing deliberately and remove it from filings.`
      );
    }
    case "pre-approval-missing": {
      const host = shown(finding.hostname, finding.secret);
      const domain = shown(finding.registeredDomain, finding.secret);
      const where = describeMainland(finding.mainland, language);
      const sector = SECTOR_TEXTS[finding.sector];
      if (zh) {
        const consequence = finding.pending ? "该备案仍在审核中，缺少前置审批很可能被驳回。" : "缺少前置审批的已备案网站有被注销备案的风险。";
        return (
          `${who} 从中国大陆提供 ${host} 的服务：${where}。${domain} 的备案记录属于${sector.zh}类，备案前须取得${sector.authorityZh}的前置审批，但未记录审批。${consequence}` +
          `解决方法：取得前置审批，并在 ${domain} 的备案记录中填写 preApproval；若网站不属于该类，请更正其 sector。`
        );
      }
      const consequence = finding.pending
        ? "The filing is still pending and will likely be rejected without it."
        : "A filed site without it risks having its filing revoked.";
      return (
        `${who} serves ${host} from mainland China: ${where}. The filing record of ${domain} puts it in the ${sector.en} sector: filing needs the prior approval of ${sector.authorityEn}, and none is recorded. ${consequence} ` +
        `Fix: obtain the approval (前置审批) and record its reference as preApproval in the filing record of ${domain}; if the site is not in this sector, correct its sector.`
      );
    }
  }
}

function renderAppUndeclared(finding: Extract<AdvisoryFinding, { kind: "app-undeclared" }>, who: string, language: Language): string {
  const zh = language === "zh";
  const where = describeMainland(finding.mainland, language);
  const link = finding.link;
  switch (link.by) {
    case "tag": {
      const name = shown(link.value, link.secret);
      return zh
        ? `${who} 带有标签 ${link.tag} = ${name}，并从中国大陆提供服务：${where}；但 icp-app-filing 配置的 apps 中没有名为「${name}」的应用，无法检查其备案。解决方法：在 apps 中声明该应用（name、kind，备案后填写 number），或更正标签。`
        : `${who} is tagged ${link.tag} = ${name} and serves from mainland China: ${where}. No app named "${name}" is declared in apps of the icp-app-filing config, so its filing cannot be checked. Fix: declare the app there (name, kind, and number once filed), or correct the tag.`;
    }
    case "app-resource": {
      const id = shown(link.identifier, link.secret);
      return zh
        ? `${who} 在中国大陆注册了 ${link.product} 应用 ${id}：${where}；icp-app-filing 配置的 apps 中没有 packageName 为 ${id} 的应用，无法检查其 App 备案。解决方法：在 apps 中声明该应用（packageName: ${id}），备案后填写以 A 结尾的备案号。`
        : `${who} registers the ${link.product} app ${id} in mainland China: ${where}. No app in apps of the icp-app-filing config has packageName ${id}, so its app filing cannot be checked. Fix: declare it there with packageName ${id}, and its filing number (ending in A) once filed.`;
    }
    case "mini-program-live": {
      const host = shown(link.hostname, link.secret);
      return zh
        ? `${who} 是面向小程序的直播域名（isMiniProgramLive = 1），从中国大陆提供 ${host} 的服务：${where}；icp-app-filing 配置的 apps 中没有小程序把 ${host} 列为后端。解决方法：在 apps 中声明该小程序，把 ${host} 加入 backends，备案后填写以 X 结尾的备案号。`
        : `${who} is a live-streaming domain for mini-programs (isMiniProgramLive = 1) serving ${host} from mainland China: ${where}. No mini-program in apps of the icp-app-filing config lists ${host} among its backends. Fix: declare the mini-program there with ${host} in backends, and its filing number (ending in X) once filed.`;
    }
  }
}
