// Registers this app with the integration harness before each spec file (the API's jest `setupFiles`).
import './test-app';
