// Test helper: a binding that is down. Every method throws, as a D1 or queue binding does during an outage.

/** A stand-in for any binding (D1, Queue) whose every method call throws `<what> is unavailable`. */
export function unavailable(what: string): D1Database & Queue {
  return new Proxy(
    {},
    {
      get: (_target, property) =>
        // Not thenable: awaiting the binding itself must not call it.
        property === "then"
          ? undefined
          : () => {
              throw new Error(`${what} is unavailable`);
            },
    },
  ) as D1Database & Queue;
}
