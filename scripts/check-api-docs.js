// Fails when API.md is not what jsii-docgen generates from the current .jsii (run `npm run docgen`).
const { execFileSync } = require('child_process');
const fs = require('fs');
const os = require('os');
const path = require('path');

const tmp = path.join(os.tmpdir(), `api-${process.pid}.md`);
execFileSync(path.join(__dirname, '..', 'node_modules', '.bin', 'jsii-docgen'), ['-o', tmp], { stdio: 'inherit' });
const expected = fs.readFileSync(tmp, 'utf8');
fs.unlinkSync(tmp);
const actual = fs.existsSync('API.md') ? fs.readFileSync('API.md', 'utf8') : '';
if (actual !== expected) {
  console.error('API.md is out of date: run `npm run build && npm run docgen` and commit API.md');
  process.exit(1);
}
console.log('API.md is current');
