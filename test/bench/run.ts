export {};
/**
 * `npm run bench -- <name> [options]`: runs test/bench/<name>.ts, whose `main(args)` prints one
 * JSON line per measured system. Benches target loopback only and stop by themselves.
 */
const [benchName, ...args] = process.argv.slice(2);
const BENCHES = ['abuse', 'clock', 'fanout', 'soak', 'storm'];
if (!benchName || !BENCHES.includes(benchName)) {
  process.stderr.write(`usage: npm run bench -- <${BENCHES.join('|')}> [options]\n`);
  process.exit(2);
}
const mod = (await import(`./${benchName}.ts`)) as { main(args: string[]): Promise<void> };
await mod.main(args);
