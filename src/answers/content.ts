import { loadCatalogue, loadCheckIns, type Activity, type CheckIn } from '../domain/pacing';

/** The activity catalogue, validated once per container. */
export const CATALOGUE: readonly Activity[] = loadCatalogue();

/** The check-in bank, validated once per container. */
export const CHECK_INS: readonly CheckIn[] = loadCheckIns();
