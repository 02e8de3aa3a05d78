/**
 * Domain events: one interface for every domain (`invitation.created`, later `payment.settled`,
 * ...). In-process subscribers run on publish; a deployment can swap the publisher for
 * EventBridge or SQS behind the same interface. Events may carry secrets meant for delivery (an
 * invitation's accept URL): the publisher logs their type and id only, never their data.
 */
import { newId } from './ids.js';
import type { Clock } from './clock.js';
import type { RequestContext } from './context.js';
import type { Logger } from './logger.js';

export interface DomainEvent<T = Record<string, unknown>> {
  id: string;
  type: string;
  tenantId?: string;
  actor: string;
  occurredAt: string;
  data: T;
}

export type EventHandler = (event: DomainEvent) => void | Promise<void>;

export interface EventBus {
  publish(event: DomainEvent): Promise<void>;
  /** `*` receives every event. Returns a function that unsubscribes. */
  subscribe(type: string, handler: EventHandler): () => void;
}

export const createInMemoryEventBus = (logger: Logger): EventBus => {
  const handlers = new Map<string, Set<EventHandler>>();
  return {
    async publish(event) {
      logger.info('event published', { eventId: event.id, type: event.type, tenantId: event.tenantId });
      for (const handler of [...(handlers.get(event.type) ?? []), ...(handlers.get('*') ?? [])]) {
        try {
          await handler(event);
        } catch (error) {
          // A subscriber's failure is its own: the change that raised the event has happened.
          logger.error('event handler failed', { eventId: event.id, type: event.type, cause: { message: (error as Error).message } });
        }
      }
    },
    subscribe(type, handler) {
      let set = handlers.get(type);
      if (set === undefined) handlers.set(type, (set = new Set()));
      set.add(handler);
      return () => set.delete(handler);
    },
  };
};

/** Builds an event from the caller's context. */
export const domainEvent = <T extends Record<string, unknown>>(ctx: RequestContext, clock: Clock, type: string, data: T, tenantId = ctx.tenantId): DomainEvent<T> => ({
  id: newId(),
  type,
  ...(tenantId === undefined ? {} : { tenantId }),
  actor: ctx.userId,
  occurredAt: clock.now().toISOString(),
  data,
});
