/**
 * Counts DynamoDB traffic from inside the client, so nothing the SDK sends can be missed:
 * - calls: one per `send` (initialize step, outermost: runs once per command whatever the retries);
 * - attempts: one per HTTP request that reaches the wire (finalizeRequest step at low priority,
 *   i.e. inside the retry middleware, so every retry counts).
 * A TransactWriteItems or BatchGetItem is one call and one request, as DynamoDB bills and limits it.
 */
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';

export interface RequestCounter {
  /** Operation names (e.g. GetItemCommand) in the order they were sent. */
  readonly calls: string[];
  readonly attempts: number;
  reset(): void;
  detach(): void;
}

const CALLS = 'benchCountCalls';
const ATTEMPTS = 'benchCountAttempts';

export const attachRequestCounter = (client: DynamoDBDocumentClient): RequestCounter => {
  const calls: string[] = [];
  let attempts = 0;
  // The DocumentClient shares its middleware stack with the base client, so this sees every command.
  const stack = client.middlewareStack;
  stack.add(
    (next, context) => async (args) => {
      calls.push(String(context.commandName ?? 'unknown'));
      return next(args);
    },
    { step: 'initialize', priority: 'high', name: CALLS },
  );
  stack.add(
    (next) => async (args) => {
      attempts += 1;
      return next(args);
    },
    { step: 'finalizeRequest', priority: 'low', name: ATTEMPTS },
  );
  return {
    calls,
    get attempts() {
      return attempts;
    },
    reset() {
      calls.length = 0;
      attempts = 0;
    },
    detach() {
      stack.remove(CALLS);
      stack.remove(ATTEMPTS);
    },
  };
};
