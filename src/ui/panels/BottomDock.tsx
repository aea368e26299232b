import type { ReactNode } from 'react';
import { CommandLine } from '../console/CommandLine';
import { ConsolePanel } from '../console/ConsolePanel';
import { EditorDockPanel } from '../editor/EditorDockPanel';
import { SequenceDockPanel } from '../sequence/SequenceDockPanel';
import { TracesPanel } from '../traces/TracesPanel';
import { selectDockOpen, selectDockTab, useUi } from '../ui-store';
import { EventsPanel } from './EventsPanel';

/**
 * The panel area under the canvas: one tab per panel. New panels (the console, traces) are
 * one entry in DOCK_PANELS; the layout does not change.
 */
export interface DockPanel {
  id: string;
  label: string;
  render(): ReactNode;
}

export const DOCK_PANELS: readonly DockPanel[] = [
  { id: 'events', label: 'Events', render: () => <EventsPanel /> },
  { id: 'sequence', label: 'Sequence', render: () => <SequenceDockPanel /> },
  { id: 'console', label: 'Console', render: () => <ConsolePanel /> },
  { id: 'editor', label: 'Editor', render: () => <EditorDockPanel /> },
  { id: 'traces', label: 'Traces', render: () => <TracesPanel /> },
];

export function BottomDock({ panels = DOCK_PANELS }: { panels?: readonly DockPanel[] }) {
  const active = useUi(selectDockTab) ?? panels[0]?.id ?? '';
  const open = useUi(selectDockOpen);
  const { showDockTab: setActive, setDockOpen: setOpen } = useUi.getState();
  const panel = panels.find((p) => p.id === active) ?? panels[0];
  return (
    <section className={`k-dock ${open ? '' : 'is-closed'}`} aria-label="Panels">
      <div className="k-dock-bar">
        <div className="k-dock-tabs" role="tablist" aria-label="Panels">
          {panels.map((p) => (
            <button
              key={p.id}
              type="button"
              role="tab"
              aria-selected={p.id === panel?.id}
              className="k-tab"
              onClick={() => {
                setActive(p.id);
                setOpen(true);
              }}
            >
              {p.label}
            </button>
          ))}
        </div>
        <button type="button" className="k-btn is-ghost k-dock-toggle" aria-expanded={open} aria-label={open ? 'Collapse panels' : 'Expand panels'} onClick={() => setOpen(!open)}>
          {open ? '▾' : '▴'}
        </button>
      </div>
      {open && panel ? <div className="k-dock-body">{panel.render()}</div> : null}
      {/* The command line stays under every panel: a terminal prompt is always at hand. */}
      {open ? <CommandLine /> : null}
    </section>
  );
}
