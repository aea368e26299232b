import type { Secret } from '../../api/types';
import { Cluster } from '../../cluster/cluster';
import type { CommandProcess } from '../process';

/** Shared fixtures of the helm command tests: a booted cluster, a chart with hooks, log helpers. */

export const OTEL = 'splunk-otel-collector-chart/splunk-otel-collector';
export const OTEL_REQUIRED = '--set clusterName=demo --set splunkObservability.realm=us1 --set splunkObservability.accessToken=tok';

const HOOKED_HOOKS = `apiVersion: v1
kind: ConfigMap
metadata:
  name: {{ .Release.Name }}-pre-config
  annotations:
    helm.sh/hook: pre-install
    helm.sh/hook-weight: "-1"
data:
  step: "1"
---
apiVersion: batch/v1
kind: Job
metadata:
  name: {{ .Release.Name }}-migrate
  annotations:
    helm.sh/hook: pre-install,pre-upgrade
    helm.sh/hook-weight: "5"
spec:
  backoffLimit: 0
  template:
    spec:
      restartPolicy: Never
      containers:
      - name: migrate
        image: busybox:1.36
---
apiVersion: batch/v1
kind: Job
metadata:
  name: {{ .Release.Name }}-seed
  annotations:
    helm.sh/hook: pre-install
    helm.sh/hook-weight: "0"
    helm.sh/hook-delete-policy: hook-succeeded
spec:
  backoffLimit: 0
  template:
    spec:
      restartPolicy: Never
      containers:
      - name: seed
        image: busybox:1.36
---
apiVersion: batch/v1
kind: Job
metadata:
  name: {{ .Release.Name }}-notify
  annotations:
    helm.sh/hook: post-install
spec:
  backoffLimit: 0
  template:
    metadata:
      annotations:
        {{- if .Values.failNotify }}
        sim.kube-sandbox.dev/crash-after: "2s"
        {{- else }}
        sim.kube-sandbox.dev/complete-after: "3s"
        {{- end }}
    spec:
      restartPolicy: Never
      containers:
      - name: notify
        image: busybox:1.36
`;

/** `hooked/`: a chart in the scenario's files with weighted pre-install hooks and a post-install Job. */
export const HOOKED_CHART: Record<string, string> = {
  'hooked/Chart.yaml': 'apiVersion: v2\nname: hooked\nversion: 1.2.3\nappVersion: "2.0"\n',
  'hooked/values.yaml': 'failNotify: false\nkeepConfig: false\n',
  'hooked/templates/configmap.yaml': `apiVersion: v1
kind: ConfigMap
metadata:
  name: {{ .Release.Name }}-config
  {{- if .Values.keepConfig }}
  annotations:
    helm.sh/resource-policy: keep
  {{- end }}
data:
  greeting: hello
`,
  'hooked/templates/hooks.yaml': HOOKED_HOOKS,
  'hooked/templates/NOTES.txt': 'Hooked {{ .Release.Name }} is at revision {{ .Release.Revision }}.\n',
};

export function boot(files: Record<string, string> = {}): Cluster {
  return new Cluster({ seed: 3, files, config: { freezeObjects: true } }).boot();
}

/** Runs a command and returns it, after letting `advanceMs` of simulated time pass. */
export function run(c: Cluster, line: string, advanceMs = 0): CommandProcess {
  const p = c.run(line);
  if (advanceMs > 0) c.advance(advanceMs);
  return p;
}

/** Output and exit code together, for table rows. */
export function outcome(p: CommandProcess): { exit: number | undefined; text: string } {
  return { exit: p.exitCode, text: p.text() };
}

/** The release Secrets of a namespace: name → labels without the time stamps, plus the type. */
export function releaseSecrets(c: Cluster, namespace = 'default'): Record<string, string> {
  const out: Record<string, string> = {};
  for (const s of c.objects<Secret>('secrets')) {
    if (s.metadata.namespace !== namespace || s.metadata.labels?.['owner'] !== 'helm') continue;
    const l = s.metadata.labels;
    out[s.metadata.name] = `${s.type} name=${l['name']} status=${l['status']} version=${l['version']}`;
  }
  return out;
}

/** The API requests helm sent under the command's operation, as `VERB path`. */
export function helmRequests(c: Cluster, p: CommandProcess, verb?: string): string[] {
  return c.log
    .since(0)
    .filter((r) => r.opId === p.opId && r.kind === 'request' && r.from === 'user/helm' && (!verb || r.label.startsWith(`${verb} `)))
    .map((r) => r.label);
}

/** The helm phase records of an operation: `[phase] label`. */
export function helmPhases(c: Cluster, p: CommandProcess): string[] {
  return c.log
    .since(0)
    .filter((r) => r.opId === p.opId && r.kind === 'helm')
    .map((r) => `[${r.phase ?? ''}] ${r.label}`);
}
