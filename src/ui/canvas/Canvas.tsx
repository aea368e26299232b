import './canvas.css';
import {
  applyNodeChanges, Background, ConnectionMode, Controls, MiniMap, ReactFlow, type Edge, type NodeChange, type NodeMouseHandler,
} from '@xyflow/react';
import { useCallback, useMemo, useRef, useState } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { selectPendingCount, useMirror, type MirrorState } from '../mirror/store';
import { selectOpenMenu, selectPin, selectPinned, selectSelect, selectShowSystem, selectTheme, useUi } from '../ui-store';
import { buildNodes } from './build';
import { buildEdges, hasRegistry } from './edges';
import type { CanvasNode } from './flow-types';
import { FlowEdgeView } from './FlowEdgeView';
import { controlPlaneGeometry, isCompact, workerGeometry, type LayoutInput } from './layout';
import { selectDatastore } from './datastore';
import { FIT_OPTIONS, FitOnLoad } from './FitOnLoad';
import { PendingNode } from './PendingNode';
import { ComponentNode, PoolNode, RegistryNode, TerminalNode } from './simple-nodes';
import { ControlPlaneNode } from './ControlPlaneNode';
import { NO_ROWS, settleRows, type HeldRows } from './stable-rows';
import { isCanvasPod } from './visible-pods';
import { WorkerNode } from './WorkerNode';
import { TrafficEdgeView } from '../traffic/TrafficEdge';
import { TrafficEndNode } from '../traffic/TrafficEndNode';
import { TrafficLegend } from '../traffic/TrafficLegend';
import { TrafficParticles } from '../traffic/TrafficParticles';
import { SpanFocus } from '../traces/SpanFocus';
import { withTrafficNodes, type TrafficEnds } from '../traffic/traffic-nodes';
import { useTrafficCanvas } from '../traffic/use-traffic-canvas';

const nodeTypes = { worker: WorkerNode, controlPlane: ControlPlaneNode, component: ComponentNode, terminal: TerminalNode, registry: RegistryNode, pending: PendingNode, pool: PoolNode, trafficEnd: TrafficEndNode };
const edgeTypes = { flow: FlowEdgeView, traffic: TrafficEdgeView };
const PRO_OPTIONS = { hideAttribution: true };
/** Past this many nodes, off-screen ones are not rendered (mounting on pan is cheaper than keeping them). */
const CULL_NODES = 300;
const MINIMAP_STYLE = { width: 150, height: 96 };

/** Pods drawn per worker, then per control plane (counted, not copied: this runs on every delivery). */
function makeCountsSelector(showSystem: boolean) {
  return (s: MirrorState): number[] =>
    [...s.workerNames, ...s.controlPlaneNames].map((n) => {
      let count = 0;
      for (const p of s.podsByNode.get(n) ?? []) if (isCanvasPod(p, showSystem)) count++;
      return count;
    });
}
const countsSelectors = [makeCountsSelector(false), makeCountsSelector(true)] as const;
const selectFlows = (s: MirrorState) => s.flows;

function selectNodeIfNew(name: string): void {
  const ui = useUi.getState();
  if (ui.selection?.kind !== 'node' || ui.selection.name !== name) ui.select({ kind: 'node', name });
}

function minimapColor(n: CanvasNode): string {
  return n.type === 'worker' ? 'var(--k-minimap-node)' : n.type === 'controlPlane' ? 'var(--k-minimap-cp)' : 'transparent';
}

