// The broken fixtures of the hostile-input classes (scenarios/broken) and their exact problems.
const B = 'scenarios/broken';

/** Each fixture and the problem lines it must give. */
export const HOSTILE_FIXTURES: [string, string[]][] = [
  [
    'impossible-date.yaml',
    [
      `${B}/impossible-date.yaml:3:8: start: "2026-02-30" is not a date: February 2026 has days 01 to 28`,
      `${B}/impossible-date.yaml:12:34: traces.sessions[0].at: "2026-13-01T00:00Z" is not a date: there is no month 13 (months are 01 to 12)`,
      `${B}/impossible-date.yaml:13:37: traces.linkViews[0].at: "2026-01-05T25:00:00Z" is not a time: hours are 00 to 23`,
    ],
  ],
  [
    'huge-numbers.yaml',
    [
      `${B}/huge-numbers.yaml:3:11: duration: must be at most 36500d (100 years) (got 1e+308)`,
      `${B}/huge-numbers.yaml:5:20: connectors.rest.latency: must not be negative (got "-2s")`,
      `${B}/huge-numbers.yaml:5:39: connectors.rest.latencyScale: must be at most 1000000 (got 1e+300)`,
      `${B}/huge-numbers.yaml:10:28: arrivals[0].rate: the period of a rate must be positive, got "5/0s"`,
    ],
  ],
  [
    'too-large.yaml',
    [
      `${B}/too-large.yaml:7:14: generate[0].count: too large: 100,000,000 generated sources (10,000,000 accounts x 10 sources) would need about 154.6 GiB of memory; the whole run about 154.8 GiB, over the budget of 8.0 GiB (pass --allow-large to run it anyway)`,
    ],
  ],
  [
    'fine-bucket.yaml',
    [
      `${B}/fine-bucket.yaml:4:9: bucket: too large: 86,400,000 time-series buckets (duration 1d / bucket 1ms) would need about 241.4 GiB of memory; the whole run about 241.6 GiB, over the budget of 8.0 GiB (pass --allow-large to run it anyway)`,
    ],
  ],
  ['alias-bomb.yaml', [`${B}/alias-bomb.yaml:3:8: too many aliases: expanding them would exceed 10000 copies (an alias bomb?); write the values out or use fewer aliases`]],
  [
    'never-admits.yaml',
    [`${B}/never-admits.yaml:5:46: limits.tiny.max: limit "tiny" admits at most 5 cost units per window, but one call of connector "rest" costs 10: no call could ever start (raise max or lower cost)`],
  ],
  [
    'bad-thresholds.yaml',
    [
      `${B}/bad-thresholds.yaml:10:16: thresholds["wait.p59"][0]: unknown path "wait.p59" in summary.json (did you mean "wait.p50"?)`,
      `${B}/bad-thresholds.yaml:11:23: thresholds["requests.failed"][0]: "5m" is a duration but "requests.failed" is not a time (a count)`,
      `${B}/bad-thresholds.yaml:12:33: thresholds["byConnector.rset.wait.p95"][0]: unknown path "byConnector.rset.wait.p95" in summary.json (did you mean "byConnector.rest.wait.p95"?)`,
    ],
  ],
  [
    'proto-ids.json',
    [
      `${B}/proto-ids.json:4:19: connectors.__proto__: \`__proto__\` cannot be used as a key or id (JavaScript reserves it); rename it`,
      `${B}/proto-ids.json:5:25: accounts[0].id: \`__proto__\` cannot be an id (JavaScript reserves it); rename it`,
    ],
  ],
  [
    'bad-trace.yaml',
    [
      `${B}/bad-trace-refreshes.csv:2: not valid CSV: Invalid Opening Quote: a quote is found on field 0, value is "sa"`,
      `${B}/bad-trace-refreshes.csv:3:7: at: "2026-02-30T08:00:00Z" is not a date: February 2026 has days 01 to 28`,
      `${B}/bad-trace-sessions.csv:1:18: at: the column \`at\` appears twice in the header (also column 2)`,
    ],
  ],
];

/** Files the fixtures read (CSV traces), not fixtures themselves. */
export const HOSTILE_FIXTURE_DATA = ['bad-trace-refreshes.csv', 'bad-trace-sessions.csv'];
