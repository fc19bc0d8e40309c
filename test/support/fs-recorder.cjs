// Preload (node --require) that reports every file the process opens, reads, lists or changes
// through the fs module, as one stderr line: "icpguard-test-fs {json}" with the absolute path
// and whether the operation writes. Tests load it into the policy pack through NODE_OPTIONS.
// It only watches: every call goes through unchanged.
"use strict";

const fs = require("node:fs");
const path = require("node:path");

const PREFIX = "icpguard-test-fs ";
const report = (event) => process.stderr.write(`${PREFIX}${JSON.stringify(event)}\n`);
const { O_WRONLY, O_RDWR, O_CREAT, O_APPEND, O_TRUNC } = fs.constants;

function target(file) {
  if (typeof file === "number") return `fd:${file}`;
  if (file instanceof URL) return file.pathname;
  if (Buffer.isBuffer(file)) file = file.toString();
  return typeof file === "string" ? path.resolve(file) : String(file);
}

function writesWith(flags) {
  if (flags === undefined || flags === null) return false;
  if (typeof flags === "number") return (flags & (O_WRONLY | O_RDWR | O_CREAT | O_APPEND | O_TRUNC)) !== 0;
  return /[wa+]/.test(String(flags));
}

function flagOf(options, fallback) {
  if (typeof options === "string") return options;
  if (options && typeof options === "object" && options.flag !== undefined) return options.flag;
  return fallback;
}

const READS = {
  readFileSync: (args) => writesWith(flagOf(args[1], "r")),
  readFile: (args) => writesWith(flagOf(args[1], "r")),
  createReadStream: (args) => writesWith(flagOf(args[1], "r")),
  readdirSync: () => false,
  readdir: () => false,
  opendirSync: () => false,
  opendir: () => false,
  readlinkSync: () => false,
  readlink: () => false,
  openSync: (args) => writesWith(args[1]),
  open: (args) => writesWith(typeof args[1] === "function" ? undefined : args[1]),
};
const WRITES = [
  "writeFileSync", "writeFile", "appendFileSync", "appendFile", "createWriteStream", "mkdirSync", "mkdir",
  "mkdtempSync", "mkdtemp", "rmSync", "rm", "rmdirSync", "rmdir", "unlinkSync", "unlink", "renameSync", "rename",
  "copyFileSync", "copyFile", "cpSync", "cp", "symlinkSync", "symlink", "linkSync", "link", "truncateSync",
  "truncate", "chmodSync", "chmod", "utimesSync", "utimes",
];

const SELF = __filename;

/** The first file on the stack outside this recorder and Node's own fs: who asked. */
function caller() {
  const limit = Error.stackTraceLimit;
  Error.stackTraceLimit = 60;
  const frames = (new Error().stack ?? "").split("\n").slice(1);
  Error.stackTraceLimit = limit;
  for (const frame of frames) {
    const match = /(?:\(|at )([^()]+?):\d+:\d+\)?$/.exec(frame.trim());
    if (!match) continue;
    const file = match[1].replace(/^file:\/\//, "");
    if (file.startsWith("node:")) continue;
    if (file !== SELF) return file;
  }
  return "node:internal";
}

function wrap(object, name, writes, label = name) {
  const original = object[name];
  if (typeof original !== "function") return;
  object[name] = function recorded(...args) {
    report({ op: label, path: target(args[0]), write: writes(args), by: caller() });
    return original.apply(this, args);
  };
}

for (const [name, writes] of Object.entries(READS)) wrap(fs, name, writes);
for (const name of WRITES) wrap(fs, name, () => true);
for (const name of ["open", "readFile", "readdir", "opendir"]) {
  wrap(fs.promises, name, name === "open" ? (args) => writesWith(args[1]) : (args) => writesWith(flagOf(args[1], "r")), `promises.${name}`);
}
for (const name of ["writeFile", "appendFile", "mkdir", "mkdtemp", "rm", "rmdir", "unlink", "rename", "copyFile", "cp", "symlink", "link", "truncate", "chmod", "utimes"]) {
  wrap(fs.promises, name, () => true, `promises.${name}`);
}