export function Canvas() {
  const workers = useMirror((s) => s.workerNames);
  const cps = useMirror((s) => s.controlPlaneNames);
  const showSystem = useUi(selectShowSystem);
  const counts = useMirror(useShallow(countsSelectors[showSystem ? 1 : 0]));
  const pinned = useUi(selectPinned);
  const pin = useUi(selectPin);
  const select = useUi(selectSelect);
  const openMenu = useUi(selectOpenMenu);
  const theme = useUi(selectTheme);

  const flows = useMirror(selectFlows);
  const datastore = useMirror(selectDatastore);
  const pendingRows = Math.ceil(useMirror(selectPendingCount) / 2);
  const registry = useMemo(() => hasRegistry(flows.map), [flows]);
  const compact = isCompact(workers.length, counts.reduce((a, b) => a + b, 0));
  const cols = workerGeometry(compact).cols;
  const cpCols = controlPlaneGeometry(compact).cols;
  // The layout only changes when a node gains or loses a row of pods, not on every pod, and
  // under churn not even then (stable-rows.ts): rows are held until two stand empty.
  const needed = counts.map((n, i) => Math.ceil(n / (i < workers.length ? cols : cpCols)));
  const [held, setHeld] = useState<HeldRows>(NO_ROWS);
  const settled = settleRows(held, workers, cps, compact, needed);
  if (settled !== held) setHeld(settled);
  const rowsKey = settled.rows.join(',');
  const input: LayoutInput = useMemo(() => {
    const rows = rowsKey ? rowsKey.split(',').map(Number) : [];
    return {
      compact,
      controlPlanes: cps.map((name, i) => ({ name, pods: (rows[workers.length + i] ?? 0) * cpCols })),
      workers: workers.map((name, i) => ({ name, pods: (rows[i] ?? 0) * cols })),
      registry,
      pending: pendingRows * 2,
      datastore,
    };
  }, [compact, cps, workers, rowsKey, cols, cpCols, registry, pendingRows, datastore]);

  // Derived state: rebuild canvas nodes when the topology changes, keep them across drags.
  const traffic = useTrafficCanvas(cps, workers);
  const [state, setState] = useState<{ input: LayoutInput | null; pinned: typeof pinned | null; ends?: TrafficEnds; nodes: CanvasNode[] }>({ input: null, pinned: null, nodes: [] });
  let nodes = state.nodes;
  if (state.input !== input || state.pinned !== pinned || state.ends !== traffic.ends) {
    nodes = withTrafficNodes(buildNodes(input, pinned, state.nodes), traffic.ends, pinned, state.nodes);
    setState({ input, pinned, ends: traffic.ends, nodes });
  }

  // Users and the observability backend joining the canvas change its extent too.
  const fitKey = useMemo(() => ({ input, ends: traffic.ends }), [input, traffic.ends]);
  const baseEdges = useMemo(() => buildEdges(cps, workers, registry, flows.map), [cps, workers, registry, flows]);
  const edges = useMemo<Edge[]>(() => [...baseEdges, ...traffic.edges], [baseEdges, traffic.edges]);

  const onNodesChange = useCallback(
    (changes: NodeChange<CanvasNode>[]) => {
      setState((s) => ({ ...s, nodes: applyNodeChanges(changes, s.nodes) }));
      for (const ch of changes) {
        if (ch.type === 'position' && ch.dragging === false && ch.position) pin(ch.id, ch.position);
        // Keyboard selection (Tab to a node, Enter) opens the inspector as a click does.
        if (ch.type === 'select' && ch.selected && ch.id.startsWith('node/')) selectNodeIfNew(ch.id.slice(5));
        else if (ch.type === 'select' && ch.selected && ch.id.startsWith('cp/')) selectNodeIfNew(ch.id.slice(3));
      }
    },
    [pin],
  );

  const onNodeClick: NodeMouseHandler<CanvasNode> = useCallback(
    (_e, n) => {
      if (n.type === 'worker') select({ kind: 'node', name: n.data.name });
      else if (n.type === 'component') select({ kind: 'component', key: `${n.data.kind}/${n.data.node}` });
      else if (n.type === 'controlPlane') select({ kind: 'node', name: n.data.name });
    },
    [select],
  );

  const onNodeContextMenu: NodeMouseHandler<CanvasNode> = useCallback(
    (e, n) => {
      if (n.type !== 'worker' && n.type !== 'controlPlane') return;
      e.preventDefault();
      openMenu({ x: e.clientX, y: e.clientY, node: n.data.name });
    },
    [openMenu],
  );

  const onPaneClick = useCallback(() => openMenu(null), [openMenu]);
  // A move with an input event is the user's (pan, zoom, minimap); fitView's own moves have none.
  const [userMoved, setUserMoved] = useState(false);
  const wrapper = useRef<HTMLDivElement>(null);
  const onMoveStart = useCallback((event: MouseEvent | TouchEvent | null) => {
    if (event) setUserMoved(true);
  }, []);
  // Once a drag really pans (not at mousedown: a plain click must still reach the pane, and
  // not for a wheel zoom, whose events the pane must keep receiving), a shield covers the
  // canvas: each pointer move then hit-tests one box instead of the whole graph.
  const onMove = useCallback((event: MouseEvent | TouchEvent | null) => {
    if (event && (event.type === 'mousemove' || event.type === 'touchmove')) wrapper.current?.classList.add('is-panning');
  }, []);
  const onMoveEnd = useCallback(() => wrapper.current?.classList.remove('is-panning'), []);
  // Arranging nodes is taking over the view too: no refit may move what the user just placed.
  const onNodeDragStart = useCallback(() => setUserMoved(true), []);
  // The zoom buttons move the view without an input event on the pane: theirs too.
  const onUserZoom = onNodeDragStart;

  return (
    <div className="k-canvas" aria-label="Cluster canvas" role="region" ref={wrapper}>
      <ReactFlow<CanvasNode>
        nodes={nodes}
        edges={edges}
        nodeTypes={nodeTypes}
        edgeTypes={edgeTypes}
        onNodesChange={onNodesChange}
        onNodeClick={onNodeClick}
        onNodeContextMenu={onNodeContextMenu}
        onPaneClick={onPaneClick}
        connectionMode={ConnectionMode.Loose}
        nodesConnectable={false}
        edgesFocusable={false}
        elementsSelectable
        deleteKeyCode={null}
        colorMode={theme}
        fitView
        fitViewOptions={FIT_OPTIONS}
        onMoveStart={onMoveStart}
        onMove={onMove}
        onMoveEnd={onMoveEnd}
        onNodeDragStart={onNodeDragStart}
        onlyRenderVisibleElements={workers.length > CULL_NODES}
        minZoom={0.05}
        maxZoom={2}
        proOptions={PRO_OPTIONS}
      >
        {/* The dot grid repaints the whole pane on every pan frame: small clusters only. */}
        {compact ? null : <Background gap={24} size={1} />}
        {/* At the fitted view everything is on screen and a minimap would only hide a corner of it. */}
        {userMoved ? <MiniMap position="top-right" pannable zoomable nodeColor={minimapColor} ariaLabel="Minimap" style={MINIMAP_STYLE} /> : null}
        <FitOnLoad userMoved={userMoved} layoutKey={fitKey} />
        <Controls showInteractive={false} onZoomIn={onUserZoom} onZoomOut={onUserZoom} />
        <TrafficLegend />
        <TrafficParticles edges={traffic.edges} />
        <SpanFocus />
      </ReactFlow>
    </div>
  );
}
