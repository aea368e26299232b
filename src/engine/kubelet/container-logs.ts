import { SIM_EPOCH_MS } from '../sim/time';
import { fnv32a } from '../util/clone';

/**
 * Synthetic container logs: a start-up banner per image family, then periodic lines
 * (access logs, probe hits, request handling), then how the run ended. Pure and
 * deterministic from the run's seed and times; only the last `maxLines` are produced.
 */

export interface LogRun {
  readonly startedMs: number;
  readonly finishedMs?: number;
  readonly exitCode?: number;
  readonly reason?: string;
  readonly seed: number;
}

export interface LogSubject {
  readonly image: string;
  readonly podIP: string | undefined;
  /** An HTTP readiness/liveness probe hitting the container (kube-probe access lines). */
  readonly probe?: { readonly path: string; readonly periodMs: number };
}

export const MAX_LOG_LINES = 200;

type Family = 'nginx' | 'redis' | 'shell' | 'app';

function family(image: string): Family {
  const name = image.split('@')[0]!.split('/').pop()!.split(':')[0]!;
  if (name.includes('nginx') || name === 'httpd') return 'nginx';
  if (name.includes('redis')) return 'redis';
  if (['busybox', 'alpine', 'ubuntu', 'debian', 'curl', 'hello-world'].includes(name)) return 'shell';
  return 'app';
}

function date(ms: number): Date {
  return new Date(SIM_EPOCH_MS + ms);
}

const pad = (n: number, w = 2): string => String(n).padStart(w, '0');
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** nginx error-log time: 2026/01/01 09:00:05 */
function nginxTime(ms: number): string {
  const d = date(ms);
  return `${d.getUTCFullYear()}/${pad(d.getUTCMonth() + 1)}/${pad(d.getUTCDate())} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}`;
}

/** Common log format time: 01/Jan/2026:09:00:05 +0000 */
function clfTime(ms: number): string {
  const d = date(ms);
  return `${pad(d.getUTCDate())}/${MONTHS[d.getUTCMonth()]}/${d.getUTCFullYear()}:${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())} +0000`;
}

function isoTime(ms: number): string {
  return date(ms).toISOString();
}

function gateway(podIP: string | undefined): string {
  return podIP ? podIP.replace(/\.\d+$/, '.1') : '10.244.0.1';
}

function banner(f: Family, run: LogRun, image: string): string[] {
  const t = run.startedMs;
  const version = image.includes(':') ? image.slice(image.lastIndexOf(':') + 1) : 'latest';
  switch (f) {
    case 'nginx':
      return [
        '/docker-entrypoint.sh: /docker-entrypoint.d/ is not empty, will attempt to perform configuration',
        '/docker-entrypoint.sh: Looking for shell scripts in /docker-entrypoint.d/',
        '/docker-entrypoint.sh: Launching /docker-entrypoint.d/10-listen-on-ipv6-by-default.sh',
        '10-listen-on-ipv6-by-default.sh: info: Enabled listen on IPv6 in /etc/nginx/conf.d/default.conf',
        '/docker-entrypoint.sh: Configuration complete; ready for start up',
        `${nginxTime(t)} [notice] 1#1: using the "epoll" event method`,
        `${nginxTime(t)} [notice] 1#1: nginx/${/^\d/.test(version) ? version : '1.27.5'}`,
        `${nginxTime(t)} [notice] 1#1: start worker processes`,
        `${nginxTime(t)} [notice] 1#1: start worker process 29`,
      ];
    case 'redis':
      return [
        `1:C ${clfTime(t).slice(0, 20)} * oO0OoO0OoO0Oo Redis is starting oO0OoO0OoO0Oo`,
        `1:M ${clfTime(t).slice(0, 20)} * Server initialized`,
        `1:M ${clfTime(t).slice(0, 20)} * Ready to accept connections tcp`,
      ];
    case 'shell':
      return [];
    case 'app':
      return [
        `${isoTime(t)} INFO  starting version=${version}`,
        `${isoTime(t + 40)} INFO  loaded configuration from /etc/app/config.yaml`,
        `${isoTime(t + 85)} INFO  listening on :8080`,
      ];
  }
}

function periodicLine(f: Family, atMs: number, k: number, subject: LogSubject, seed: number): string | undefined {
  const h = fnv32a(`${seed}/${k}/line`);
  if (f === 'nginx') {
    if (subject.probe) return `${gateway(subject.podIP)} - - [${clfTime(atMs)}] "GET ${subject.probe.path} HTTP/1.1" 200 615 "-" "kube-probe/1.34" "-"`;
    return `10.244.${h % 4}.${2 + (h % 200)} - - [${clfTime(atMs)}] "GET / HTTP/1.1" 200 615 "-" "curl/8.5.0" "-"`;
  }
  if (f === 'app') {
    const paths = ['/api/items', '/api/orders', '/healthz', '/api/users'];
    return `${isoTime(atMs)} INFO  request method=GET path=${paths[h % paths.length]} status=200 duration=${3 + (h % 40)}ms`;
  }
  return undefined;
}

function ending(f: Family, run: LogRun): string[] {
  const t = run.finishedMs;
  if (t === undefined || run.reason === 'OOMKilled') return [];
  if (run.exitCode === 0) {
    if (f === 'nginx') return [`${nginxTime(t)} [notice] 1#1: signal 3 (SIGQUIT) received, shutting down`, `${nginxTime(t)} [notice] 1#1: exit`];
    return f === 'app' ? [`${isoTime(t)} INFO  shutting down`] : [];
  }
  if (f === 'shell') return [`sh: exit ${run.exitCode ?? 1}`];
  if (f === 'nginx') return [`${nginxTime(t)} [emerg] 1#1: host not found in upstream "backend:8080" in /etc/nginx/conf.d/default.conf:14`, 'nginx: [emerg] host not found in upstream "backend:8080" in /etc/nginx/conf.d/default.conf:14'];
  return [`${isoTime(t)} ERROR unrecoverable error: dial tcp 10.96.0.20:5432: connect: connection refused`, `${isoTime(t)} ERROR exiting with code ${run.exitCode ?? 1}`];
}

/** The lines `kubectl logs` shows for one run of a container, up to `nowMs`. */
export function containerLogLines(subject: LogSubject, run: LogRun, nowMs: number, maxLines = MAX_LOG_LINES): string[] {
  const f = family(subject.image);
  const head = banner(f, run, subject.image);
  const tail = ending(f, run);
  const end = run.finishedMs ?? nowMs;
  const periodMs = subject.probe?.periodMs ?? (f === 'app' ? 5000 : 7000);
  const budget = Math.max(0, maxLines - head.length - tail.length);
  const slots = Math.max(0, Math.floor((end - run.startedMs) / periodMs));
  const body: string[] = [];
  for (let k = Math.max(1, slots - budget + 1); k <= slots; k++) {
    const at = run.startedMs + k * periodMs - (fnv32a(`${run.seed}/${k}`) % Math.min(periodMs, 1000));
    if (at > end) continue;
    const line = periodicLine(f, at, k, subject, run.seed);
    if (line) body.push(line);
  }
  const all = [...head, ...body, ...tail];
  return all.length > maxLines ? all.slice(all.length - maxLines) : all;
}
