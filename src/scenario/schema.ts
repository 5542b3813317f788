// The scenario file format as a zod schema: shapes and single-field checks (cross-references live in check.ts).
//
// No transforms: the parsed value keeps the file's human units, so `z.toJSONSchema(scenarioSchema)` works
// and the expansion step (expand.ts) is the one place that converts to seconds.
import { thresholdsSchema, DURATION_PATTERN, ISO_DATE_PATTERN, ISO_INSTANT_PATTERN, RATE_PATTERN, TIME_OF_DAY_PATTERN, formatDuration, parseDuration, parseRate } from '../vocabulary/index.js';
import { z } from 'zod';
import { clip } from './problems.js';
import { CONNECTOR_PRESET_NAMES, DAY_NAMES, DAY_SET_NAMES, DEFAULTS, LOGIN_PROFILE_NAMES } from './presets.js';

function safe<T>(f: (x: T) => number, x: T): number | undefined {
  try {
    return f(x);
  } catch {
    return undefined;
  }
}

const got = (input: unknown): string => (typeof input === 'string' ? JSON.stringify(clip(input)) : String(input));

const durationText = z
  .string()
  .regex(new RegExp(DURATION_PATTERN), {
    error: (iss) => `expected a duration like "90s", "15m", "4h", "7d", "1h30m" or a number of seconds (got ${got(iss.input)})`,
  });

/**
 * Upper bounds of every number in a scenario. They keep each value finite and every product of values
 * (a rate times a duration, a count times a count) far from overflow; whether a run of that size fits
 * the machine is judged separately, from the whole model (budget.ts).
 */
export const BOUNDS = {
  /** any duration or time, seconds: 100 years */
  durationSeconds: 100 * 365 * 86400,
  /** any rate, events per second */
  ratePerSecond: 1e6,
  /** any count (entities, workers, steps, limits' max, costs) */
  count: 1e9,
  /** any relative weight, and a mean number of logins per user per day */
  weight: 1e9,
  /** a latency scale factor */
  scale: 1e6,
} as const;

/** A duration: seconds as a number, or a string with units. `min` is inclusive unless `exclusive`. */
function duration(opts: { min?: number; exclusive?: boolean; what?: string } = {}) {
  const base = z.union([z.number(), durationText]).meta({ description: 'a duration: seconds, or "250ms", "90s", "15m", "4h", "7d", "1w", "1h30m"' });
  const bounded = base.refine((v) => Math.abs(safe(parseDuration, v) ?? 0) <= BOUNDS.durationSeconds, {
    error: (iss) => `must be at most ${formatDuration(BOUNDS.durationSeconds)} (100 years) (got ${got(iss.input)})`,
  });
  if (opts.min === undefined) return bounded;
  const min = opts.min;
  return bounded.refine((v) => {
    const seconds = safe(parseDuration, v);
    // unreadable values are already reported by the pattern check
    return seconds === undefined || (opts.exclusive ? seconds > min : seconds >= min);
  }, {
    error: (iss) =>
      opts.exclusive && min === 0
        ? `must be a positive duration (got ${got(iss.input)})`
        : min === 0
          ? `must not be negative (got ${got(iss.input)})`
          : `must be at least ${formatDuration(min)}${opts.what ? ` ${opts.what}` : ''} (got ${got(iss.input)})`,
  });
}

const positiveDuration = () => duration({ min: 0, exclusive: true });
const nonNegativeDuration = () => duration({ min: 0 });

/** Why a rate that matches the pattern is still not usable (a zero period, a huge value), or undefined. */
function rateProblem(v: string | number): string | undefined {
  let perSecond: number;
  try {
    perSecond = parseRate(v);
  } catch (e) {
    return typeof v === 'string' && RATE_RE.test(v) ? (e as Error).message : undefined; // unreadable: the pattern check says so
  }
  if (!(perSecond > 0)) return `must be a positive rate (got ${got(v)})`;
  if (perSecond > BOUNDS.ratePerSecond) return `must be at most ${BOUNDS.ratePerSecond}/s (got ${got(v)}, ${perSecond}/s)`;
  return undefined;
}

