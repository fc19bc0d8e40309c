// Messages for findings, in English and Chinese. Secret values are never printed.

import { domainToUnicode } from "node:url";
import { renderAdvisoryFinding } from "./advisories/messages";
import type { Language } from "./config";
import { describeThroughHops, fixThroughHops, renderCrossResourceFinding } from "./cross-resource/messages";
import type { Finding } from "./findings";
import type { MainlandReason } from "./location";
import { provinceByCode } from "./provinces";

export const SECRET_PLACEHOLDER = "[secret]";
export const FILING_PORTAL = "https://beian.miit.gov.cn";

/** A name as users wrote it: punycode names also in Unicode, secrets never. */
export function shown(value: string, secret: boolean): string {
  if (secret) return SECRET_PLACEHOLDER;
  if (!value.includes("xn--")) return value;
  const unicode = domainToUnicode(value);
  return unicode && unicode !== value ? `${value} (${unicode})` : value;
}

function resourceLabel(finding: Finding): string {
  return `${finding.resource.name} (${finding.resource.type})`;
}

function provinceName(reason: MainlandReason, language: Language): string {
  if (reason.kind !== "region" || !reason.province) return "";
  const province = provinceByCode(reason.province);
  if (!province) return "";
  return language === "zh" ? `，${province.chineseName}` : `, ${province.englishName}`;
}

export function describeMainland(reason: MainlandReason, language: Language): string {
  if (reason.via && reason.via.length > 0) return describeThroughHops(reason, language, describeMainland);
  if (language === "zh") {
    switch (reason.kind) {
      case "region": {
        const origin = {
          resource: "资源自身设置",
          provider: `来自 provider ${reason.originName ?? ""}`.trim(),
          environment: `来自环境变量 ${reason.originName ?? ""}`.trim(),
          "provider-default": "未设置地域时 provider 的默认地域",
          endpoint: `${reason.originName ?? "服务"}的地域域名所示`,
        }[reason.origin];
        const guess = reason.unlisted ? "；该地域不在目录中，按其形式视为中国大陆" : "";
        return `地域 ${reason.region}（${origin}${provinceName(reason, language)}）位于中国大陆${guess}`;
      }
      case "coverage":
        if (reason.defaulted) return `未设置 ${reason.property}，默认包含中国大陆节点（${reason.omittedSource ?? ""}）`;
        if (reason.unrecognised) return `${reason.property} 的值 "${reason.value}" 无法识别，按包含中国大陆节点处理`;
        return `${reason.property} 为 "${reason.value}"，包含中国大陆节点`;
      case "mainland-only":
        return `该产品只有中国大陆节点（${reason.why}）`;
    }
  }
  switch (reason.kind) {
    case "region": {
      const origin = {
        resource: "set on the resource",
        provider: `from provider ${reason.originName ?? ""}`.trim(),
        environment: `from environment variable ${reason.originName ?? ""}`.trim(),
        "provider-default": "the provider's default when no region is set",
        endpoint: `named in the ${reason.originName ?? "service"} endpoint`,
      }[reason.origin];
      const guess = reason.unlisted ? "; this region is not in the catalogue and is read as mainland from its name" : "";
      return `region ${reason.region} (${origin}${provinceName(reason, language)}) is in mainland China${guess}`;
    }
    case "coverage":
      if (reason.defaulted) {
        return `${reason.property} is not set and defaults to mainland nodes (${reason.omittedSource ?? "product default"})`;
      }
      if (reason.unrecognised) return `${reason.property} "${reason.value}" is not a known value and is read as including mainland nodes`;
      return `${reason.property} "${reason.value}" includes mainland nodes`;
    case "mainland-only":
      return `the product only has mainland nodes (${reason.why})`;
  }
}

function outsideFix(reason: MainlandReason, language: Language): string {
  if (reason.via && reason.via.length > 0) return fixThroughHops(reason, language, outsideFix);
  if (reason.kind === "coverage") {
    return language === "zh"
      ? `将 ${reason.property} 设为 "${reason.outsideValue}"`
      : `set ${reason.property} to "${reason.outsideValue}"`;
  }
  if (reason.kind === "region") {
    const hk = reason.cloud === "alicloud" ? "cn-hongkong" : "ap-hongkong";
    return language === "zh" ? `部署到中国大陆以外的地域，如 ${hk}` : `deploy it in a region outside the mainland such as ${hk}`;
  }
  return language === "zh" ? "改用可选择境外节点的产品" : "use a product that can serve from outside the mainland";
}

