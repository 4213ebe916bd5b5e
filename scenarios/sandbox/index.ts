export { virtualTime, virtualTimeCatalog, isVirtualTime } from "./virtual-time";
export { VIRTUAL_EPOCH_MS } from "./process-scope";
export { sandboxInstalled } from "./host-globals";
