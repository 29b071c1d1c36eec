import { describeAdmin } from './admin-suite.ts';

describeAdmin('postgres');
