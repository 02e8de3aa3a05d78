/**
 * Builds DynamoDB expressions with generated placeholders, so no attribute name or value is
 * ever spliced into expression text (reserved words and injection are both impossible).
 */
export class ExpressionBuilder {
  readonly names: Record<string, string> = {};
  readonly values: Record<string, unknown> = {};
  private nameIds = new Map<string, string>();
  private valueCount = 0;

  constructor(private readonly prefix = '') {}

  name(attribute: string): string {
    let id = this.nameIds.get(attribute);
    if (id === undefined) {
      id = `#${this.prefix}n${this.nameIds.size}`;
      this.nameIds.set(attribute, id);
      this.names[id] = attribute;
    }
    return id;
  }

  value(value: unknown): string {
    const id = `:${this.prefix}v${this.valueCount++}`;
    this.values[id] = value;
    return id;
  }

  /** Spreads the placeholders into command input, leaving out empty maps (DynamoDB rejects them). */
  attributes(): { ExpressionAttributeNames?: Record<string, string>; ExpressionAttributeValues?: Record<string, unknown> } {
    return {
      ...(Object.keys(this.names).length > 0 ? { ExpressionAttributeNames: this.names } : {}),
      ...(Object.keys(this.values).length > 0 ? { ExpressionAttributeValues: this.values } : {}),
    };
  }
}

/** A condition written against attribute placeholders that the caller fills in. */
export interface Condition {
  /** Expression text where `{name}` stands for an attribute name and `:value` keys come from `values`. */
  expression: (b: ExpressionBuilder) => string;
}

export const and = (...parts: (string | undefined)[]): string | undefined => {
  const present = parts.filter((p): p is string => p !== undefined && p !== '');
  return present.length === 0 ? undefined : present.map((p) => (present.length > 1 ? `(${p})` : p)).join(' AND ');
};
