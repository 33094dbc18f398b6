// Progress on screen during a run: one line that updates in a terminal, plain lines otherwise.

const interactive = Boolean(process.stderr.isTTY);
let open = false;

/** Says what the run is doing now; in a terminal it replaces the previous progress line. */
export function progress(text: string): void {
  if (interactive) {
    process.stderr.write(`\r\x1b[2K${text}`);
    open = true;
  } else {
    process.stderr.write(`${text}\n`);
  }
}

/** A progress reporter for counted work that speaks at most every `step` items (and at the end). */
export function counter(label: string, total: number, step = Math.max(1, Math.floor(total / 10))) {
  let said = 0;
  return (done: number) => {
    if (done - said >= step || done === total) {
      said = done;
      progress(`${label}: ${done.toLocaleString('en')} / ${total.toLocaleString('en')}`);
    }
  };
}

/** Prints a line that stays (a section's start or result). */
export function say(text: string): void {
  if (open) process.stderr.write('\n');
  open = false;
  process.stderr.write(`${text}\n`);
}
