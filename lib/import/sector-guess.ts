/**
 * A sector for an imported contact the file gives none for, guessed from what the file does give: an email at a
 * government, NHS or university domain, or a word of the organisation's name ("Leeds City Council", "Acme Bank").
 * Only a sector the user has is guessed, by its name as Rapport first made it (they may have renamed or deleted it),
 * and the preview shows why, to be changed like any other choice. No database here: pure, tested on its own.
 */

/** Why a sector was guessed, as the preview says it: "from the .gov.uk email". */
export interface SectorGuess {
  sector: string;
  why: string;
}

type Rule = { sector: string; test: RegExp; why: (match: string) => string };

/** Email domains that say where someone works; the first rule that matches wins. */
const DOMAINS: Rule[] = [
  { sector: 'Health', test: /(?:^|\.)nhs\.(?:uk|net)$/, why: () => 'from the NHS email' },
  {
    sector: 'Government',
    test: /(?:^|\.)(?:gov(?:\.[a-z]{2})?|gov\.(?:scot|wales)|gouv\.fr|mod\.uk|police\.uk|parliament\.uk|europa\.eu)$/,
    why: suffix,
  },
  { sector: 'Higher education', test: /(?:^|\.)(?:ac\.[a-z]{2}|edu(?:\.[a-z]{2})?)$/, why: suffix },
  {
    sector: 'Media',
    test: /(?:^|\.)(?:bbc\.co\.uk|itv\.com|channel4\.co\.uk|sky\.uk|reuters\.com|ft\.com|theguardian\.com|economist\.com|thetimes\.co\.uk)$/,
    why: (m) => `from the ${m.replace(/^\./, '')} email`,
  },
];

/** Words of an organisation's name, in the order tried: "NHS Digital" is Health before "Digital" is Technology. */
const NAMES: Rule[] = [
  { sector: 'Health', test: /\b(?:nhs|hospitals?|clinics?|healthcare|pharma(?:ceuticals)?)\b/i, why: quoted },
  {
    sector: 'Government',
    test: /\b(?:council|ministry|department (?:for|of)|hm treasury|hm revenue|hmrc|home office|cabinet office|foreign office|government|parliament|police|civil service|borough)\b/i,
    why: quoted,
  },
  { sector: 'Higher education', test: /\b(?:university|universities|college|polytechnic)\b/i, why: quoted },
  { sector: 'Media', test: /\b(?:bbc|itv|channel 4|news|media|broadcasting|broadcaster|radio|television|publishing)\b/i, why: quoted },
  { sector: 'Finance', test: /\b(?:bank|banking|insurance|building society|asset management|investments?|capital)\b/i, why: quoted },
  { sector: 'Legal', test: /\b(?:solicitors|barristers|chambers|law firm|legal)\b/i, why: quoted },
  { sector: 'Consulting', test: /\b(?:consulting|consultancy|consultants|advisory)\b/i, why: quoted },
  { sector: 'Charity and non-profit', test: /\b(?:charity|charitable|foundation|trust)\b/i, why: quoted },
  { sector: 'Retail', test: /\b(?:retail|retailers?|stores|supermarkets?)\b/i, why: quoted },
  { sector: 'Manufacturing', test: /\b(?:manufacturing|manufacturers?|engineering|aerospace|industries)\b/i, why: quoted },
  { sector: 'Technology', test: /\b(?:software|technology|technologies|tech|systems|cloud|cyber|data)\b/i, why: quoted },
];

/** "from the .gov.uk email", for the end of a domain that says it. */
function suffix(end: string): string {
  return `from the .${end.replace(/^\./, '')} email`;
}

function quoted(word: string): string {
  return `from “${word}” in the organisation’s name`;
}

/** Addresses anyone can have: the people the user knows there say nothing of where a new one works. */
const FREE_MAIL =
  /^(?:gmail\.com|googlemail\.com|outlook\.com|hotmail\.(?:com|co\.uk)|live\.(?:com|co\.uk)|msn\.com|yahoo\.(?:com|co\.uk)|ymail\.com|icloud\.com|me\.com|mac\.com|aol\.com|proton(?:mail)?\.(?:com|me)|pm\.me|gmx\.(?:com|net|de)|mail\.com|btinternet\.com|virginmedia\.com|sky\.com|talktalk\.net|zoho\.com|fastmail\.com|hey\.com)$/;

/** The domain of an email address, lower-cased; null when it has none. */
function domainOf(email: string): string | null {
  return email.trim().toLowerCase().split('@')[1] || null;
}

/** The domain of an email address, lower-cased; null when it has none or anyone can have it. */
export function workDomain(email: string): string | null {
  const domain = domainOf(email);
  return domain && !FREE_MAIL.test(domain) ? domain : null;
}

/**
 * The guess for a contact at `organisation` with `emails`, among the user's sectors (`sectorNames`: folded name →
 * name); null when nothing says, or the sector it would be is not one of theirs. `known`: for a work domain, the one
 * sector the user's people with an address there are in (they know best: "acme.com" is Technology if their Acme people
 * are).
 */
export function guessSector(
  organisation: string | null | undefined,
  emails: string[],
  sectorNames: ReadonlyMap<string, string>,
  known: ReadonlyMap<string, string> = new Map(),
): SectorGuess | null {
  const theirs = (sector: string) => sectorNames.get(sector.toLowerCase()) ?? null;
  for (const email of emails) {
    const domain = workDomain(email);
    const sector = domain && known.get(domain);
    if (sector) return { sector, why: `from your other people at ${domain}` };
  }
  for (const email of emails) {
    const domain = domainOf(email);
    if (!domain) continue;
    for (const rule of DOMAINS) {
      const m = rule.test.exec(domain);
      const sector = m && theirs(rule.sector);
      if (sector) return { sector, why: rule.why(m[0]) };
    }
  }
  if (!organisation) return null;
  for (const rule of NAMES) {
    const m = rule.test.exec(organisation);
    const sector = m && theirs(rule.sector);
    if (sector) return { sector, why: rule.why(m[0]) };
  }
  return null;
}
