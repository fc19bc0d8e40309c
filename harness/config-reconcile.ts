// Reproduces what the Pulumi engine does with policy config between GetAnalyzerInfo and Configure.
// Followed: pulumi/pulumi pkg/resource/analyzer/config.go (parsePolicyPackConfig,
// extractEnforcementLevel, createConfigWithDefaults, applyConfig, ReconcilePolicyPackConfig,
// validatePolicyPackConfig, convertSchema), sdk/go/common/resource/plugin/analyzer_plugin.go
// (GetAnalyzerInfo injects `enforcementLevel` into every schema when the pack supports config;
// Configure rejects entries without a valid level) and pkg/engine/update.go (errors are prefixed
// "validating policy config: <pack> <version>  " and sorted). Messages follow gojsonschema's
// English locale so that tests can compare them with what `pulumi preview` prints.
import Ajv, { type ErrorObject, type ValidateFunction } from "ajv";
import addFormats from "ajv-formats";
import {
    type AnalyzerInfo,
    type EnforcementLevel,
    type PolicyConfigEntry,
    type PolicyInfo,
    ENFORCEMENT_LEVELS,
    isEnforcementLevel,
} from "./analyzer-client";

export interface ReconcileResult {
    /** What the engine would pass to Configure (it sends nothing at all when `errors` is not empty). */
    config: Record<string, PolicyConfigEntry>;
    errors: string[];
}

/** An entry being merged; "" is the engine's "no level given". */
interface PartialEntry {
    enforcementLevel: EnforcementLevel | "";
    properties: Record<string, unknown> | undefined;
}

type ConfigLayer = Record<string, PartialEntry>;

const ajv = new Ajv({ allErrors: true, strict: false, verbose: true, logger: false });
addFormats(ajv);

/**
 * Merges schema defaults < pack initialConfig < user config (`--policy-pack-config` file
 * contents, as an object or JSON text), then validates each policy's properties.
 */
export function reconcilePolicyConfig(info: AnalyzerInfo, userConfig?: unknown): ReconcileResult {
    const parsed = parseUserConfig(userConfig);
    if ("error" in parsed) {
        return { config: {}, errors: [parsed.error] };
    }
    if (!info.supportsConfig) {
        // The engine skips config entirely for such packs, and refuses a config file for them.
        const errors = parsed.layer ? [`policy pack "${info.name}" does not support config`] : [];
        return { config: {}, errors };
    }

    const policies = [...info.policies].sort((a, b) => compareStrings(a.name, b.name));
    let merged = createConfigWithDefaults(policies);
    merged = applyConfig(merged, initialConfigLayer(info.initialConfig));
    if (parsed.layer) {
        merged = applyConfig(merged, parsed.layer);
    }

    const errors: string[] = [];
    for (const policy of policies) {
        const outcome = validatePolicyProperties(policy, merged[policy.name]?.properties ?? {});
        if ("hardError" in outcome) {
            errors.push(`reconciling policy config for "${info.name}": ${outcome.hardError}`);
            continue;
        }
        for (const message of outcome.messages) {
            errors.push(`validating policy config: ${info.name} ${info.version}  ${policy.name}: ${message}`);
        }
    }

    const config: Record<string, PolicyConfigEntry> = {};
    for (const [name, entry] of Object.entries(merged)) {
        if (entry.enforcementLevel === "") {
            // The engine's Configure rejects it, e.g. properties for a misspelt policy name.
            errors.push(`configuring policy pack "${info.name}": invalid enforcement level "" for "${name}"`);
            continue;
        }
        config[name] = { enforcementLevel: entry.enforcementLevel, properties: entry.properties ?? {} };
    }
    return { config, errors: errors.sort(compareStrings) };
}

function compareStrings(a: string, b: string): number {
    return a < b ? -1 : a > b ? 1 : 0;
}

function parseUserConfig(userConfig: unknown): { layer: ConfigLayer | undefined } | { error: string } {
    let raw = userConfig;
    if (raw === undefined || raw === null) {
        return { layer: undefined };
    }
    if (typeof raw === "string") {
        // An empty file is allowed and means "no config".
        if (raw.trim() === "") {
            return { layer: undefined };
        }
        try {
            raw = JSON.parse(raw);
        } catch (error) {
            return { error: `invalid policy pack config JSON: ${(error as Error).message}` };
        }
    }
    if (typeof raw !== "object" || raw === null || Array.isArray(raw)) {
        return { error: `policy pack config must be a JSON object, got ${goValueText(raw)}` };
    }

    const layer: ConfigLayer = {};
    for (const [name, value] of Object.entries(raw as Record<string, unknown>)) {
        let enforcementLevel: EnforcementLevel | "" = "";
        let properties: Record<string, unknown> | undefined;
        if (typeof value === "string") {
            if (!isEnforcementLevel(value)) {
                return { error: `parsing enforcement level for "${name}": "${value}" is not a valid enforcement level` };
            }
            enforcementLevel = value;
        } else if (typeof value === "object" && value !== null && !Array.isArray(value)) {
            const { enforcementLevel: level, ...rest } = value as Record<string, unknown>;
            if ("enforcementLevel" in value) {
                if (typeof level !== "string") {
                    return {
                        error: `parsing enforcement level for "${name}": ${goValueText(level)} is not a valid enforcement level; must be a string`,
                    };
                }
                if (!isEnforcementLevel(level)) {
                    return { error: `parsing enforcement level for "${name}": "${level}" is not a valid enforcement level` };
                }
                enforcementLevel = level;
            }
            if (Object.keys(rest).length > 0) {
                properties = structuredClone(rest);
            }
        } else {
            return { error: `parsing "${name}": ${goValueText(value)} is not a valid value; must be a string or object` };
        }
        if (enforcementLevel === "" && properties === undefined) {
            continue;
        }
        layer[name] = { enforcementLevel, properties };
    }
    return { layer };
}

