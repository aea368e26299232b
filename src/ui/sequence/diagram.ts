/**
 * Interaction records of one operation → a diagram model → mermaid `sequenceDiagram` text.
 * Pure functions, no DOM: the panel, the tests and the export all go through here.
 */
export { buildDiagram, type BuildOptions, type DiagramModel } from './model/build';
export { drawDiagram, DEFAULT_VIEW, type DrawnDiagram, type DrawnMessage, type DrawnWindow, type View } from './model/render';
export { escapeText, plainText, unescapeText } from './model/escape';
export type { Participant } from './model/participants';
export { PHASES, type PhaseId, type Flavor } from './model/types';
