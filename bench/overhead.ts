/**
 * Target 1, overhead: a warm GET /users/{userId} through the whole Lambda handler (event parsing,
 * JWT check, tenant and membership gate, validation, service, store, response) against the one
 * bare GetCommand that fetches the same item. Both run in this process, interleaved call by call,
 * so that whatever the shared machine is doing at a moment slows both alike.
 */
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { createLambdaHandler } from '../src/core/http/lambda.js';
import { primaryKeyOf } from '../src/core/store/entity.js';
import { userEntity } from '../src/domains/tenancy/models/user.js';
import { getUserRoute } from '../src/domains/tenancy/routes/users/get-user.js';
import { gatewayEvent, lambdaContext } from './lib/event.js';
import type { Fixture } from './lib/fixture.js';
import { median, round, summarize, type Summary } from './lib/stats.js';

export const OVERHEAD_LIMIT = 1.15;

export interface OverheadResult {
  iterations: number;
  warmup: number;
  handlerMs: Summary;
  bareMs: Summary;
  /** median(handler) / median(bare): the contract figure. */
  ratioOfMedians: number;
  /** Median of per-pair ratios: a cross-check that is less sensitive to drift over the run. */
  medianPairRatio: number;
  /** Median of per-pair differences: what the SDK adds in absolute terms, independent of how fast the store is. */
  addedMsMedian: number;
}

const summaryMs = (samples: number[]): Summary => {
  const s = summarize(samples);
  return { n: s.n, median: round(s.median), p90: round(s.p90), min: round(s.min) };
};

export const measureOverhead = async (fixture: Fixture, options: { iterations: number; warmup: number }): Promise<OverheadResult> => {
  const { runtime, tenantId, memberId, token } = fixture;
  const handler = createLambdaHandler([getUserRoute], { runtime });
  const context = lambdaContext('tenancy-get-user');
  const path = `/users/${memberId}`;
  // The key exactly as the store derives it and ConsistentRead as the store sends it, so both sides
  // ask DynamoDB for the same work and the difference is the SDK's own code.
  const bareInput = { TableName: fixture.tableName, Key: primaryKeyOf(userEntity, { tenantId, id: memberId }), ConsistentRead: true };

  const viaHandler = async (): Promise<number> => {
    // A fresh event per call, as Lambda delivers; built before the clock starts.
    const event = gatewayEvent({ method: 'GET', path, token });
    const started = performance.now();
    const result = await handler(event, context);
    const elapsed = performance.now() - started;
    if (result.statusCode !== 200) throw new Error(`GET ${path} answered ${result.statusCode}: ${result.body ?? ''}`);
    return elapsed;
  };
  const bare = async (): Promise<number> => {
    const started = performance.now();
    const out = await runtime.client.send(new GetCommand(bareInput));
    const elapsed = performance.now() - started;
    if (out.Item === undefined) throw new Error('The bare GetCommand found no item: the key template and the store disagree.');
    return elapsed;
  };

  // Warm-up: JIT for both paths, the token-verification cache, the access cache, the keep-alive socket.
  for (let i = 0; i < options.warmup; i++) {
    await viaHandler();
    await bare();
  }

  const handlerMs: number[] = [];
  const bareMs: number[] = [];
  for (let i = 0; i < options.iterations; i++) {
    // Alternate which goes first, so neither always benefits from the other having just warmed a cache line or socket.
    if (i % 2 === 0) {
      handlerMs.push(await viaHandler());
      bareMs.push(await bare());
    } else {
      bareMs.push(await bare());
      handlerMs.push(await viaHandler());
    }
  }

  const pairRatios = handlerMs.map((h, i) => h / (bareMs[i] as number));
  const pairDiffs = handlerMs.map((h, i) => h - (bareMs[i] as number));
  return {
    iterations: options.iterations,
    warmup: options.warmup,
    handlerMs: summaryMs(handlerMs),
    bareMs: summaryMs(bareMs),
    ratioOfMedians: round(median(handlerMs) / median(bareMs)),
    medianPairRatio: round(median(pairRatios)),
    addedMsMedian: round(median(pairDiffs)),
  };
};
