import { useState } from 'react';
import type { ObjectRef, Query } from '../../protocol/messages';
import type { DatastoreKind, WorkloadRecord } from '../../protocol/records';
import { DATASTORE_NAME, selectDatastore } from '../canvas/datastore';
import { COMPONENT_LABEL, componentLabel } from '../canvas/flow-types';
import { EditButton } from '../editor/EditButton';
import { countdown, cpuText, humanDuration, memText } from '../format';
import { selectNode, useMirror, usePod, type MirrorState } from '../mirror/store';
import { selectSelect, selectSelection, useUi, type Selection } from '../ui-store';
import { runAction } from './actions';
import { Decision } from './Decision';
import { NodeActions } from './NodeActions';
import { NodePods } from './NodePods';
import { useQuery } from './use-details';

type Tab = 'Overview' | 'YAML' | 'Events';
const TABS: readonly Tab[] = ['Overview', 'YAML', 'Events'];
const NONE = '\u0000';

function selectDeployment(ns: string, name: string | null) {
  return (s: MirrorState): WorkloadRecord | undefined => {
    if (!name) return undefined;
    for (const w of s.mirror.data.workloads.values()) if (w.kind === 'Deployment' && w.namespace === ns && w.name === name) return w;
    return undefined;
  };
}

function refOf(sel: Selection): ObjectRef | null {
  if (!sel) return null;
  switch (sel.kind) {
    case 'node':
      return { kind: 'Node', name: sel.name };
    case 'pod':
      return { kind: 'Pod', namespace: sel.namespace, name: sel.name };
    case 'component':
      return null;
  }
}

export function Inspector() {
  const selection = useUi(selectSelection);
  const select = useUi(selectSelect);
  const [tab, setTab] = useState<Tab>('Overview');
  const datastore = useMirror(selectDatastore);
  if (!selection) return null;
  const ref = refOf(selection);
  const title = selection.kind === 'node' ? `Node ${selection.name}` : selection.kind === 'pod' ? `Pod ${selection.name}` : componentTitle(selection.key, datastore);
  return (
    <aside className="k-inspector" aria-label="Inspector">
      <div className="k-inspector-head">
        <h2 className="k-inspector-title">{title}</h2>
        <button type="button" className="k-btn is-ghost" aria-label="Close inspector" onClick={() => select(null)}>
          ✕
        </button>
      </div>
      {ref ? (
        <div className="k-tabs" role="tablist" aria-label="Inspector sections">
          {TABS.map((t) => (
            <button key={t} type="button" role="tab" aria-selected={tab === t} className="k-tab" onClick={() => setTab(t)}>
              {t}
            </button>
          ))}
        </div>
      ) : null}
      <div className="k-inspector-body" role={ref ? 'tabpanel' : undefined} aria-label={ref ? tab : undefined}>
        {selection.kind === 'component' ? <ComponentInfo id={selection.key} /> : null}
        {selection.kind === 'node' ? <NodeInfo name={selection.name} tab={tab} /> : null}
        {selection.kind === 'pod' ? <PodInfo sel={selection} tab={tab} /> : null}
      </div>
    </aside>
  );
}

function componentTitle(key: string, datastore: DatastoreKind): string {
  const kind = key.slice(0, key.indexOf('/'));
  return kind in COMPONENT_LABEL ? componentLabel(kind as keyof typeof COMPONENT_LABEL, datastore) : key;
}

/** What a component does; the API server and etcd texts name the cluster's datastore. */
function componentText(kind: string, datastore: DatastoreKind): string {
  const name = DATASTORE_NAME[datastore];
  if (kind === 'apiserver') return `The only door to ${name.label}. Every component (scheduler, controllers, kubelets, kubectl) reads and watches through it.`;
  if (kind === 'etcd') return name.about;
  return COMPONENT_TEXT[kind] ?? '';
}

const COMPONENT_TEXT: Record<string, string> = {
  scheduler: 'Watches for pods without a node, filters and scores the nodes, and binds each pod to the best one.',
  'controller-manager': 'Runs the control loops: Deployments, ReplicaSets, DaemonSets, node lifecycle (NotReady, taints) and taint-based eviction.',
};

