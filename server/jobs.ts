import type { Job } from './platform/jobs/scheduler.js';
import { DISTRIBUTION_JOBS, emailDelivery } from './modules/distribution/jobs.js';
import { TRACKING_JOBS } from './modules/tracking/jobs.js';
import { INSPECTION_JOBS } from './modules/inspections/jobs.js';

/**
 * Every job of jiyao, in the order a tick runs them: the modules' jobs in
 * module order (tracking comes after distribution, so it cannot join that
 * list itself), e-mail last so a tick's notices go out in the same tick.
 */
export const ALL_JOBS: readonly Job[] = [...DISTRIBUTION_JOBS, ...TRACKING_JOBS, ...INSPECTION_JOBS, emailDelivery];
