import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { getIntentName, getRequestType, SkillBuilders, type ErrorHandler, type HandlerInput, type RequestHandler, type Skill } from 'ask-sdk-core';
import type { IntentRequest, RequestEnvelope, ResponseEnvelope } from 'ask-sdk-model';

/**
 * The tutorial-shaped skill the bench compares Twilight with: per turn one GetItem and one PutItem
 * of the user's attribute blob, stored like ASK's DynamoDbPersistenceAdapter ({ id, attributes }).
 */
export function buildBaselineSkill(client: DynamoDBClient, tableName: string): Skill {
  const db = DynamoDBDocumentClient.from(client);

  const load = async (input: HandlerInput): Promise<Record<string, unknown>> => {
    const out = await db.send(new GetCommand({ TableName: tableName, Key: { id: userIdOf(input) } }));
    return (out.Item?.attributes as Record<string, unknown> | undefined) ?? {};
  };
  const save = (input: HandlerInput, attributes: Record<string, unknown>) =>
    db.send(new PutCommand({ TableName: tableName, Item: { id: userIdOf(input), attributes } }));

  const launch: RequestHandler = {
    canHandle: (input) => getRequestType(input.requestEnvelope) === 'LaunchRequest',
    async handle(input) {
      const attributes = await load(input);
      const visits = Number(attributes.visits ?? 0) + 1;
      await save(input, { ...attributes, visits, lastSeen: new Date().toISOString() });
      const speech = visits === 1 ? 'Welcome! What are your names?' : 'Welcome back! How is your energy tonight?';
      return input.responseBuilder.speak(speech).reprompt('What would you like to do?').getResponse();
    },
  };

  const anyIntent: RequestHandler = {
    canHandle: (input) => getRequestType(input.requestEnvelope) === 'IntentRequest',
    async handle(input) {
      const intent = getIntentName(input.requestEnvelope);
      const slots = (input.requestEnvelope.request as IntentRequest).intent.slots ?? {};
      const attributes = await load(input);
      const said = Object.fromEntries(
        Object.values(slots)
          .filter((s) => s.value)
          .map((s) => [s.name, s.value]),
      );
      const log = [...((attributes.log as unknown[] | undefined) ?? []), { intent, said, at: new Date().toISOString() }].slice(-20);
      await save(input, { ...attributes, log, turns: Number(attributes.turns ?? 0) + 1 });
      if (intent === 'AMAZON.StopIntent' || intent === 'AMAZON.CancelIntent') {
        return input.responseBuilder.speak('Goodnight!').withShouldEndSession(true).getResponse();
      }
      return input.responseBuilder.speak(`Okay, ${intent}.`).reprompt('What next?').getResponse();
    },
  };

  const sessionEnded: RequestHandler = {
    canHandle: (input) => getRequestType(input.requestEnvelope) === 'SessionEndedRequest',
    handle: (input) => input.responseBuilder.getResponse(),
  };

  const errors: ErrorHandler = {
    canHandle: () => true,
    handle: (input, error) => {
      console.log(JSON.stringify({ level: 'ERROR', message: 'turn failed', error: error.name }));
      return input.responseBuilder.speak('Sorry, something went wrong.').getResponse();
    },
  };

  return SkillBuilders.custom().addRequestHandlers(launch, anyIntent, sessionEnded).addErrorHandlers(errors).create();
}

function userIdOf(input: HandlerInput): string {
  return input.requestEnvelope.context.System.user.userId;
}

const skill = buildBaselineSkill(new DynamoDBClient({ endpoint: process.env.DYNAMODB_ENDPOINT }), process.env.TABLE_NAME ?? 'twilight-bench-baseline');

/** The Lambda entry, as tutorials write it. */
export const handler = async (event: RequestEnvelope, context?: unknown): Promise<ResponseEnvelope> => skill.invoke(event, context);
