/** The one-machine runtime: DynamoDB Local, the S3-compatible server, the local issuer and server. */
export { startLocalStack, stackOptionsFromEnv, localConfig, type LocalStack, type LocalStackOptions } from './stack.js';
export { startDynamoDbLocal, LOCAL_CREDENTIALS, type DynamoDbLocal } from './dynamodb-local.js';
export { startS3Local, type S3Local } from './s3-local.js';
export { loadLocalIssuer, LOCAL_ISSUER, LOCAL_AUDIENCE, type LocalIssuer, type TokenClaims } from './issuer.js';
export { createLocalServer, listen } from './server.js';
export { buildGatewayEvent, toGatewayEvent, writeGatewayResult, type GatewayRequest } from './apigw-event.js';
export { seedDemo } from './seed.js';
export { LocalRuntimeError } from './errors.js';
export { checkJava } from './java.js';