const RATE_RE = new RegExp(RATE_PATTERN);
const rate = z
  .union([
    z.number().nonnegative(),
    z.string().regex(RATE_RE, {
      error: (iss) => `expected a rate like "120/h", "2/s", "10/m", "500/d" or a number per second (got ${got(iss.input)})`,
    }),
  ])
  .superRefine((v, ctx) => {
    const problem = rateProblem(v);
    if (problem !== undefined) ctx.addIssue({ code: 'custom', message: problem });
  })
  .meta({ description: 'events per second as a number, or "120/h", "2/s", "10/m", "500/d", "100/100s"' });

const timeOfDay = z
  .string()
  .regex(new RegExp(TIME_OF_DAY_PATTERN), { error: (iss) => `expected a local time of day like "08:00" or "17:30" (got ${got(iss.input)})` })
  .meta({ description: 'local time of day "HH:MM" or "HH:MM:SS"' });

const isoInstant = z
  .string()
  .regex(new RegExp(`${ISO_INSTANT_PATTERN}|${ISO_DATE_PATTERN}`), {
    error: (iss) => `expected an ISO date and time with a zone, like "2026-01-05T00:00:00Z" (got ${got(iss.input)})`,
  });

/** A moment in a trace: a duration after the start, or an ISO instant. */
const instant = z
  .union([
    z.number().min(-BOUNDS.durationSeconds).max(BOUNDS.durationSeconds),
    z.string().regex(new RegExp(`${DURATION_PATTERN}|${ISO_INSTANT_PATTERN}|${ISO_DATE_PATTERN}`), {
      error: (iss) => `expected a time after the start like "90m" or "1d2h", or an ISO time like "2026-01-05T08:00:00Z" (got ${got(iss.input)})`,
    }),
  ])
  .meta({ description: 'a duration after the start, or an ISO instant' });

const probability = z.number().min(0).max(1).meta({ description: 'a probability, 0 to 1' });
const weight = z.number().nonnegative().max(BOUNDS.weight);
const count = z.number().int().nonnegative().max(BOUNDS.count);
const posInt = z.number().int().min(1).max(BOUNDS.count);
const positive = z.number().positive().max(BOUNDS.count);

const idSchema = z
  .string()
  .regex(/^[^\s,"]+$/, { error: (iss) => `an id may not contain spaces, commas or quotes (got ${got(iss.input)})` })
  .max(256, { error: (iss) => `an id may have at most 256 characters (got ${String((iss.input as string).length)})` })
  .refine((id) => id !== '__proto__', { error: '`__proto__` cannot be an id (JavaScript reserves it); rename it' })
  .meta({ description: 'an identifier, unique among its kind' });

const timezone = z.string().min(1).meta({ description: 'an IANA time zone, e.g. "America/Toronto" or "UTC"' });

const intRange = z.union([count, z.strictObject({ min: count, max: count })]).meta({
  description: 'a whole number, or { min, max } drawn uniformly',
});

const csvFile = z.string().regex(/\.csv$/i, { error: (iss) => `expected a CSV file name ending in .csv (got ${got(iss.input)})` });

/** A distribution of seconds. A bare duration means a constant. */
const distObject = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('constant'), value: nonNegativeDuration() }),
  z.strictObject({ type: z.literal('exponential'), mean: positiveDuration() }),
  z.strictObject({ type: z.literal('lognormal'), mean: positiveDuration(), sd: nonNegativeDuration() }),
  // min <= max is checked here, so it holds wherever a distribution is written (latency, session lengths...)
  z.strictObject({ type: z.literal('uniform'), min: nonNegativeDuration(), max: nonNegativeDuration() }).check((ctx) => {
    const lo = safe(parseDuration, ctx.value.min);
    const hi = safe(parseDuration, ctx.value.max);
    if (lo !== undefined && hi !== undefined && lo > hi) {
      ctx.issues.push({ code: 'custom', path: ['max'], input: ctx.value.max, message: `must not be below min (${String(ctx.value.max)} < ${String(ctx.value.min)})` });
    }
  }),
  // recorded values: listed here, or read from a CSV file next to the scenario (one value a row)
  z
    .strictObject({
      type: z.literal('empirical'),
      values: z.array(nonNegativeDuration()).min(1).optional(),
      file: csvFile.optional().meta({ description: 'a CSV file of recorded values (seconds, or durations with units), relative to the scenario file' }),
      column: z.string().min(1).optional().meta({ description: 'the column of `file` to read, named in its header (default: its only column)' }),
    })
    .check((ctx) => {
      const { values, file, column } = ctx.value;
      if ((values === undefined) === (file === undefined)) {
        ctx.issues.push({ code: 'custom', path: values === undefined ? [] : ['file'], input: ctx.value, message: 'give either `values:` (a list of durations) or `file:` (a CSV file of recorded values)' + (values === undefined ? '' : ', not both') });
      }
      if (column !== undefined && file === undefined) ctx.issues.push({ code: 'custom', path: ['column'], input: column, message: 'applies only with `file:`' });
    }),
]);
const distSchema = z.union([nonNegativeDuration(), distObject]);

