import { useTestEnvironment } from './test-env';

useTestEnvironment();
