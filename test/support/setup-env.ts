import { useTestEnvironment } from './test-env';

useTestEnvironment();
// The project's `testTimeout` does not reach hooks here: booting the API and a worker on a
// busy machine takes longer than jest's default 5 s.
jest.setTimeout(60000);
