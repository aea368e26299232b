import { create } from 'zustand';

export type Selection =
  | { kind: 'node'; name: string }
  | { kind: 'pod'; key: string; namespace: string; name: string }
  | { kind: 'component'; key: string }
  | null;

export interface MenuState {
  x: number;
  y: number;
  node: string;
}

export type Theme = 'light' | 'dark';

export interface UiState {
  selection: Selection;
  menu: MenuState | null;
  theme: Theme;
  /** Positions the user dropped nodes at (canvas node id → position); layout leaves them alone. */
  pinned: ReadonlyMap<string, { x: number; y: number }>;
  showSystemPods: boolean;
  /** A message for the toolbar (a failed action, a scenario that could not be opened). */
  notice: string | null;
  /** Key of the CommandRecord of the user's last action, shown live in the command toast. */
  lastCommand: string | null;
  /** The dock tab shown (null: the first one); panels open each other through it (inspector Edit → Editor). */
  dockTab: string | null;
  dockOpen: boolean;
  select(sel: Selection): void;
  openMenu(menu: MenuState | null): void;
  setTheme(theme: Theme): void;
  pin(id: string, pos: { x: number; y: number }): void;
  toggleSystemPods(): void;
  setNotice(text: string | null): void;
  setLastCommand(key: string | null): void;
  /** Shows a dock tab, expanding the dock if it was collapsed. */
  showDockTab(id: string): void;
  setDockOpen(open: boolean): void;
}

function initialTheme(): Theme {
  if (typeof window === 'undefined') return 'light';
  const saved = window.localStorage?.getItem('kube-sandbox-theme');
  if (saved === 'light' || saved === 'dark') return saved;
  return window.matchMedia?.('(prefers-color-scheme: dark)').matches ? 'dark' : 'light';
}

export const useUi = create<UiState>()((set) => ({
  selection: null,
  menu: null,
  theme: initialTheme(),
  pinned: new Map(),
  showSystemPods: true,
  notice: null,
  lastCommand: null,
  dockTab: null,
  dockOpen: true,
  select: (selection) => set({ selection, menu: null }),
  openMenu: (menu) => set({ menu }),
  setTheme: (theme) => {
    try {
      window.localStorage?.setItem('kube-sandbox-theme', theme);
    } catch {
      // Storage may be denied (private mode); the theme still applies for this visit.
    }
    set({ theme });
  },
  pin: (id, pos) => set((s) => ({ pinned: new Map(s.pinned).set(id, pos) })),
  toggleSystemPods: () => set((s) => ({ showSystemPods: !s.showSystemPods })),
  setNotice: (notice) => set({ notice }),
  setLastCommand: (lastCommand) => set({ lastCommand }),
  showDockTab: (dockTab) => set({ dockTab, dockOpen: true }),
  setDockOpen: (dockOpen) => set({ dockOpen }),
}));

export const selectSelection = (s: UiState): Selection => s.selection;
export const selectSelect = (s: UiState): UiState['select'] => s.select;
export const selectTheme = (s: UiState): Theme => s.theme;
export const selectMenu = (s: UiState): MenuState | null => s.menu;
export const selectOpenMenu = (s: UiState): UiState['openMenu'] => s.openMenu;
export const selectPinned = (s: UiState): UiState['pinned'] => s.pinned;
export const selectPin = (s: UiState): UiState['pin'] => s.pin;
export const selectShowSystem = (s: UiState): boolean => s.showSystemPods;
export const selectNotice = (s: UiState): string | null => s.notice;
export const selectLastCommand = (s: UiState): string | null => s.lastCommand;
export const selectDockTab = (s: UiState): string | null => s.dockTab;
export const selectDockOpen = (s: UiState): boolean => s.dockOpen;
