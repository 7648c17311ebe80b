/**
 * Runs findHub() inside a test namespace and prints the outcome as one JSON line.
 * Usage: node --import tsx find-hub-probe.ts [WALL]
 */
import { findHub } from '../../../main/discovery/find-hub';

const wall = process.argv[2];
const started = performance.now();
findHub({ timeoutMs: 2000, ...(wall ? { wall } : {}) }).then(
  (hub) =>
    console.log(JSON.stringify({ ok: true, ms: Math.round(performance.now() - started), hub })),
  (err: Error) => console.log(JSON.stringify({ ok: false, name: err.name, message: err.message })),
);
