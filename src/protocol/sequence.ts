import type { Interaction, Operation } from '../engine/log/interaction-log';

/**
 * The sequence panel's data: the engine's own interaction records and user operations,
 * passed through unchanged (plain frozen data). Types only: the page never runs engine code.
 */
export type InteractionRecord = Interaction;
export type InteractionKindName = Interaction['kind'];
export type OperationRecord = Operation;

/** Most records one `interactions` reply carries; the rest is reported as truncated. */
export const MAX_SEQUENCE_RECORDS = 8000;
