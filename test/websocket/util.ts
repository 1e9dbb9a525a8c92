// The WebSocket tests' fixtures are the shared ones.
export { fn, newStack } from '../support/fixtures';
