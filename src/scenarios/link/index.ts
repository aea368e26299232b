/**
 * Share links. `codec` is engine-free (envelope, schema, migrations); `link` adds the
 * scenario checks (parseScenario, references to nodes) and so pulls in the engine.
 */
export { decodeLinkState, encodeLink, fragmentOf, shareUrl, type DecodeOptions, type LinkDecoded, type LinkEncoded, type LinkErrorCode, type LinkFailure } from './codec';
export { decodeLink, knownNodeNames, LINK_SCENARIO_FILE, repairReferences, type LinkOpened } from './link';
export { LINK_MIGRATIONS, type LinkMigration } from './migrations';
export type { JsonValue } from './safe-json';
export {
  EMPTY_VIEW,
  LINK_COMPONENTS,
  LINK_LIMITS,
  LINK_THEMES,
  LINK_VERSION,
  type LinkAction,
  type LinkComponent,
  type LinkPosition,
  type LinkSelection,
  type LinkState,
  type LinkTheme,
  type LinkView,
} from './state';
