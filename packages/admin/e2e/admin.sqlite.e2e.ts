import { describeAdmin } from './admin-suite.ts';

describeAdmin('sqlite');
