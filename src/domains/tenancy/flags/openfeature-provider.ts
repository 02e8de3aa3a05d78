/**
 * An OpenFeature server provider over the SDK's flags, so an application can use the standard
 * OpenFeature client. The evaluation context carries who is asking: `targetingKey` (the user id),
 * `tenantId`, `roles` and `email`; `evaluationContextOf(ctx)` builds it from a RequestContext.
 * Requires `@openfeature/server-sdk` (an optional peer dependency).
 */
import { ErrorCode, type EvaluationContext, type JsonValue, type Provider, type ResolutionDetails } from '@openfeature/server-sdk';
import type { RequestContext } from '../../../core/context.js';
import type { Runtime } from '../../../core/runtime.js';
import { flagService } from '../services/index.js';
import type { EvaluationSubject } from '../services/flag-evaluation.js';

export const evaluationContextOf = (ctx: RequestContext): EvaluationContext => ({
  targetingKey: ctx.userId,
  ...(ctx.tenantId === undefined ? {} : { tenantId: ctx.tenantId }),
  roles: [...ctx.roles],
  ...(ctx.email === undefined ? {} : { email: ctx.email }),
});

const subjectOf = (context: EvaluationContext): EvaluationSubject => ({
  userId: context.targetingKey ?? 'anonymous',
  tenantId: typeof context['tenantId'] === 'string' ? context['tenantId'] : undefined,
  roles: Array.isArray(context['roles']) ? context['roles'].filter((r): r is string => typeof r === 'string') : [],
  email: typeof context['email'] === 'string' ? context['email'] : undefined,
});

type Kind = 'boolean' | 'string' | 'number' | 'object';

const fits = (kind: Kind, value: unknown): boolean =>
  kind === 'object' ? value !== null && typeof value === 'object' : typeof value === kind;

export class GeekCafeFlagProvider implements Provider {
  readonly metadata = { name: 'geek-cafe-saas-sdk' } as const;
  readonly runsOn = 'server' as const;

  constructor(private readonly runtime: Runtime) {}

  private async resolve<T>(kind: Kind, flagKey: string, defaultValue: T, context: EvaluationContext): Promise<ResolutionDetails<T>> {
    const result = await flagService(this.runtime).evaluateFor(subjectOf(context), flagKey);
    if (result.errorCode === 'FLAG_NOT_FOUND') return { value: defaultValue, reason: 'ERROR', errorCode: ErrorCode.FLAG_NOT_FOUND, errorMessage: `No flag ${flagKey}.` };
    if (result.errorCode === 'TYPE_MISMATCH' || !fits(kind, result.value)) {
      return { value: defaultValue, reason: 'ERROR', errorCode: ErrorCode.TYPE_MISMATCH, errorMessage: `Flag ${flagKey} is not a ${kind}.` };
    }
    return { value: result.value as T, reason: result.reason, ...(result.variant === undefined ? {} : { variant: result.variant }) };
  }

  resolveBooleanEvaluation(flagKey: string, defaultValue: boolean, context: EvaluationContext): Promise<ResolutionDetails<boolean>> {
    return this.resolve('boolean', flagKey, defaultValue, context);
  }

  resolveStringEvaluation(flagKey: string, defaultValue: string, context: EvaluationContext): Promise<ResolutionDetails<string>> {
    return this.resolve('string', flagKey, defaultValue, context);
  }

  resolveNumberEvaluation(flagKey: string, defaultValue: number, context: EvaluationContext): Promise<ResolutionDetails<number>> {
    return this.resolve('number', flagKey, defaultValue, context);
  }

  resolveObjectEvaluation<T extends JsonValue>(flagKey: string, defaultValue: T, context: EvaluationContext): Promise<ResolutionDetails<T>> {
    return this.resolve('object', flagKey, defaultValue, context);
  }
}
