/** DynamoDB Local is a Java program: check for Java 17+ before starting it, with a clear answer when it is missing. */
import { spawnSync } from 'node:child_process';
import { LocalRuntimeError } from './errors.js';

export const MIN_JAVA = 17;

const INSTALL_HINT =
  'Install Java 17 or newer: Debian/Ubuntu `sudo apt-get install -y openjdk-17-jre-headless`, macOS `brew install openjdk@17`, Windows https://adoptium.net.';

export const javaMajorVersion = (output: string): number | undefined => {
  const match = /version "(\d+)(?:\.(\d+))?/.exec(output);
  if (match === null) return undefined;
  const major = Number(match[1]);
  // Java 8 and older report themselves as 1.x.
  return major === 1 ? Number(match[2]) : major;
};

export const checkJava = (command = 'java'): number => {
  const result = spawnSync(command, ['-version'], { encoding: 'utf8' });
  if (result.error !== undefined) {
    throw new LocalRuntimeError(`Java was not found (DynamoDB Local needs Java ${MIN_JAVA}+).`, INSTALL_HINT);
  }
  const version = javaMajorVersion(`${result.stderr}${result.stdout}`);
  if (version === undefined || version < MIN_JAVA) {
    throw new LocalRuntimeError(`Java ${version ?? 'of an unknown version'} was found, but DynamoDB Local needs Java ${MIN_JAVA}+.`, INSTALL_HINT);
  }
  return version;
};
