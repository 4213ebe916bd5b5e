import { K_FAULT } from "../core/event-kinds";

/** A fault (or its undo) at a scripted or triggered time: the world runs it when it is due. */
export class FaultEvent {
  readonly k = K_FAULT;
  constructor(readonly run: () => void) {}
}
