// Jest global set-up for the API's specs: names this test run, so that the integration harness
// (libs/shared/testing, test-app.ts) makes its migrated-and-seeded template databases once per run and
// the global teardown (test-run-teardown.cjs) drops exactly those. Workers inherit the variable.
const { randomBytes } = require('node:crypto');

module.exports = async function setUpTestRun() {
  process.env.TC_TEST_RUN = randomBytes(5).toString('hex');
};
