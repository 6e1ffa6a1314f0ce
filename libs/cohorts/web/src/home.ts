// A trainer's section of the home page alone (`@tc/cohorts/web/home`): their cohorts, drafts and what
// waits, without the cohort pages the main entry brings (the roster and the wizard among them).
export { TrainerHomeComponent } from './lib/trainer-home/trainer-home.component';
