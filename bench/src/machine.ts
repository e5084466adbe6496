/** The machine a run happened on, for the report. */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { cpus, freemem, loadavg, totalmem } from 'node:os';

export interface Machine {
  cpus: number;
  cpuModel: string;
  memory: string;
  node: string;
  os: string;
  loadAverage: string;
  postgres?: string;
}

export function describeMachine(postgres?: string): Machine {
  const model = cpus()[0]?.model ?? 'unknown';
  let os = `${process.platform} ${process.arch}`;
  try {
    const release = readFileSync('/etc/os-release', 'utf8').match(/^PRETTY_NAME="?([^"\n]+)"?/m);
    if (release?.[1] !== undefined) os = `${release[1]} (${process.arch})`;
  } catch {
    // not Linux: platform and arch will do
  }
  let nproc = cpus().length;
  try {
    nproc = Number(execFileSync('nproc', { encoding: 'utf8' }).trim()) || nproc;
  } catch {
    // no nproc: the count of logical CPUs
  }
  const gib = (bytes: number) => `${(bytes / 1024 ** 3).toFixed(1)} GiB`;
  return {
    cpus: nproc,
    cpuModel: model.trim(),
    memory: `${gib(totalmem())} (${gib(freemem())} free at start)`,
    node: process.version,
    os,
    loadAverage: loadavg()
      .map((value) => value.toFixed(2))
      .join(' '),
    ...(postgres === undefined ? {} : { postgres }),
  };
}

/** Resident memory of a process, from /proc (Linux), in bytes; undefined elsewhere. */
export function rssOf(pid: number): number | undefined {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const match = status.match(/^VmRSS:\s+(\d+)\s+kB/m);
    return match?.[1] === undefined ? undefined : Number(match[1]) * 1024;
  } catch {
    return undefined;
  }
}
