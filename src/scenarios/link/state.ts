/** What a share link carries, and the limits that apply to it. */

/** A command the user ran in the page, at scenario time `atMs` (replayed like a timeline step). */
export interface LinkAction {
  readonly atMs: number;
  readonly run: string;
}

export interface LinkPosition {
  readonly x: number;
  readonly y: number;
}

export const LINK_COMPONENTS = ['apiserver', 'etcd', 'scheduler', 'controller-manager'] as const;
export type LinkComponent = (typeof LINK_COMPONENTS)[number];

export type LinkSelection =
  | { readonly kind: 'node'; readonly name: string }
  | { readonly kind: 'pod'; readonly namespace: string; readonly name: string }
  | { readonly kind: 'component'; readonly component: LinkComponent; readonly node: string };

export const LINK_THEMES = ['light', 'dark'] as const;
export type LinkTheme = (typeof LINK_THEMES)[number];

export interface LinkView {
  /** Where the user dropped nodes on the canvas, by Node name (control-plane or worker). */
  readonly positions: Readonly<Record<string, LinkPosition>>;
  /** Open panels by id (`events`, `inspector`, …), in the order they were opened. */
  readonly panels: readonly string[];
  readonly selected: LinkSelection | null;
  readonly theme: LinkTheme | null;
}

export interface LinkState {
  /** The scenario's YAML text, exactly as imported or exported. */
  readonly scenario: string;
  /** In time order; ties keep the order they were recorded in. */
  readonly actions: readonly LinkAction[];
  /** The simulated moment the link opens at, in ms of scenario time. */
  readonly timeMs: number;
  readonly view: LinkView;
}

/** The format this build writes. Older ones are migrated on the way in (see migrations.ts). */
export const LINK_VERSION = 1;

const WEEK_MS = 7 * 24 * 3_600_000;

export const LINK_LIMITS = {
  /** The fragment is refused before any decoding past this. */
  fragmentChars: 64 * 1024,
  /** Inflating stops here (decompression bombs). */
  inflatedBytes: 1024 * 1024,
  /** The page warns that some apps cut links this long. */
  warnChars: 8 * 1024,
  jsonDepth: 16,
  jsonEntries: 5000,
  /** Same as SCENARIO_LIMITS (checked by a test): a link is a scenario plus its user's steps. */
  scenarioChars: 1024 * 1024,
  actions: 1000,
  commandChars: 10_000,
  timeMs: WEEK_MS,
  positions: 5000,
  /** |x| and |y| on the canvas, in px. */
  coordinate: 1_000_000,
  panels: 16,
  nameChars: 253,
} as const;

export const EMPTY_VIEW: LinkView = { positions: {}, panels: [], selected: null, theme: null };
