/**
 * Skatteetaten's semantic rules for a beslutning, as the simulator imitates them (reference §3:
 * ELAN answers a syntactically valid but wrong submission with 422 and the list of every rule it
 * breaks). Field names follow model 1.0 and 2.0, which share `beslutning` and `betalingsinformasjon`.
 */
export interface RuleBreach {
  vilkaarnavn: string;
  melding: string;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function objectAt(value: unknown, key: string): Record<string, unknown> | undefined {
  const node = typeof value === 'object' && value !== null ? (value as Record<string, unknown>)[key] : undefined;
  return typeof node === 'object' && node !== null && !Array.isArray(node)
    ? (node as Record<string, unknown>)
    : undefined;
}

/** Norwegian account numbers: 11 digits, the last a mod 11 check digit (weights 5,4,3,2,7,6,5,4,3,2). */
export function isValidKontonummer(value: string): boolean {
  if (!/^\d{11}$/.test(value)) return false;
  const weights = [5, 4, 3, 2, 7, 6, 5, 4, 3, 2];
  const sum = weights.reduce((total, weight, i) => total + weight * Number(value[i]), 0);
  const check = 11 - (sum % 11);
  return check !== 10 && (check === 11 ? 0 : check) === Number(value[10]);
}

function luhnValid(digits: string): boolean {
  let sum = 0;
  for (let i = 0; i < digits.length; i += 1) {
    let digit = Number(digits[digits.length - 1 - i]);
    if (i % 2 === 1) digit = digit * 2 > 9 ? digit * 2 - 9 : digit * 2;
    sum += digit;
  }
  return sum % 10 === 0;
}

function mod11KidValid(digits: string): boolean {
  const body = digits.slice(0, -1);
  let sum = 0;
  for (let i = 0; i < body.length; i += 1) sum += Number(body[body.length - 1 - i]) * (2 + (i % 6));
  const remainder = sum % 11;
  const check = remainder === 0 ? '0' : remainder === 1 ? '-' : String(11 - remainder);
  return check === digits.slice(-1);
}

/** KID: 2–25 digits whose last is a MOD10 (Luhn) or MOD11 check digit ('-' for MOD11's 10). */
export function isValidKid(value: string): boolean {
  return /^\d{1,24}[\d-]$/.test(value) && (luhnValid(value) || mod11KidValid(value));
}

/** Every rule the beslutning breaks, except duplicates (the registry knows those); `isIssued`: whether the simulator issued a vedlegg uuid. */
export function beslutningBreaches(body: Record<string, unknown>, isIssued: (uuid: string) => boolean): RuleBreach[] {
  const breaches: RuleBreach[] = [];
  const vedlegg = objectAt(body, 'beslutning');
  if (typeof vedlegg?.uuid !== 'string' || !UUID.test(vedlegg.uuid) || !isIssued(vedlegg.uuid)) {
    breaches.push({
      vilkaarnavn: 'VEDLEGG_SKAL_HA_UUID',
      melding: 'Beslutningen må vise til et opplastet vedlegg med uuid',
    });
  }
  const betaling = objectAt(body, 'betalingsinformasjon');
  const konto = objectAt(betaling, 'kontoinformasjon')?.kontonummer;
  if (
    betaling?.norskKonto !== false &&
    konto !== undefined &&
    (typeof konto !== 'string' || !isValidKontonummer(konto))
  ) {
    breaches.push({ vilkaarnavn: 'UGYLDIG_KONTONR', melding: 'Kontonummeret er ikke et gyldig norsk kontonummer' });
  }
  const kid = betaling?.kidnummer;
  if (kid !== undefined && (typeof kid !== 'string' || !isValidKid(kid))) {
    breaches.push({ vilkaarnavn: 'UGYLDIG_KID', melding: 'KID-nummeret har feil kontrollsiffer' });
  }
  return breaches;
}
