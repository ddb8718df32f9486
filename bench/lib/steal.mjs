// CPU time the hypervisor gave to other guests while this VM wanted it ("steal" in /proc/stat).
// On a shared VM the browser figures are only as good as the host was quiet: the load average
// does not see it, and 10–25 % steal for a few seconds has doubled a keystroke's p95.
import { readFileSync } from 'node:fs';

/** The machine's CPU times so far (all CPUs), or undefined where /proc/stat is not there. */
export function cpuTimes() {
  try {
    // user nice system idle iowait irq softirq steal (guest time is counted in user already)
    const f = readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/).slice(1, 9).map(Number);

    return { steal: f[7] ?? 0, total: f.reduce((a, b) => a + b, 0) };
  } catch {
    return undefined;
  }
}

/** Steal since `before`, in % of all CPU time since then (undefined when unknown). */
export function stealSince(before) {
  const now = cpuTimes();

  if (!before || !now || now.total <= before.total) {
    return undefined;
  }

  return (100 * (now.steal - before.steal)) / (now.total - before.total);
}
