/**
 * Runs an async pass now and then, never two at once. A call while a pass runs is answered by one
 * more pass right after it (however many calls came), since the running one may already have
 * looked past what the caller wants delivered. Used by the chat adapters' notification delivery.
 */
export class PeriodicPass {
  private running: Promise<void> | undefined;
  private again = false;
  private timer: NodeJS.Timeout | undefined;

  constructor(private readonly pass: () => Promise<void>, private readonly onError: (err: unknown) => void) {}

  /** Resolves when a pass that started after this call has finished. */
  run(): Promise<void> {
    if (this.running) {
      this.again = true;
      return this.running;
    }
    this.running = (async () => {
      do {
        this.again = false;
        await this.pass().catch(this.onError);
      } while (this.again);
    })().finally(() => (this.running = undefined));
    return this.running;
  }

  start(intervalMs: number): void {
    this.timer = setInterval(() => void this.run(), intervalMs);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.again = false;
    await this.running;
  }
}
