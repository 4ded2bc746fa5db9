import { MODEL_FILE } from '../support/skill';
import { describeModelChecks } from '../support/model-checks';

// The same checks run for every generated locale in test/unit/locales.test.ts.
describeModelChecks(MODEL_FILE);
