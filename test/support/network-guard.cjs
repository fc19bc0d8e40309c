// Preload (node --require) that refuses every outbound network connection, DNS lookup, UDP
// send and child process, and reports each attempt, and each server it listens on, as one
// stderr line: "icpguard-test-net {json}". Tests load it into the policy pack through
// NODE_OPTIONS to prove the pack talks to nobody; it binds its gRPC port and connects nowhere.
"use strict";

const PREFIX = "icpguard-test-net ";
const report = (event) => process.stderr.write(`${PREFIX}${JSON.stringify(event)}\n`);
const refusal = (what) => Object.assign(new Error(`network refused by the icpguard test guard: ${what}`), { code: "ECONNREFUSED" });

function describeTarget(args) {
  const first = Array.isArray(args[0]) ? args[0][0] : args[0];
  if (first && typeof first === "object") {
    if (first.path) return `ipc:${first.path}`;
    return `${first.host ?? "localhost"}:${first.port}`;
  }
  if (typeof first === "string" && !/^\d+$/.test(first)) return `ipc:${first}`;
  return `${typeof args[1] === "string" ? args[1] : "localhost"}:${first}`;
}

const net = require("node:net");
net.Socket.prototype.connect = function connect(...args) {
  const target = describeTarget(args);
  report({ kind: "connect", target });
  process.nextTick(() => this.destroy(refusal(target)));
  return this;
};

const originalListen = net.Server.prototype.listen;
net.Server.prototype.listen = function listen(...args) {
  this.once("listening", () => {
    const address = this.address();
    report({ kind: "listen", address: typeof address === "string" ? address : `${address.address}:${address.port}` });
  });
  return originalListen.apply(this, args);
};

const dns = require("node:dns");
// Looking up an IP literal answers locally (gRPC does it for the 127.0.0.1 it binds): let it through.
const LOOPBACK = /^(127\.\d+\.\d+\.\d+|::1|localhost)$/i;
const originalLookup = dns.lookup;
const refuseLookup = (name) =>
  function lookup(host, ...rest) {
    if (name === "lookup" && LOOPBACK.test(String(host))) {
      report({ kind: "dns", call: name, host: String(host), allowed: true });
      return originalLookup.call(this, host, ...rest);
    }
    report({ kind: "dns", call: name, host: String(host) });
    const callback = rest.reverse().find((arg) => typeof arg === "function");
    const error = Object.assign(refusal(`dns ${host}`), { code: "ENOTFOUND" });
    if (callback) process.nextTick(() => callback(error));
    else return Promise.reject(error);
  };
for (const name of ["lookup", "lookupService", "resolve", "resolve4", "resolve6", "resolveAny", "resolveCname", "resolveTxt", "reverse"]) {
  dns[name] = refuseLookup(name);
  if (dns.promises[name]) dns.promises[name] = refuseLookup(`promises.${name}`);
}

const dgram = require("node:dgram");
dgram.Socket.prototype.send = function send(...args) {
  report({ kind: "udp", target: `${args[args.length - 2] ?? ""}:${args[args.length - 3] ?? ""}` });
  const callback = args.find((arg) => typeof arg === "function");
  if (callback) process.nextTick(() => callback(refusal("udp")));
};

const childProcess = require("node:child_process");
for (const name of ["spawn", "spawnSync", "exec", "execSync", "execFile", "execFileSync", "fork"]) {
  childProcess[name] = function refused(command) {
    report({ kind: "process", call: name, command: String(command) });
    throw refusal(`child process ${command}`);
  };
}
