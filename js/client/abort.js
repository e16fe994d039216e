/**
 * Small helpers that make waiting interruptible by an AbortSignal, whatever the fetch
 * implementation does with the signal it is given (some custom fetches ignore it).
 */

/**
 * Sleeps `ms`, or less if `signal` aborts first.
 * @param {number} ms
 * @param {AbortSignal} [signal]
 * @returns {Promise<boolean>} true when the full time passed, false when aborted
 */
export function sleep(ms, signal) {
  return new Promise((resolve) => {
    if (signal?.aborted) return resolve(false);
    const onAbort = () => {
      clearTimeout(timer);
      resolve(false);
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve(true);
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

/** Rejection value of raceAbort when the signal wins. */
export const ABORTED = Symbol('aborted');

/**
 * Settles like `promise`, or rejects with ABORTED as soon as `signal` aborts. The promise
 * keeps a rejection handler either way, so losing the race never leaves an unhandled rejection.
 * @template T
 * @param {Promise<T>} promise
 * @param {AbortSignal} signal
 * @returns {Promise<T>}
 */
export function raceAbort(promise, signal) {
  return new Promise((resolve, reject) => {
    const onAbort = () => reject(ABORTED);
    if (signal.aborted) onAbort();
    else signal.addEventListener('abort', onAbort, { once: true });
    promise.then(
      (value) => { signal.removeEventListener('abort', onAbort); resolve(value); },
      (error) => { signal.removeEventListener('abort', onAbort); reject(error); },
    );
  });
}