// Roughly how Go's %v prints a decoded JSON value, for error messages.
function goValueText(value: unknown): string {
    if (value === null || value === undefined) {
        return "<nil>";
    }
    if (Array.isArray(value)) {
        return `[${value.map(goValueText).join(" ")}]`;
    }
    if (typeof value === "object") {
        return `map[${Object.entries(value)
            .map(([k, v]) => `${k}:${goValueText(v)}`)
            .join(" ")}]`;
    }
    return String(value);
}

function createConfigWithDefaults(policies: PolicyInfo[]): ConfigLayer {
    const result: ConfigLayer = {};
    for (const policy of policies) {
        let properties: Record<string, unknown> | undefined;
        for (const [key, schema] of Object.entries(policy.configSchema?.properties ?? {})) {
            if (schema && typeof schema === "object" && "default" in schema) {
                properties ??= {};
                properties[key] = structuredClone(schema.default);
            }
        }
        result[policy.name] = { enforcementLevel: policy.enforcementLevel, properties };
    }
    return result;
}

function initialConfigLayer(initialConfig: Record<string, Partial<PolicyConfigEntry>>): ConfigLayer {
    const layer: ConfigLayer = {};
    for (const [name, entry] of Object.entries(initialConfig)) {
        // The trap: the wire has no "unset" level, so an entry without one is advisory (0).
        const properties = entry.properties && Object.keys(entry.properties).length > 0 ? entry.properties : undefined;
        layer[name] = {
            enforcementLevel: entry.enforcementLevel ?? "advisory",
            properties: properties === undefined ? undefined : structuredClone(properties),
        };
    }
    return layer;
}

function applyConfig(result: ConfigLayer, layer: ConfigLayer): ConfigLayer {
    const next: ConfigLayer = { ...result };
    // "all" sets the level of every entry so far, never properties.
    const all = layer["all"];
    if (all && all.enforcementLevel !== "") {
        for (const [name, entry] of Object.entries(next)) {
            next[name] = { enforcementLevel: all.enforcementLevel, properties: entry.properties };
        }
    }
    // Then every entry, "all" included (the engine passes it on to the pack as well).
    for (const [name, given] of Object.entries(layer)) {
        const current = next[name];
        let properties = current?.properties ? { ...current.properties } : undefined;
        if (given.properties && Object.keys(given.properties).length > 0) {
            properties = { ...(properties ?? {}), ...given.properties };
        }
        next[name] = {
            enforcementLevel: given.enforcementLevel !== "" ? given.enforcementLevel : (current?.enforcementLevel ?? ""),
            properties,
        };
    }
    return next;
}

type ValidationOutcome = { messages: string[] } | { hardError: string };

const validatorCache = new Map<string, ValidateFunction>();

function validatePolicyProperties(policy: PolicyInfo, properties: Record<string, unknown>): ValidationOutcome {
    // convertSchema plus the enforcementLevel property GetAnalyzerInfo injects.
    const schemaProperties: Record<string, unknown> = {
        ...(policy.configSchema?.properties ?? {}),
        enforcementLevel: { type: "string", enum: [...ENFORCEMENT_LEVELS] },
    };
    const schema: Record<string, unknown> = { type: "object", properties: schemaProperties };
    const required = policy.configSchema?.required ?? [];
    if (required.length > 0) {
        schema["required"] = required;
    }

    const nonRe2 = findNonRe2Pattern(schema);
    if (nonRe2 !== undefined) {
        return {
            hardError: `pattern must be a valid regex (policy "${policy.name}": /${nonRe2}/ uses look-around or back-references, which Go's RE2 engine rejects)`,
        };
    }

    const key = JSON.stringify(schema);
    let validate = validatorCache.get(key);
    if (!validate) {
        try {
            validate = ajv.compile(schema);
        } catch (error) {
            return { hardError: `policy "${policy.name}" has an invalid config schema: ${(error as Error).message}` };
        }
        validatorCache.set(key, validate);
    }
    if (validate(properties)) {
        return { messages: [] };
    }
    const errors = (validate.errors ?? []).filter(
        // Sub-errors of propertyNames describe the name, which gojsonschema reports once.
        (error) => error.propertyName === undefined || error.keyword === "propertyNames",
    );
    return { messages: errors.map(toGoJsonSchemaMessage) };
}

