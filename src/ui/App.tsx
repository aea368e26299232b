import { ReactFlowProvider } from '@xyflow/react';
import { useEffect } from 'react';
import { Canvas } from './canvas/Canvas';
import { FirstPaintMark } from './first-paint';
import { Banner } from './panels/Banner';
import { BottomDock } from './panels/BottomDock';
import { CommandToast } from './panels/CommandToast';
import { ContextMenu } from './panels/ContextMenu';
import { Inspector } from './panels/Inspector';
import { Toolbar } from './panels/Toolbar';
import { SessionSync } from './share/SessionSync';
import { Timeline } from './timeline/Timeline';
import { selectTheme, useUi } from './ui-store';

function useThemeClass(): void {
  const theme = useUi(selectTheme);
  useEffect(() => {
    document.documentElement.classList.toggle('dark', theme === 'dark');
    document.documentElement.style.colorScheme = theme;
  }, [theme]);
}

/**
 * The page layout, as slots:
 *   toolbar                                   (top)
 *   stage: canvas (+ overlays) / bottom dock  (left; the dock holds Events, later Console…)
 *   inspector                                 (right, when something is selected)
 * Floating UI (context menu) sits outside the grid.
 */
export function App() {
  useThemeClass();
  return (
    <ReactFlowProvider>
      <div className="k-app">
        <Toolbar />
        <Banner />
        <SessionSync />
        <main className="k-main">
          <div className="k-stage">
            <div className="k-stage-canvas">
              <Canvas />
              <CommandToast />
            </div>
            <Timeline />
            <BottomDock />
          </div>
          <Inspector />
        </main>
        <ContextMenu />
        <FirstPaintMark />
      </div>
    </ReactFlowProvider>
  );
}