const limitSchema = z.discriminatedUnion('kind', [
  z.strictObject({
    kind: z.literal('concurrent'),
    scope: z.enum(['token', 'gaProfile', 'googleUser', 'account', 'connector']),
    max: posInt,
    description: z.string().optional(),
  }),
  z.strictObject({
    kind: z.literal('window'),
    scope: z.enum(['token', 'gaProfile', 'googleUser', 'account', 'connector']),
    max: positive,
    window: positiveDuration(),
    type: z.enum(['sliding', 'fixed']).optional().meta({ description: 'default sliding' }),
    resetAt: timeOfDay.optional().meta({ description: 'fixed windows: local time of a window boundary (default: aligned to UTC epoch)' }),
    timezone: timezone.optional(),
    description: z.string().optional(),
  }),
]);

const connectorSchema = z.strictObject({
  preset: z.enum(CONNECTOR_PRESET_NAMES as [string, ...string[]]).optional(),
  description: z.string().optional(),
  latency: distSchema.optional(),
  latencyScale: z.number().positive().max(BOUNDS.scale).optional(),
  failureRate: probability.optional(),
  timeout: z.union([positiveDuration(), z.literal('none')]).optional(),
  limits: z.array(idSchema).optional(),
  cost: positive.optional(),
});

const intervalSchema = z.union([
  duration({ min: 60, what: '(the shortest refresh interval the product allows)' }),
  z.enum(['manual', 'none']),
  z.null(),
]);

const daysSchema = z.union([z.enum(DAY_SET_NAMES as [string, ...string[]]), z.array(z.enum(DAY_NAMES)).min(1)]);

const loginsSchema = z.strictObject({
  perUserPerDay: weight,
  profile: z.enum(LOGIN_PROFILE_NAMES as [string, ...string[]]).optional(),
  hourWeights: z.array(weight).length(24).optional(),
  days: z.enum(DAY_SET_NAMES as [string, ...string[]]).optional(),
  dayWeights: z.array(weight).length(7).optional(),
  sessionLength: distSchema.optional(),
});

const sourceSchema = z.strictObject({
  id: idSchema,
  connector: idSchema,
  interval: intervalSchema,
  token: idSchema.optional(),
  gaProfile: idSchema.optional(),
  googleUser: idSchema.optional(),
  cost: positive.optional(),
  dataAge: nonNegativeDuration().optional(),
});

const accountSchema = z.strictObject({
  id: idSchema,
  kind: z.enum(['standard', 'partner', 'client']).optional(),
  partner: idSchema.optional(),
  timezone: timezone.optional(),
  users: z.array(z.union([idSchema, z.strictObject({ id: idSchema })])).optional(),
  tokens: z.array(z.strictObject({ id: idSchema, googleUser: idSchema.optional(), createdAt: duration().optional() })).optional(),
  sources: z.array(sourceSchema).optional(),
  klips: z.array(z.strictObject({ id: idSchema, sources: z.array(idSchema).min(1) })).optional(),
  embeds: z.array(z.strictObject({ id: idSchema, klip: idSchema })).optional(),
  emails: z.array(z.strictObject({ id: idSchema, klips: z.array(idSchema).min(1), at: timeOfDay, days: daysSchema.optional() })).optional(),
  logins: loginsSchema.optional(),
  warmUpAt: timeOfDay.optional(),
  warmUpDays: daysSchema.optional(),
});

