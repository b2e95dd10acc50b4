/**
 * Runs an async pass now and then, never two at once: a call while a pass runs shares it. Used by
 * the chat adapters' notification delivery.
 */
export class PeriodicPass {
  private running: Promise<void> | undefined;
  private timer: NodeJS.Timeout | undefined;

  constructor(private readonly pass: () => Promise<void>, private readonly onError: (err: unknown) => void) {}

  run(): Promise<void> {
    this.running ??= this.pass()
      .catch(this.onError)
      .finally(() => (this.running = undefined));
    return this.running;
  }

  start(intervalMs: number): void {
    this.timer = setInterval(() => void this.run(), intervalMs);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    await this.running;
  }
}
