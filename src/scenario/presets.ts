// Published API limits of known connectors, and login-time profiles, as scenario defaults.
import type { Dist } from './model.js';

export interface PresetLimit {
  /** appended to the connector id: connector `ga` gets limit `ga.profile-day` */
  suffix: string;
  kind: 'concurrent' | 'window';
  scope: 'gaProfile' | 'googleUser' | 'token';
  max: number;
  /** seconds (window limits) */
  window?: number;
  type?: 'fixed' | 'sliding';
  /** fixed windows: local reset time (seconds after midnight) and its zone */
  resetAt?: number;
  timezone?: string;
}

export interface ConnectorPreset {
  description: string;
  limits: PresetLimit[];
  /** cost units per call against window limits */
  cost: number;
  /** response time when the scenario gives none (an assumption, not a published figure) */
  latency: Dist;
}

export const CONNECTOR_PRESETS = {
  'google-analytics': {
    description: 'Google Analytics (Universal) Reporting API v4',
    limits: [
      // 10,000 requests per view (profile) per day; the daily quota resets at midnight Pacific time.
      // developers.google.com/analytics/devguides/reporting/core/v4/limits-quotas ("10,000 requests per
      // view (profile) per day", "Daily quotas are refreshed at midnight Pacific Standard Time");
      // also the vendor's GA page: "10,000 requests per view per day".
      { suffix: 'profile-day', kind: 'window', scope: 'gaProfile', max: 10_000, window: 86_400, type: 'fixed', resetAt: 0, timezone: 'America/Los_Angeles' },
      // 10 concurrent requests per view (profile): same Google page; vendor's GA page "10 concurrent requests per view".
      { suffix: 'profile-concurrent', kind: 'concurrent', scope: 'gaProfile', max: 10 },
      // 100 requests per 100 seconds per user: same Google page ("100 requests per 100 seconds per user").
      { suffix: 'user-100s', kind: 'window', scope: 'googleUser', max: 100, window: 100, type: 'sliding' },
    ],
    // Universal Analytics counts requests, so one call costs 1.
    cost: 1,
    // assumption (no published figure): a few seconds per report request
    latency: { type: 'lognormal', mean: 3, sd: 2 },
  },
  'google-analytics-4': {
    description: 'Google Analytics 4 Data API (per property)',
    limits: [
      // 200,000 tokens per property per day, core requests:
      // developers.google.com/analytics/devguides/reporting/data/v1/quotas ("Tokens Per Property Per Day: 200,000");
      // daily quotas reset at midnight Pacific time (same page).
      { suffix: 'property-day', kind: 'window', scope: 'gaProfile', max: 200_000, window: 86_400, type: 'fixed', resetAt: 0, timezone: 'America/Los_Angeles' },
      // 40,000 tokens per property per hour (same page: "Tokens Per Property Per Hour: 40,000"), hourly window.
      { suffix: 'property-hour', kind: 'window', scope: 'gaProfile', max: 40_000, window: 3_600, type: 'fixed' },
      // 10 concurrent requests per property (same page: "Concurrent Requests Per Property: 10").
      { suffix: 'property-concurrent', kind: 'concurrent', scope: 'gaProfile', max: 10 },
    ],
    // same page: "most requests will charge fewer than 10 tokens"; 5 is our middle-of-the-road default.
    cost: 5,
    // assumption (no published figure)
    latency: { type: 'lognormal', mean: 3, sd: 2 },
  },
} satisfies Record<string, ConnectorPreset>;

export type ConnectorPresetName = keyof typeof CONNECTOR_PRESETS;
export const CONNECTOR_PRESET_NAMES = Object.keys(CONNECTOR_PRESETS) as ConnectorPresetName[];

/** A tokens-per-Google-user cap of 25, from the vendor's GA page (MODEL.md). */
const TOKENS_PER_GOOGLE_USER = 25;

/**
 * Login profiles: relative weights of logins by local hour (24) and weekday (7, Monday first). They are
 * normalised to mean 1 when the model is built, so `perUserPerDay` stays the average over a week.
 * These shapes are assumptions for planning, not measurements.
 */
export const LOGIN_PROFILES = {
  // working hours, a peak on arrival at 8-9, a dip at lunch, quiet weekends
  office: {
    hours: [0.05, 0.02, 0.02, 0.02, 0.02, 0.05, 0.2, 0.6, 2.5, 2.2, 1.6, 1.4, 0.9, 1.4, 1.4, 1.2, 1.0, 0.7, 0.4, 0.25, 0.2, 0.15, 0.1, 0.05],
    days: [1.2, 1.1, 1.1, 1.1, 1.0, 0.15, 0.1],
  },
  flat: {
    hours: Array<number>(24).fill(1),
    days: Array<number>(7).fill(1),
  },
  // after work and weekends
  evening: {
    hours: [0.3, 0.15, 0.05, 0.02, 0.02, 0.02, 0.05, 0.2, 0.3, 0.3, 0.3, 0.4, 0.5, 0.4, 0.4, 0.5, 0.7, 1.2, 2.0, 2.6, 2.6, 2.0, 1.2, 0.6],
    days: [0.9, 0.9, 0.9, 0.9, 1.0, 1.3, 1.3],
  },
} satisfies Record<string, { hours: number[]; days: number[] }>;

export type LoginProfileName = keyof typeof LOGIN_PROFILES;
export const LOGIN_PROFILE_NAMES = Object.keys(LOGIN_PROFILES) as LoginProfileName[];

export const DAY_NAMES = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;

/** Named weekday sets for e-mail schedules and login day weights. */
export const DAY_SETS = {
  daily: [0, 1, 2, 3, 4, 5, 6],
  all: [0, 1, 2, 3, 4, 5, 6],
  weekdays: [0, 1, 2, 3, 4],
  weekends: [5, 6],
} satisfies Record<string, number[]>;
export type DaySetName = keyof typeof DAY_SETS;
export const DAY_SET_NAMES = Object.keys(DAY_SETS) as DaySetName[];

/**
 * Every default of the scenario format, written once: expansion falls back to these, the schema's field
 * descriptions and FORMAT.md quote them, and the report shows the values the model ran with.
 */
export const DEFAULTS = {
  start: '2026-01-05T00:00:00Z', // a Monday
  seed: 1,
  warmup: 0,
  workers: 4,
  embedTtl: 3 * 3600,
  emailLead: 10 * 60,
  // the vendor's published retry ladder (MODEL.md)
  retryLadder: [
    { from: 1, delay: 5 * 60 },
    { from: 3, delay: 30 * 60 },
    { from: 5, delay: 6 * 3600 },
  ],
  disableAt: 20,
  dashboardViewEvery: 15 * 60,
  tokensPerGoogleUser: TOKENS_PER_GOOGLE_USER,
  bucket: 5 * 60,
  /** SLO attainment: the share of refreshes that waited at most this long */
  waitTarget: 5 * 60,
  timezone: 'UTC',
  connectorLatency: { type: 'lognormal', mean: 2, sd: 2 } as Dist,
  latencyScale: 1,
  failureRate: 0,
  /** cost units of one call (a preset's own cost comes first) */
  cost: 1,
  accountKind: 'standard',
  loginProfile: 'office',
  sessionLength: { type: 'lognormal', mean: 20 * 60, sd: 15 * 60 } as Dist,
  /** the trigger of a Poisson refresh arrival */
  arrivalTrigger: 'api',
  /** what a generator draws when it does not say */
  generatedUsers: 1,
  generatedSources: 10,
  generatedGoogleUsers: 1,
  generatedGaProfiles: 2,
  generatedIntervals: { '1h': 1 },
  minInterval: 60,
} as const;
