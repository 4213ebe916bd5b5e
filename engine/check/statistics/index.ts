export { normalQuantile, erfc } from "./normal-quantile";
export { lnGamma, regularizedBeta } from "./incomplete-beta";
export { studentTCdf, studentTQuantile } from "./student-t";
export { wilsonInterval, type Interval } from "./wilson-interval";
export { meanInterval, type MeanInterval } from "./mean-interval";
