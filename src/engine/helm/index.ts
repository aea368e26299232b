/**
 * Helm in the engine: charts as data, values merging, the Go-template renderer, manifest
 * ordering and the built-in chart repositories. The `helm` command verbs and the release
 * installer build on these.
 */
export { loadChart, parseChartYaml, type Chart, type ChartFiles, type ChartMetadata, type LoadResult } from './chart';
export { mergeUserValues, coalesceValues, mergeMaps, type UserValuesInput, type ValueFile } from './values';
export { parseSetInto, typedVal } from './strvals';
export { renderChart, renderFiles, type RenderedRelease, type RenderChartResult } from './render';
export { DEFAULT_API_VERSIONS, HELM_VERSION, type CapabilitiesInput, type ReleaseInfo } from './render-context';
export { formatManifests, formatTemplateOutput, sortManifests, splitManifests, HOOK_EVENTS, type HelmHook, type HookEvent, type Manifest, type ManifestHead } from './manifests';
export { INSTALL_ORDER, UNINSTALL_ORDER, sortByKind } from './install-order';
export { checkOwnership, withReleaseMetadata, MANAGED_BY_LABEL, RELEASE_NAME_ANNOTATION, RELEASE_NAMESPACE_ANNOTATION } from './release-metadata';
export { DEFAULT_REPOS, KNOWN_REPOSITORIES, repoAdd, repoList, repoRemove, repoUpdate, resolveChart, searchRepo, showChart, showValues, type RepoEntry } from './repo';
export { uitable } from './uitable';
export { marshalYaml } from './yaml/emit';
export { parseYaml } from './yaml/parse';
export { SPLUNK_OTEL_COLLECTOR_CHART } from './charts/splunk-otel-collector';
export { WEBAPP_CHART } from './charts/webapp';
export { DEFAULT_LIMITS, fromGoValue, toGoValue, renderTemplateString, type GoMap, type GoValue, type RenderLimits } from './template';
