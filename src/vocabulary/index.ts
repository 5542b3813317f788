// The bottom layer's words: units (parse and print) and "did you mean". It imports nothing of the project above it.
export {
  DURATION_PATTERN, RATE_PATTERN, TIME_OF_DAY_PATTERN, ISO_INSTANT_PATTERN, ISO_DATE_PATTERN, MIN_YEAR, MAX_YEAR,
  parseDuration, parseRate, parseTimeOfDay, parseInstant, instantProblem, isInstantText,
} from './units.js';
export { parseQuantity, type Quantity } from './quantity.js';
export { formatDuration, formatNumber } from './format.js';
export { suggest, nearest, nearestFew } from './suggest.js';
