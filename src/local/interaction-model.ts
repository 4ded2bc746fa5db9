/** The parts of an Alexa interaction model (models/*.json) the NLU stand-in reads. */
interface ModelSlot {
  name: string;
  type: string;
  samples?: string[];
}

interface ModelIntent {
  name: string;
  slots?: ModelSlot[];
  samples?: string[];
}

interface ModelType {
  name: string;
  values: { id?: string; name: { value: string; synonyms?: string[] } }[];
}

export interface InteractionModel {
  interactionModel: {
    languageModel: { intents: ModelIntent[]; types?: ModelType[] };
    dialog?: { intents?: { name: string; slots?: { name: string; elicitationRequired?: boolean; prompts?: { elicitation?: string } }[] }[] };
    prompts?: { id: string; variations: { type: string; value: string }[] }[];
  };
}
