import type { FilterPlugin, PreFilterOutcome, PreFilterPlugin, ReservePlugin } from '../framework/interfaces';
import { SKIP } from '../framework/status';
import { PluginName } from './names';

const SKIPPED: PreFilterOutcome = { status: SKIP };

/**
 * Placeholder until storage is simulated: every pod passes (upstream skips pods without
 * PersistentVolumeClaims the same way). Keeps the extension points in the profile.
 */
export function newVolumeBinding(): PreFilterPlugin & FilterPlugin & ReservePlugin {
  return {
    name: PluginName.VolumeBinding,
    preFilter: () => SKIPPED,
    filter: () => null,
    reserve: () => null,
    unreserve: () => undefined,
  } satisfies PreFilterPlugin & FilterPlugin & ReservePlugin;
}
