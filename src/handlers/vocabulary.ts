import model from '../../models/en-US.json';

interface SlotTypeValue {
  id?: string;
  name: { value: string; synonyms?: string[] };
}

const types = model.interactionModel.languageModel.types as { name: string; values: SlotTypeValue[] }[];

/** Looks a spoken word up in a custom slot type of the model, returning the value's id. */
export function lookupSlotValue(typeName: string, text: string | undefined): string | undefined {
  if (!text) return undefined;
  const wanted = text.trim().toLowerCase();
  const type = types.find((t) => t.name === typeName);
  for (const value of type?.values ?? []) {
    const words = [value.name.value, ...(value.name.synonyms ?? [])].map((w) => w.toLowerCase());
    if (words.includes(wanted)) return value.id ?? value.name.value;
  }
  return undefined;
}
