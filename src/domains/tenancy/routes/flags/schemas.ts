import * as z from 'zod/mini';
import { PageQueryShape, doc, pageOf } from '../../../../core/schemas.js';
import { FLAG_TYPES, FlagDefinitionSchema, FlagEvaluationSchema, FlagKeySchema, FlagOverrideSchema, RolloutSchema, TargetingRuleSchema } from '../../models/flag.js';

export const FlagParams = z.object({ key: FlagKeySchema });
const Variants = z.optional(z.record(z.string().check(z.regex(/^[a-z][a-z0-9_-]{0,63}$/)), z.unknown()));

export const CreateFlagBody = z.strictObject({
  key: FlagKeySchema,
  type: z.enum(FLAG_TYPES),
  defaultValue: doc(z.unknown(), { description: 'Must be of the flag\'s type.' }),
  description: z.optional(z.string().check(z.trim(), z.maxLength(500))),
  variants: Variants,
  enabled: z.optional(z.boolean()),
});

export const UpdateFlagBody = z.strictObject({
  defaultValue: z.optional(z.unknown()),
  description: z.optional(z.string().check(z.trim(), z.maxLength(500))),
  variants: Variants,
  enabled: z.optional(z.boolean()),
});

export const OverrideBody = z.strictObject({
  value: z.optional(z.unknown()),
  rules: z.optional(z.array(TargetingRuleSchema).check(z.maxLength(50))),
  rollout: z.optional(RolloutSchema),
});

export const FlagPage = pageOf(FlagDefinitionSchema);
export const OverridePage = pageOf(FlagOverrideSchema);
export const PageQuery = z.object(PageQueryShape);
export const EvaluateAll = z.object({ flags: z.array(FlagEvaluationSchema) });
