/** Time is injected so that expiry rules can be tested without sleeping. */
export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

export const isoNow = (clock: Clock): string => clock.now().toISOString();

/** A clock whose time only moves when told to (tests, simulations). */
export const fixedClock = (start: Date | string): Clock & { advance(ms: number): void; set(at: Date | string): void } => {
  let current = new Date(start).getTime();
  return {
    now: () => new Date(current),
    advance: (ms: number) => {
      current += ms;
    },
    set: (at: Date | string) => {
      current = new Date(at).getTime();
    },
  };
};
