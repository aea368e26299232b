/**
 * Arrow and Page keys on the timeline. The first press seeks at once (a seek back starts from
 * a parked engine and lands within a frame or a few); presses that follow within `windowMs`
 * of the last one merge into one seek to where they ended, sent when the keys stop, so holding
 * a key does not queue a rebuild per auto-repeat.
 */
export const KEY_COMMIT_MS = 250;

export interface Timers {
  set(fn: () => void, ms: number): number;
  clear(id: number | undefined): void;
}

export interface KeySeeks {
  press(ms: number): void;
  dispose(): void;
}

export function createKeySeeks(send: (ms: number) => void, timers: Timers, windowMs = KEY_COMMIT_MS): KeySeeks {
  let timer: number | undefined;
  let sent: number | undefined;
  let latest = 0;
  return {
    press(ms) {
      latest = ms;
      if (timer === undefined) {
        send(ms);
        sent = ms;
      }
      timers.clear(timer);
      timer = timers.set(() => {
        timer = undefined;
        if (latest !== sent) {
          send(latest);
          sent = latest;
        }
      }, windowMs);
    },
    dispose() {
      timers.clear(timer);
      timer = undefined;
    },
  };
}
