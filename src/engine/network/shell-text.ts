import type { Pod } from '../api/types';
import type { ConnectResult } from './connect';
import type { DnsAnswer } from './dns-records';

/** What a command run inside a pod prints, for `sandbox exec <pod> -- nslookup …` / `curl …`. */
export interface ShellResult {
  readonly stdout: string;
  readonly stderr: string;
  readonly exitCode: number;
  /** How long the command took (timeouts take long). */
  readonly durationMs: number;
}

/** busybox 1.28's labels are padded to 11 columns (`Server:    `, `Address 1: `). */
function label(text: string): string {
  return text.padEnd(11, ' ');
}

export interface NslookupInput {
  readonly query: string;
  readonly serverIp: string;
  /** undefined: no CoreDNS replica answered at all. */
  readonly answer: DnsAnswer | undefined;
  /** PTR lookups CoreDNS answers (busybox prints the name after each address). */
  readonly ptr: (ip: string) => string | undefined;
}

/**
 * `nslookup <name>` as busybox 1.28 prints it (the image Kubernetes' DNS debugging guide
 * uses): the server block, then the name with numbered addresses and their PTR names, or
 * `nslookup: can't resolve '<name>'` on stderr with exit code 1.
 */
export function nslookupText(input: NslookupInput): ShellResult {
  const up = input.answer !== undefined;
  const serverName = up ? input.ptr(input.serverIp) : undefined;
  const head = [`${label('Server:')}${input.serverIp}`, `${label('Address 1:')}${input.serverIp}${serverName ? ` ${serverName}` : ''}`, ''];
  const a = input.answer;
  if (!a || a.rcode !== 'NOERROR' || a.addresses.length === 0) {
    return { stdout: head.join('\n'), stderr: `nslookup: can't resolve '${input.query}'`, exitCode: 1, durationMs: up ? 5 : 15_000 };
  }
  const lines = [...head, `${label('Name:')}${input.query}`];
  a.addresses.forEach((ip, i) => {
    const name = input.ptr(ip);
    lines.push(`${label(`Address ${i + 1}:`)}${ip}${name ? ` ${name}` : ''}`);
  });
  return { stdout: lines.join('\n'), stderr: '', exitCode: 0, durationMs: 5 };
}

export interface CurlTarget {
  readonly scheme: 'http' | 'https';
  readonly host: string;
  readonly port: number;
  readonly path: string;
}

/** `http://web:8080/x` → parts; undefined for what curl would reject as a malformed URL. */
export function parseUrl(url: string): CurlTarget | undefined {
  const m = /^(?:(https?):\/\/)?([a-zA-Z0-9.-]+)(?::(\d{1,5}))?(\/[^\s]*)?$/.exec(url.trim());
  if (!m) return undefined;
  const scheme = m[1] === 'https' ? 'https' : 'http';
  const port = m[3] ? Number(m[3]) : scheme === 'https' ? 443 : 80;
  if (port < 1 || port > 65535) return undefined;
  return { scheme, host: m[2]!, port, path: m[4] ?? '/' };
}

const NGINX_WELCOME = `<!DOCTYPE html>
<html>
<head>
<title>Welcome to nginx!</title>
<style>
html { color-scheme: light dark; }
body { width: 35em; margin: 0 auto;
font-family: Tahoma, Verdana, Arial, sans-serif; }
</style>
</head>
<body>
<h1>Welcome to nginx!</h1>
<p>If you see this page, the nginx web server is successfully installed and
working. Further configuration is required.</p>

<p>For online documentation and support please refer to
<a href="http://nginx.org/">nginx.org</a>.<br/>
Commercial support is available at
<a href="http://nginx.com/">nginx.com</a>.</p>

<p><em>Thank you for using nginx.</em></p>
</body>
</html>`;

/** What the answering pod sends back: nginx's welcome page, whoami's echo, or a one-line greeting. */
export function responseBody(pod: Pod, ip: string, target: CurlTarget, clientIp: string): string {
  const image = pod.spec.containers[0]?.image ?? '';
  if (/(^|\/)(nginx|httpd)(:|@|$)/.test(image)) return NGINX_WELCOME;
  if (/whoami/.test(image)) {
    return [`Hostname: ${pod.metadata.name}`, 'IP: 127.0.0.1', `IP: ${ip}`, `RemoteAddr: ${clientIp}:43210`, `GET ${target.path} HTTP/1.1`, `Host: ${target.host}${target.port === 80 ? '' : `:${target.port}`}`, 'User-Agent: curl/8.14.1', 'Accept: */*'].join('\n');
  }
  return `Hello from ${pod.metadata.name}`;
}

export interface CurlOptions {
  /** `--connect-timeout` / `-m` in seconds; curl waits for the kernel (~130 s) otherwise. */
  readonly connectTimeoutS?: number;
  readonly clientIp: string;
}

/** curl 8's messages and exit codes for each way a connection ends. */
export function curlText(target: CurlTarget, r: ConnectResult, opts: CurlOptions): ShellResult {
  const where = `${target.host} port ${target.port}`;
  if (r.ok) return { stdout: responseBody(r.pod, r.ip, target, opts.clientIp), stderr: '', exitCode: 0, durationMs: 3 };
  switch (r.reason) {
    case 'source-down':
      return { stdout: '', stderr: r.message, exitCode: 1, durationMs: 0 };
    case 'dns-unreachable':
    case 'nxdomain':
      return { stdout: '', stderr: `curl: (6) Could not resolve host: ${target.host}`, exitCode: 6, durationMs: r.reason === 'nxdomain' ? 5 : 10_000 };
    case 'refused':
      return { stdout: '', stderr: `curl: (7) Failed to connect to ${where} after 2 ms: Couldn't connect to server`, exitCode: 7, durationMs: 2 };
    case 'timeout':
    case 'denied': {
      const t = opts.connectTimeoutS;
      if (t !== undefined) return { stdout: '', stderr: `curl: (28) Connection timed out after ${Math.round(t * 1000) + 1} milliseconds`, exitCode: 28, durationMs: Math.round(t * 1000) };
      return { stdout: '', stderr: `curl: (28) Failed to connect to ${where} after 133107 ms: Couldn't connect to server`, exitCode: 28, durationMs: 133_107 };
    }
  }
}