/** The message for one finding, in the configured language. */
export function renderFinding(finding: Finding, language: Language): string {
  const zh = language === "zh";
  const who = resourceLabel(finding);
  switch (finding.kind) {
    case "unfiled": {
      const host = shown(finding.hostname, finding.secret);
      const domain = shown(finding.registeredDomain, finding.secret);
      const where = describeMainland(finding.mainland, language);
      const secretNote = finding.secret
        ? zh
          ? `（${finding.path} 的值是机密，未显示）`
          : ` (the value of ${finding.path} is a secret and is not shown)`
        : "";
      if (zh) {
        const pending = finding.pendingRecord
          ? `；${domain} 的备案记录仍为 pending（待审核）：备案号下发前网站不得上线`
          : "";
        const expired = finding.expiredWaiver
          ? `；其豁免已于 ${finding.expiredWaiver.expires} 过期（${finding.expiredWaiver.reason}）`
          : "";
        return (
          `${who} 将从中国大陆提供 ${host} 的服务${secretNote}：${where}。` +
          `没有已批准的 ICP 备案记录覆盖其注册域名 ${domain}${pending}${expired}。` +
          (finding.pendingRecord
            ? `解决方法：备案号下发后，将 ${finding.policy} 配置中 ${domain} 的记录 status 改为 approved（${FILING_PORTAL}），`
            : `解决方法：在 ${finding.policy} 配置的 filings 中添加 ${domain} 的备案号（${FILING_PORTAL}），`) +
          `或改为从香港或境外提供服务（${outsideFix(finding.mainland, language)}）。`
        );
      }
      const pending = finding.pendingRecord
        ? `; the record for ${domain} is still pending, and a site must not be live before its number is issued`
        : "";
      const expired = finding.expiredWaiver
        ? `; its waiver expired on ${finding.expiredWaiver.expires} (${finding.expiredWaiver.reason})`
        : "";
      return (
        `${who} would serve ${host} from mainland China${secretNote}: ${where}. ` +
        `No approved ICP filing record covers its registered domain ${domain}${pending}${expired}. ` +
        (finding.pendingRecord
          ? `Fix: once the number is issued, set the status of the ${domain} record to approved in the ${finding.policy} config (${FILING_PORTAL}), `
          : `Fix: add the filing number for ${domain} to the filings of the ${finding.policy} config (${FILING_PORTAL}), `) +
        `or serve it from Hong Kong or overseas only (${outsideFix(finding.mainland, language)}).`
      );
    }
    case "unknown-values": {
      const paths = finding.paths.join(", ");
      const hosts = finding.hostnames.map((h) => shown(h.hostname, h.secret)).join(", ");
      if (zh) {
        const about = hosts ? `（涉及 ${hosts} 是否从中国大陆提供服务）` : "";
        return finding.dryRun
          ? `${who}：预览时 ${paths} 的值未知，暂时无法检查 ICP 备案${about}。值确定后（pulumi up 时）会再次检查，未备案则阻止部署。`
          : `${who}：更新时 ${paths} 的值仍未知，无法检查 ICP 备案${about}，因此阻止部署。`;
      }
      const about = hosts ? ` (whether ${hosts} is served from mainland China)` : "";
      return finding.dryRun
        ? `${who}: ICP filing could not be checked yet because ${paths} is unknown during preview${about}. It is checked again when the value is known (pulumi up), and blocked then if it needs a filing.`
        : `${who}: ${paths} is still unknown at update time, so ICP filing could not be checked${about}; blocking until it can be.`;
    }
    case "unrecognised-coverage":
      return zh
        ? `${who}：${describeMainland(finding.mainland, language)}。请使用该产品文档中的取值。`
        : `${who}: ${describeMainland(finding.mainland, language)}. Use one of the product's documented values.`;
    case "unlisted-region": {
      const reason = finding.mainland;
      const region = reason.kind === "region" ? reason.region : "";
      if (zh) {
        return finding.treatedAsMainland
          ? `${who}：地域 ${region} 不在 icpguard 的地域目录中，按其形式视为中国大陆。请报告此地域以便收录。`
          : `${who}：地域 ${region} 不在 icpguard 的地域目录中，按其形式视为中国大陆以外。请确认并报告此地域以便收录。`;
      }
      return finding.treatedAsMainland
        ? `${who}: region ${region} is not in icpguard's region catalogue; it is read as mainland China from its name. Please report it so it can be listed.`
        : `${who}: region ${region} is not in icpguard's region catalogue; it is read as outside mainland China from its name. Check it, and please report it so it can be listed.`;
    }
    case "unusable-hostname": {
      const value = shown(finding.value, finding.secret);
      return zh
        ? `${who}：${finding.path} 的值 "${value}" 不是可用的主机名（${finding.problem}），无法检查其 ICP 备案。`
        : `${who}: ${finding.path} "${value}" is not a usable hostname (${finding.problem}), so its ICP filing cannot be checked.`;
    }
    case "not-registrable": {
      const host = shown(finding.hostname, finding.secret);
      return zh
        ? `${who}：${host} 不属于可注册的域名（不在 ICANN 公共后缀之下），无法备案；从中国大陆提供服务前请改用可备案的域名。`
        : `${who}: ${host} is not under a registrable ICANN domain, so it cannot be filed; use a domain that can be filed before serving it from mainland China.`;
    }
    case "invalid-config":
      return zh
        ? `${finding.policy} 的配置无效，为安全起见阻止部署：${finding.problems.join("; ")}`
        : `The ${finding.policy} config is invalid, so the policy blocks every resource it checks until it is fixed: ${finding.problems.join("; ")}`;
    case "internal-error":
      return zh
        ? `icpguard 内部错误，为安全起见阻止部署：${finding.detail}。请报告此问题。`
        : `icpguard hit an internal error and blocks to stay safe: ${finding.detail}. Please report it.`;
    case "coverage-elsewhere":
      return renderCrossResourceFinding(finding, language);
    case "app-unfiled":
    case "app-undeclared":
    case "psb-missing":
    case "licence-missing":
    case "new-access-needed":
    case "filing-cancellation-risk":
    case "pre-approval-missing":
      return renderAdvisoryFinding(finding, language);
  }
}
