import { randomUUID } from 'node:crypto';
import { DeleteTableCommand, type DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, GetCommand } from '@aws-sdk/lib-dynamodb';
import { HISTORY_DAYS, type CoupleState } from '../../src/domain/couple';
import { addDays, localDay } from '../../src/domain/dates';
import type { Exchange } from '../../src/local/conversation';
import { VersionConflictError, type CoupleStore, type Versioned } from '../../src/store/couple-store';
import { coupleKey, decodeItem, DynamoCoupleStore } from '../../src/store/dynamo-store';
import { must } from '../support/must';
import { rawDynamoClient } from '../support/raw-dynamo';
import { ALEX_VOICE, SAM_VOICE, talk, TestClock } from '../support/skill';

/*
 * Two partners, two Echo devices, one account: every evening for 50 evenings both say their energy
 * at the same moment, then both log a small win at the same moment, through the real skill on
 * DynamoDB Local. Each round is its own local day, checked straight after the round, so "every log
 * kept" holds for all 50 days even though the state itself keeps only the last HISTORY_DAYS.
 */

const endpoint = process.env.DYNAMODB_LOCAL_ENDPOINT ?? '';
const REGION = 'eu-west-1';
const TABLE = `twilight-concurrency-${randomUUID().slice(0, 8)}`;
const ZONE = 'America/New_York';
const ROUNDS = 50;

/** The one store both devices share, counting the conflicts CoupleSession re-reads and re-applies. */
class CountingStore implements CoupleStore {
  puts = 0;
  conflicts = 0;
  constructor(private readonly inner: CoupleStore) {}
  get(coupleId: string): Promise<Versioned | undefined> {
    return this.inner.get(coupleId);
  }
  async put(coupleId: string, state: CoupleState, expectedVersion: number): Promise<number> {
    this.puts++;
    try {
      return await this.inner.put(coupleId, state, expectedVersion);
    } catch (err) {
      if (err instanceof VersionConflictError) this.conflicts++;
      throw err;
    }
  }
  delete(coupleId: string): Promise<void> {
    return this.inner.delete(coupleId);
  }
}

let client: DynamoDBClient;
let direct: DynamoDBDocumentClient;

beforeAll(() => {
  if (!endpoint) throw new Error('DYNAMODB_LOCAL_ENDPOINT is not set: run through jest so global-setup starts DynamoDB Local.');
  client = rawDynamoClient(endpoint, REGION);
  direct = DynamoDBDocumentClient.from(client);
});

afterAll(async () => {
  if (!client) return;
  await client.send(new DeleteTableCommand({ TableName: TABLE })).catch(() => undefined);
  client.destroy();
});

/** The couple's item read straight from DynamoDB Local, not through the store. */
async function stored(userId: string): Promise<{ state: CoupleState; version: number }> {
  const out = await direct.send(new GetCommand({ TableName: TABLE, Key: coupleKey(userId), ConsistentRead: true }));
  if (!out.Item) throw new Error('the couple was never saved');
  return decodeItem(out.Item);
}

/** Neither partner ever hears a failure. */
function expectNoFailure(answer: Exchange): void {
  expect(answer.speech).not.toMatch(/couldn't save|can't reach|went wrong/i);
}

describe('two partners on two devices, at the same moment, every evening', () => {
  it(`keeps every energy and every win over ${ROUNDS} evenings`, async () => {
    const store = new CountingStore(new DynamoCoupleStore({ tableName: TABLE, region: REGION, endpoint, retentionDays: 30 }));
    const userId = `amzn1.ask.account.concurrency-${randomUUID()}`;
    const clock = new TestClock();
    const sam = talk({ store, clock, userId, personId: SAM_VOICE, timeZone: ZONE }).conversation;
    const alex = talk({ store, clock, userId, personId: ALEX_VOICE, timeZone: ZONE }).conversation;
    await sam.say('open twilight ritual');
    expect((await sam.say('our names are Sam and Alex')).speech).toMatch(/Sam/);
    expect((await sam.say('this is Sam speaking')).speech).toMatch(/know your voice/);
    expect((await alex.say('this is Alex speaking')).speech).toMatch(/know your voice/);
    const setUp = await stored(userId);
    expect(setUp.state.partners.map((p) => p.personId)).toEqual([SAM_VOICE, ALEX_VOICE]);
    const putsBefore = store.puts;
    const conflictsBefore = store.conflicts;

    const days: string[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      if (round > 0) clock.addDays(1);
      const day = localDay(clock.now(), ZONE);
      days.push(day);
      const a = (round % 5) + 1;
      const b = ((round + 2) % 5) + 1;

      const [samEnergy, alexEnergy] = await Promise.all([sam.say(`my energy is ${a}`), alex.say(`my energy is ${b}`)]);
      const [samWin, alexWin] = await Promise.all([sam.say('we had a lovely cuddle'), alex.say('we laughed tonight')]);

      for (const answer of [samEnergy, alexEnergy, samWin, alexWin]) expectNoFailure(answer);
      expect(samEnergy.speech).toMatch(/^(?:Thanks|Thank you|Got it|Noted), Sam\./);
      expect(alexEnergy.speech).toMatch(/^(?:Thanks|Thank you|Got it|Noted), Alex\./);
      expect(samWin.speech).toMatch(/noted a small win: a cuddle/);
      expect(alexWin.speech).toMatch(/noted (a small win|it as a small win)/);
      const record = (await stored(userId)).state.days[day];
      expect({ day, energy: record?.energy, wins: record?.wins?.map((w) => w.category).sort() }).toEqual({
        day,
        energy: { a, b },
        wins: ['cuddle', 'laughed'],
      });
    }

    const final = await stored(userId);
    const kept = days.slice(-HISTORY_DAYS);
    expect(Object.keys(final.state.days).sort()).toEqual(kept);
    expect(kept[0]).toBe(addDays(must(days.at(-1), 'a day played'), -(HISTORY_DAYS - 1)));
    // Four saved turns a round, each written exactly once: nothing lost, nothing applied twice.
    expect(final.version).toBe(setUp.version + 4 * ROUNDS);
    const conflicts = store.conflicts - conflictsBefore;
    expect(conflicts).toBeGreaterThan(0); // the partners really did collide
    expect(store.puts - putsBefore).toBe(4 * ROUNDS + conflicts);
    if (process.env.FAULT_REPORT) process.stderr.write(`\n${ROUNDS} rounds, ${4 * ROUNDS} saved turns: ${conflicts} version conflicts re-applied\n`);
  });
});