// Patterns that ECMAScript accepts but RE2 does not: look-ahead, look-behind, back-references.
const NON_RE2_SYNTAX = /\(\?<?[=!]|\\[1-9]|\\k</;

function findNonRe2Pattern(schema: unknown): string | undefined {
    if (Array.isArray(schema)) {
        for (const element of schema) {
            const found = findNonRe2Pattern(element);
            if (found !== undefined) {
                return found;
            }
        }
        return undefined;
    }
    if (typeof schema !== "object" || schema === null) {
        return undefined;
    }
    for (const [key, value] of Object.entries(schema)) {
        if (key === "pattern" && typeof value === "string" && NON_RE2_SYNTAX.test(value)) {
            return value;
        }
        if (key === "patternProperties" && typeof value === "object" && value !== null) {
            const badKey = Object.keys(value).find((pattern) => NON_RE2_SYNTAX.test(pattern));
            if (badKey !== undefined) {
                return badKey;
            }
        }
        if (key === "enum" || key === "const" || key === "default" || key === "examples") {
            continue;
        }
        const found = findNonRe2Pattern(value);
        if (found !== undefined) {
            return found;
        }
    }
    return undefined;
}

function fieldOf(instancePath: string): string {
    if (instancePath === "") {
        return "(root)";
    }
    return instancePath
        .slice(1)
        .split("/")
        .map((segment) => segment.replace(/~1/g, "/").replace(/~0/g, "~"))
        .join(".");
}

function goJsonType(value: unknown): string {
    if (value === null) {
        return "null";
    }
    if (Array.isArray(value)) {
        return "array";
    }
    if (typeof value === "number") {
        return Number.isInteger(value) ? "integer" : "number";
    }
    return typeof value;
}

function jsonList(values: unknown[]): string {
    return values.map((value) => JSON.stringify(value)).join(", ");
}

/** `<field>: <description>` in gojsonschema's words, without its "(root): " prefix. */
function toGoJsonSchemaMessage(error: ErrorObject): string {
    const field = fieldOf(error.instancePath);
    const params = error.params as Record<string, unknown>;
    let description: string;
    switch (error.keyword) {
        case "required":
            description = `${String(params["missingProperty"])} is required`;
            break;
        case "type": {
            const expected = Array.isArray(params["type"]) ? `[${params["type"].join(",")}]` : String(params["type"]);
            description = `Invalid type. Expected: ${expected}, given: ${goJsonType(error.data)}`;
            break;
        }
        case "enum":
            description = `${field} must be one of the following: ${jsonList(params["allowedValues"] as unknown[])}`;
            break;
        case "const":
            description = `${field} does not match: ${JSON.stringify(params["allowedValue"])}`;
            break;
        case "format":
            description = `Does not match format '${String(params["format"])}'`;
            break;
        case "pattern":
            description = `Does not match pattern '${String(params["pattern"])}'`;
            break;
        case "minLength":
            description = `String length must be greater than or equal to ${String(params["limit"])}`;
            break;
        case "maxLength":
            description = `String length must be less than or equal to ${String(params["limit"])}`;
            break;
        case "minimum":
            description = `Must be greater than or equal to ${String(params["limit"])}`;
            break;
        case "maximum":
            description = `Must be less than or equal to ${String(params["limit"])}`;
            break;
        case "exclusiveMinimum":
            description = `Must be greater than ${String(params["limit"])}`;
            break;
        case "exclusiveMaximum":
            description = `Must be less than ${String(params["limit"])}`;
            break;
        case "multipleOf":
            description = `Must be a multiple of ${String(params["multipleOf"])}`;
            break;
        case "minItems":
            description = `Array must have at least ${String(params["limit"])} items`;
            break;
        case "maxItems":
            description = `Array must have at most ${String(params["limit"])} items`;
            break;
        case "uniqueItems":
            description = `array items[${String(params["j"])},${String(params["i"])}] must be unique`;
            break;
        case "additionalProperties":
            description = `Additional property ${String(params["additionalProperty"])} is not allowed`;
            break;
        case "minProperties":
            description = `Must have at least ${String(params["limit"])} properties`;
            break;
        case "maxProperties":
            description = `Must have at most ${String(params["limit"])} properties`;
            break;
        case "anyOf":
            description = "Must validate at least one schema (anyOf)";
            break;
        case "oneOf":
            description = "Must validate one and only one schema (oneOf)";
            break;
        case "not":
            description = "Must not validate the schema (not)";
            break;
        case "if":
            description = `Must validate "${String(params["failingKeyword"])}" as "if" was ${params["failingKeyword"] === "then" ? "valid" : "not valid"}`;
            break;
        case "contains":
            description = "At least one of the items must match";
            break;
        case "propertyNames":
            description = `Property name of "${String(params["propertyName"])}" does not match`;
            break;
        case "dependencies":
        case "dependentRequired":
            description = `Has a dependency on ${String(params["deps"])}`;
            break;
        case "additionalItems":
            description = "No additional items allowed on array";
            break;
        case "false schema":
            description = "False always fails validation";
            break;
        default:
            description = error.message ?? error.keyword;
    }
    return field === "(root)" ? description : `${field}: ${description}`;
}
