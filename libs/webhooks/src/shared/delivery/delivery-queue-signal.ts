import { Injectable } from '@nestjs/common';

/** Wakes the delivery worker when the read model has queued or rescheduled a delivery, instead of waiting for its next look. */
@Injectable()
export class DeliveryQueueSignal {
  private listener: (() => void) | null = null;

  listen(listener: () => void): void {
    this.listener = listener;
  }

  /** Called inside the projection's transaction: the listener runs after it, on a later turn. */
  notify(): void {
    if (this.listener) setImmediate(this.listener);
  }
}
