/**
 * Lets pending promise continuations run: one round trip through a MessageChannel, a macrotask,
 * which the host runs only after every queued microtask. It reads no clock and schedules nothing
 * in virtual time; the port is closed at the end of the run so it never keeps a host alive.
 */
export function channelDrain(): { drain: () => Promise<void>; close: () => void } {
  const channel = new MessageChannel();
  let wake: (() => void) | null = null;
  channel.port1.onmessage = () => {
    const w = wake;
    wake = null;
    w?.();
  };
  return {
    drain: () => new Promise<void>((resolve) => {
      wake = resolve;
      channel.port2.postMessage(0);
    }),
    close: () => {
      channel.port1.onmessage = null;
      channel.port1.close();
      channel.port2.close();
    },
  };
}
