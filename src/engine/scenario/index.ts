export { parseScenario } from './parse';
export { ScenarioRunner, runScenario, type RunOptions, type TranscriptSink } from './runner';
export { SCENARIO_API_VERSION, SCENARIO_KIND, MIGRATIONS } from './migrations';
export { formatScenarioError, SCENARIO_LIMITS, type ParseResult, type Scenario, type ScenarioError, type ScenarioStep } from './types';
