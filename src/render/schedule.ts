/**
 * Work split into tasks of its own, so that no single main-thread task grows long: between
 * two tasks the browser paints and handles input. Used for big groups (100k partitions),
 * whose layout, renderer update and drawing each take a good part of a frame.
 */

/**
 * Runs `task` soon, in a task of its own (a MessageChannel message: no 4 ms timer clamp, and
 * not paused like requestAnimationFrame in a hidden tab). Returns a function that cancels it.
 */
export function scheduleTask(task: () => void): () => void {
  let cancelled = false;
  const run = () => {
    if (!cancelled) task();
  };
  if (typeof MessageChannel === 'function') {
    const channel = new MessageChannel();
    channel.port1.onmessage = () => {
      channel.port1.close();
      run();
    };
    channel.port2.postMessage(undefined);
  } else {
    setTimeout(run, 0);
  }
  return () => {
    cancelled = true;
  };
}

/** How long a slice of stepped work may run before the browser gets a turn, in ms. */
export const SLICE_MS = 8;

/**
 * Runs `steps` (a generator that yields now and then, e.g. `groupLayoutSteps`) to the end in
 * slices of about `sliceMs`, a task each, then calls `done` with what it returned. The first
 * slice runs in a task of its own too. Returns a function that stops it.
 */
export function runInSlices<T>(
  steps: Generator<void, T, void>,
  done: (value: T) => void,
  sliceMs: number = SLICE_MS,
): () => void {
  let cancel: () => void;
  const slice = () => {
    const deadline = performance.now() + sliceMs;
    for (;;) {
      const step = steps.next();
      if (step.done === true) {
        done(step.value);
        return;
      }
      if (performance.now() >= deadline) break;
    }
    cancel = scheduleTask(slice);
  };
  cancel = scheduleTask(slice);
  return () => cancel();
}

/** Runs `steps` to the end at once; returns what it returned. */
export function finish<T>(steps: Generator<void, T, void>): T {
  for (;;) {
    const step = steps.next();
    if (step.done === true) return step.value;
  }
}