/** Fields shared by a generator and its clients. */
const generatorFields = {
  timezone: z.union([timezone, z.array(timezone).min(1)]).optional(),
  users: intRange.optional(),
  sources: intRange.optional(),
  intervals: z.record(z.string(), weight).optional(),
  connectors: z.record(z.string(), weight).optional(),
  klips: intRange.optional(),
  klipSources: intRange.optional(),
  embeds: z.strictObject({ probability }).optional(),
  emails: z.strictObject({ probability, at: timeOfDay, days: daysSchema.optional(), klips: intRange.optional() }).optional(),
  logins: loginsSchema.optional(),
  googleUsers: intRange.optional(),
  gaProfiles: intRange.optional(),
  dataAge: z.union([nonNegativeDuration(), z.literal('interval')]).optional(),
  warmUpAt: timeOfDay.optional(),
  warmUpDays: daysSchema.optional(),
};

const clientGeneratorSchema = z.strictObject({
  count: intRange,
  googleUsersFrom: z.enum(['own', 'partner']).optional(),
  ...generatorFields,
});

const generatorSchema = z.strictObject({
  count: posInt,
  prefix: idSchema,
  kind: z.enum(['standard', 'partner']).optional(),
  ...generatorFields,
  clients: clientGeneratorSchema.optional(),
});


const tracesSchema = z.strictObject({
  sessions: z.union([csvFile, z.array(z.strictObject({ user: idSchema, at: instant, duration: positiveDuration() }))]).optional(),
  embedViews: z.union([csvFile, z.array(z.strictObject({ embed: idSchema, at: instant }))]).optional(),
  refreshes: z
    .union([csvFile, z.array(z.strictObject({ source: idSchema, at: instant, trigger: z.enum(['manual', 'api']).optional() }))])
    .optional(),
  linkViews: z.array(z.strictObject({ account: idSchema, at: instant })).optional(),
});

const selectionByAccount = z.strictObject({ account: idSchema });
const selectionByConnector = z.strictObject({ connector: idSchema });

const arrivalSchema = z.discriminatedUnion('type', [
  z.strictObject({
    type: z.literal('refresh'),
    trigger: z.enum(['manual', 'api']).optional(),
    rate,
    sources: z.union([z.literal('all'), selectionByAccount, selectionByConnector, z.array(idSchema).min(1)]).optional(),
  }),
  z.strictObject({
    type: z.literal('embedView'),
    rate,
    embeds: z.union([z.literal('all'), selectionByAccount, z.array(idSchema).min(1)]).optional(),
  }),
  z.strictObject({
    type: z.literal('linkView'),
    rate,
    accounts: z.union([z.literal('all'), z.array(idSchema).min(1)]).optional(),
  }),
]);

const workersSchema = z.union([
  posInt,
  z.strictObject({
    timezone: timezone.optional(),
    schedule: z.array(z.strictObject({ at: timeOfDay, workers: count })).min(1),
  }),
]);

const deferSchema = z.union([
  z.literal('until-free'),
  z.strictObject({ mode: z.literal('until-free') }),
  z.strictObject({ mode: z.literal('fixed'), for: positiveDuration() }),
]);

// Scheduling policy (issue 12): the discipline's name, and its options (used by the policy they name).
const triggerName = z.enum(['login', 'due', 'email', 'manual', 'api', 'warmup']);
const policySchema = z.enum(['fifo', 'priority', 'fair-share', 'stalest-first']).meta({ description: 'queue discipline; fifo is the product (see docs/model.md)' });
const policyOptionsSchema = z.strictObject({
  priority: z.array(z.union([triggerName, z.array(triggerName).min(1)])).min(1).optional().meta({ description: 'priority classes, first served first; a list item is one class; unlisted triggers form a last class' }),
  weights: z.record(idSchema, positive).optional().meta({ description: 'fair-share weight per account id or generator prefix (default 1)' }),
  quantum: positiveDuration().optional().meta({ description: 'fair-share: service earned per turn at weight 1 (default 1m)' }),
});

