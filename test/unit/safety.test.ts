import { hasRedFlag, isRedFlagBodyPart } from '../../src/domain/safety';

describe('red flags in any slot', () => {
  it.each([
    'chest pain',
    'my chest',
    'jaw',
    'my left arm is numb',
    'arm pain',
    'collapsed',
    'bleeding heavily',
    'a panic attack',
    'lightheaded',
    'giddy',
    "can't breathe",
    'dizzy',
    'palpitations',
    'slurred speech',
    'he is slurring',
    'a seizure',
    'convulsing',
    'not breathing',
    'her face is drooping',
  ])('"%s" is a red flag', (text) => expect(hasRedFlag(text)).toBe(true));

  it.each(['arm in arm', 'walked arm in arm', 'a heart to heart', 'blood test', 'back', 'tired', 'wiped out', 'a cuddle', 'Sam', 'breathing slowly together'])(
    '"%s" is not',
    (text) => expect(hasRedFlag(text)).toBe(false),
  );

  it('treats a sore chest, jaw or arm as a red flag, never as soreness', () => {
    for (const part of ['chest', 'jaw', 'arm', 'arms']) expect(isRedFlagBodyPart(part)).toBe(true);
    for (const part of ['back', 'knees', 'shoulders', undefined]) expect(isRedFlagBodyPart(part)).toBe(false);
  });
});