function ComponentInfo({ id }: { id: string }) {
  const rec = useMirror((s) => s.mirror.data.components.get(id));
  const datastore = useMirror(selectDatastore);
  const kind = id.slice(0, id.indexOf('/'));
  return (
    <div className="k-section">
      <p>{componentText(kind, datastore)}</p>
      {rec ? (
        <dl className="k-dl">
          {/* kine has no leader to elect: it is a library inside the one k3s process. */}
          <dt>Node</dt>
          <dd>{rec.node}</dd>
          <dt>Running</dt>
          <dd>{rec.up ? 'yes' : 'no (machine down)'}</dd>
          {kind === 'etcd' && datastore !== 'etcd' ? null : (
            <>
              <dt>Leader</dt>
              <dd>{rec.leader ? 'yes' : 'no'}</dd>
            </>
          )}
        </dl>
      ) : null}
    </div>
  );
}

function ObjectTabs({ reference, tab, version, children }: { reference: ObjectRef; tab: Tab; version: unknown; children: React.ReactNode }) {
  const objQ: Query = { kind: 'object', ref: reference };
  const evQ: Query = { kind: 'events', ref: reference };
  const obj = useQuery(objQ, 'object', version);
  const events = useQuery(tab === 'Events' ? evQ : null, 'events', version);
  const nowMs = useMirror((s) => Math.floor(s.clock.nowMs / 1000) * 1000);
  if (tab === 'YAML') {
    return (
      <>
        {obj?.found ? <EditButton reference={reference} /> : null}
        <pre className="k-yaml" aria-label="Object YAML">{obj ? (obj.found ? obj.yaml : 'Not found (deleted).') : 'Loading…'}</pre>
      </>
    );
  }
  if (tab === 'Events') {
    if (!events) return <p className="k-muted">Loading…</p>;
    if (events.events.length === 0) return <p className="k-muted">No events.</p>;
    return (
      <table className="k-table">
        <thead>
          <tr>
            <th>Age</th>
            <th>Type</th>
            <th>Reason</th>
            <th>Message</th>
          </tr>
        </thead>
        <tbody>
          {[...events.events].reverse().map((e) => (
            <tr key={e.key} className={e.type === 'Warning' ? 'is-warning' : ''}>
              <td>{humanDuration(nowMs - e.lastMs)}</td>
              <td>{e.type}</td>
              <td>{e.reason}</td>
              <td>{e.message}</td>
            </tr>
          ))}
        </tbody>
      </table>
    );
  }
  return (
    <>
      {children}
      {obj && obj.found ? (
        <>
          <h3 className="k-h3">Conditions</h3>
          {obj.conditions.length === 0 ? (
            <p className="k-muted">None.</p>
          ) : (
            <table className="k-table" aria-label="Conditions">
              <tbody>
                {obj.conditions.map((c) => (
                  <tr key={c.type}>
                    <td>{c.type}</td>
                    <td className={c.status === 'True' ? 'is-ok' : 'is-bad'}>{c.status}</td>
                    <td title={c.message}>{c.reason}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
          <h3 className="k-h3">Labels</h3>
          <div className="k-labels">
            {Object.entries(obj.labels).map(([k, v]) => (
              <code key={k}>
                {k}={v}
              </code>
            ))}
          </div>
        </>
      ) : null}
    </>
  );
}

function NodeInfo({ name, tab }: { name: string; tab: Tab }) {
  const node = useMirror(selectNode(name));
  if (!node) return <p className="k-muted">Node {name} is gone.</p>;
  return (
    <ObjectTabs reference={{ kind: 'Node', name }} tab={tab} version={node}>
      <NodeActions node={node} />
      <dl className="k-dl">
        <dt>Status</dt>
        <dd>{node.status}</dd>
        <dt>Machine</dt>
        <dd>{node.machineUp ? 'powered on' : 'powered off'}</dd>
        <dt>CPU</dt>
        <dd>
          {cpuText(node.requested.cpuMillis)} of {cpuText(node.allocatable.cpuMillis)} requested
        </dd>
        <dt>Memory</dt>
        <dd>
          {memText(node.requested.memoryBytes)} of {memText(node.allocatable.memoryBytes)} requested
        </dd>
        <dt>Pods</dt>
        <dd>
          {node.requested.pods} of {node.allocatable.pods}
        </dd>
      </dl>
      <h3 className="k-h3">Taints</h3>
      {node.taints.length === 0 ? (
        <p className="k-muted">None.</p>
      ) : (
        <div className="k-labels" aria-label="Taints">
          {node.taints.map((t) => (
            <code key={t} className={t.endsWith(':NoExecute') ? 'is-noexecute' : ''}>
              {t}
            </code>
          ))}
        </div>
      )}
      <NodePods name={name} />
    </ObjectTabs>
  );
}

function PodInfo({ sel, tab }: { sel: Extract<Selection, { kind: 'pod' }>; tab: Tab }) {
  const pod = usePod(sel.key);
  const nowMs = useMirror((s) => s.clock.nowMs);
  const deployment = useMirror(selectDeployment(sel.namespace, pod?.workloadKind === 'Deployment' ? pod.workloadName : null));
  const decisionQ: Query = { kind: 'decision', namespace: sel.namespace, pod: sel.name };
  const decision = useQuery(pod && tab === 'Overview' ? decisionQ : null, 'decision', pod?.node ?? NONE);
  if (!pod) return <p className="k-muted">Pod {sel.name} is gone.</p>;
  return (
    <ObjectTabs reference={{ kind: 'Pod', namespace: sel.namespace, name: sel.name }} tab={tab} version={pod}>
      <div className="k-actions">
        <button type="button" className="k-btn is-danger" onClick={() => runAction({ kind: 'deletePod', namespace: pod.namespace, pod: pod.name })}>
          Delete
        </button>
      </div>
      {deployment ? <ScaleControl deployment={deployment} /> : null}
      <dl className="k-dl">
        <dt>Status</dt>
        <dd>
          {pod.status} ({pod.readyText} ready{pod.restarts ? `, ${pod.restarts} restarts` : ''})
        </dd>
        <dt>Node</dt>
        <dd>{pod.node ?? '<none>'}</dd>
        <dt>Owner</dt>
        <dd>{pod.ownerKind ? `${pod.ownerKind} ${pod.ownerName}` : '<none>'}{pod.workloadKind && pod.workloadKind !== pod.ownerKind ? ` (${pod.workloadKind} ${pod.workloadName})` : ''}</dd>
        <dt>Namespace</dt>
        <dd>{pod.namespace}</dd>
        {pod.evictAtMs !== null && pod.deleteAtMs === null ? (
          <>
            <dt>Eviction</dt>
            <dd className="is-bad">evicted in {countdown(pod.evictAtMs - nowMs)} (NoExecute taint, tolerationSeconds)</dd>
          </>
        ) : null}
      </dl>
      <h3 className="k-h3">{pod.node ? 'Why this node' : 'Why Pending'}</h3>
      <Decision body={decision} nodeName={pod.node} />
    </ObjectTabs>
  );
}

function ScaleControl({ deployment }: { deployment: WorkloadRecord }) {
  const [replicas, setReplicas] = useState(String(deployment.desired));
  const n = Number(replicas);
  const valid = Number.isInteger(n) && n >= 0 && n <= 10_000;
  return (
    <form
      className="k-scale"
      onSubmit={(e) => {
        e.preventDefault();
        if (valid) runAction({ kind: 'scale', namespace: deployment.namespace, deployment: deployment.name, replicas: n });
      }}
    >
      <label>
        <span>
          Deployment <strong>{deployment.name}</strong> replicas
        </span>
        <input type="number" min={0} max={10000} value={replicas} aria-label="Replicas" onChange={(e) => setReplicas(e.target.value)} />
      </label>
      <button type="submit" className="k-btn" disabled={!valid}>
        Scale
      </button>
    </form>
  );
}
