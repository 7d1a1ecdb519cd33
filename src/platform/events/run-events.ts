import { Global, Injectable, Logger, Module, OnModuleDestroy } from '@nestjs/common';
import { EventEmitter } from 'node:events';
import { Redis } from 'ioredis';
import { AppConfig } from '../config/app-config';

/** Redis channel the workers announce changes on; every API process listens. */
export const RUN_EVENTS_CHANNEL = 'kube-netlab:run-events';

/** What changed: `run:<id>`, `submission:<id>`, `classroom:<id>`, `regrade:<id>`. */
export interface RunEvent {
  topic: string;
  status: string;
}

/** Resolves `changed(ms)` once an event came since the last call, or after `ms`. */
export interface TopicWatch {
  changed(ms: number): Promise<void>;
}

/**
 * Changes across processes (a run's or a grade's status): a worker publishes on Redis
 * pub/sub, each API process subscribes once and hands events to the GraphQL subscriptions
 * waiting on that topic. Events are hints that something changed; subscribers read the
 * thing itself, so a lost event costs only latency (subscriptions also re-read on a timer).
 */
@Injectable()
export class RunEvents implements OnModuleDestroy {
  private readonly logger = new Logger(RunEvents.name);
  private publisher?: Redis;
  private subscriber?: Redis;
  private readonly emitter = new EventEmitter();

  constructor(private readonly config: AppConfig) {
    this.emitter.setMaxListeners(0);
  }

  publish(event: RunEvent): void {
    this.publisher ??= this.connect();
    this.publisher.publish(RUN_EVENTS_CHANNEL, JSON.stringify(event)).catch((error: Error) => this.logger.warn(`run event not published: ${error.message}`));
  }

  /**
   * Watches a topic until `signal` aborts. Events raise a flag rather than queue up: however
   * many arrived (a class's worth of grades), the watcher re-reads once.
   */
  watch(topic: string, signal: AbortSignal): TopicWatch {
    this.subscribe();
    let raised = false;
    let wake: (() => void) | undefined;
    const onEvent = () => {
      raised = true;
      wake?.();
    };
    this.emitter.on(topic, onEvent);
    signal.addEventListener('abort', () => this.emitter.off(topic, onEvent), { once: true });
    return {
      changed: (ms: number) =>
        new Promise<void>((resolve) => {
          const done = () => {
            clearTimeout(timer);
            wake = undefined;
            raised = false;
            resolve();
          };
          const timer = setTimeout(done, raised ? 0 : ms);
          wake = done;
        }),
    };
  }

  /**
   * A subscription's stream: listens first, then reads, so that no change between the two
   * is missed; each event (or `recheckMs` passing, in case one was lost) reads again, at most
   * every `pauseMs`; yields a value when its `key` changed, until `done`.
   */
  async *follow<T>(topic: string, read: () => Promise<T>, options: { done: (value: T) => boolean; key?: (value: T) => string; recheckMs?: number; pauseMs?: number }): AsyncIterableIterator<T> {
    const { done, key = (value: T) => JSON.stringify(value), recheckMs = 10_000, pauseMs = 0 } = options;
    const stop = new AbortController();
    const watch = this.watch(topic, stop.signal);
    try {
      let last: string | undefined;
      for (;;) {
        const value = await read();
        const current = key(value);
        if (current !== last) {
          last = current;
          yield value;
        }
        if (done(value)) return;
        await watch.changed(recheckMs);
        if (pauseMs > 0) await new Promise((resolve) => setTimeout(resolve, pauseMs));
      }
    } finally {
      stop.abort();
    }
  }

  private subscribe(): void {
    if (this.subscriber) return;
    this.subscriber = this.connect();
    void this.subscriber.subscribe(RUN_EVENTS_CHANNEL).catch((error: Error) => this.logger.warn(`run events: ${error.message}`));
    this.subscriber.on('message', (_channel: string, message: string) => {
      try {
        const event = JSON.parse(message) as RunEvent;
        this.emitter.emit(event.topic, event);
      } catch {
        // not ours
      }
    });
  }

  async onModuleDestroy(): Promise<void> {
    this.publisher?.disconnect();
    this.subscriber?.disconnect();
  }

  private connect(): Redis {
    const redis = new Redis(this.config.redisUrl, { maxRetriesPerRequest: 1 });
    redis.on('error', (error: Error) => this.logger.warn(`redis: ${error.message}`));
    return redis;
  }
}

@Global()
@Module({ providers: [RunEvents], exports: [RunEvents] })
export class RunEventsModule {}
