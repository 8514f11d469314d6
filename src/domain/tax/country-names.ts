// Country names for notes and reasons; codes outside the list are shown as the code.

const NAMES: Readonly<Record<string, readonly [de: string, en: string]>> = {
  AT: ['Österreich', 'Austria'],
  BE: ['Belgien', 'Belgium'],
  BG: ['Bulgarien', 'Bulgaria'],
  CY: ['Zypern', 'Cyprus'],
  CZ: ['Tschechien', 'Czechia'],
  DE: ['Deutschland', 'Germany'],
  DK: ['Dänemark', 'Denmark'],
  EE: ['Estland', 'Estonia'],
  ES: ['Spanien', 'Spain'],
  FI: ['Finnland', 'Finland'],
  FR: ['Frankreich', 'France'],
  GR: ['Griechenland', 'Greece'],
  HR: ['Kroatien', 'Croatia'],
  HU: ['Ungarn', 'Hungary'],
  IE: ['Irland', 'Ireland'],
  IT: ['Italien', 'Italy'],
  LT: ['Litauen', 'Lithuania'],
  LU: ['Luxemburg', 'Luxembourg'],
  LV: ['Lettland', 'Latvia'],
  MT: ['Malta', 'Malta'],
  NL: ['Niederlande', 'Netherlands'],
  PL: ['Polen', 'Poland'],
  PT: ['Portugal', 'Portugal'],
  RO: ['Rumänien', 'Romania'],
  SE: ['Schweden', 'Sweden'],
  SI: ['Slowenien', 'Slovenia'],
  SK: ['Slowakei', 'Slovakia'],
  XI: ['Nordirland', 'Northern Ireland'],
  GB: ['Vereinigtes Königreich', 'United Kingdom'],
  CH: ['Schweiz', 'Switzerland'],
  LI: ['Liechtenstein', 'Liechtenstein'],
  NO: ['Norwegen', 'Norway'],
  US: ['Vereinigte Staaten', 'United States'],
};

export function countryName(code: string, language: 'de' | 'en' = 'en'): string {
  const names = NAMES[code.toUpperCase()];
  if (!names) return code.toUpperCase();
  return language === 'de' ? names[0] : names[1];
}