const poolsSchema = z
  .array(z.strictObject({ workers: posInt, triggers: z.array(triggerName).min(1).optional(), connectors: z.array(idSchema).min(1).optional() }))
  .min(1)
  .max(100)
  .meta({ description: 'reserved worker pools: each takes `workers` of the workers for requests of its triggers and connectors (absent: all); the rest are shared' });

// Named peak windows (issue 10): local-time windows reported on their own in summary.peaks.windows.
const peakWindowSchema = z.strictObject({
  name: idSchema.meta({ description: 'the key under summary.peaks.windows (and in threshold paths)' }),
  days: daysSchema.optional().meta({ description: 'weekdays (a list of mon..sun, or weekdays/weekends/daily); default every day' }),
  from: timeOfDay,
  to: z.union([timeOfDay, z.literal('24:00')]).meta({ description: 'local time of day "HH:MM", after `from`; "24:00" for the end of the day' }),
  timezone: timezone.optional().meta({ description: "default: the zone most of the scenario's accounts use, else UTC" }),
});

export const scenarioSchema = z
  .strictObject({
    name: z.string().min(1).max(200).optional(),
    description: z.string().optional(),
    seed: z.number().int().optional().meta({ description: `default ${DEFAULTS.seed}` }),
    start: isoInstant.optional().meta({ description: `default ${DEFAULTS.start}` }),
    duration: positiveDuration(),
    warmup: nonNegativeDuration().optional().meta({ description: `default ${formatDuration(DEFAULTS.warmup)}` }),
    workers: workersSchema.optional().meta({ description: `default ${DEFAULTS.workers}` }),
    policy: policySchema.optional().meta({ description: 'default fifo' }),
    policyOptions: policyOptionsSchema.optional(),
    pools: poolsSchema.optional(),
    embedTtl: nonNegativeDuration().optional().meta({ description: `default ${formatDuration(DEFAULTS.embedTtl)}` }),
    emailLead: nonNegativeDuration().optional().meta({ description: `default ${formatDuration(DEFAULTS.emailLead)}` }),
    defer: deferSchema.optional().meta({ description: 'default until-free' }),
    retryLadder: z.array(z.strictObject({ from: posInt, every: positiveDuration() })).min(1).optional(),
    disableAt: posInt.optional().meta({ description: `default ${DEFAULTS.disableAt}` }),
    dashboardViewEvery: positiveDuration().optional().meta({ description: `default ${formatDuration(DEFAULTS.dashboardViewEvery)}` }),
    tokensPerGoogleUser: posInt.optional().meta({ description: `default ${DEFAULTS.tokensPerGoogleUser}` }),
    bucket: positiveDuration().optional().meta({ description: `default ${formatDuration(DEFAULTS.bucket)}` }),
    waitTarget: positiveDuration().optional().meta({ description: `SLO attainment: the share of refreshes that waited at most this long (summary.json attainment); default ${formatDuration(DEFAULTS.waitTarget)}` }),
    limits: z.record(idSchema, limitSchema).optional(),
    connectors: z.record(idSchema, connectorSchema).optional(),
    accounts: z.array(accountSchema).optional(),
    generate: z.array(generatorSchema).optional(),
    traces: tracesSchema.optional(),
    arrivals: z.array(arrivalSchema).optional(),
    // CI gate: k6-like thresholds on summary.json paths (syntax owned by src/gate/threshold.ts)
    thresholds: thresholdsSchema.optional(),
    peaks: z.array(peakWindowSchema).min(1).max(100).optional().meta({ description: 'named local-time windows with their own figures (summary.peaks.windows)' }),
  })
  .meta({ title: 'refresh-sim scenario', description: 'See src/scenario/FORMAT.md' });

export type ScenarioInput = z.infer<typeof scenarioSchema>;
export type DistInput = z.infer<typeof distSchema>;
export type GeneratorInput = z.infer<typeof generatorSchema>;
export type ClientGeneratorInput = z.infer<typeof clientGeneratorSchema>;
export type LoginsInput = z.infer<typeof loginsSchema>;
