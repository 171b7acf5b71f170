import type { SectorChoices } from './plan';
import type { PreviewRow } from './run';
import { mostChosen } from './votes';

/** The rows written for one organisation named in the file: its sector is chosen once, for all of them. */
export interface OrganisationGroup {
  name: string;
  lines: number[];
  /** True when the import would create the organisation (the address book has none of that name). */
  isNew: boolean;
  /** The sector the organisation has already, if it is known. */
  ownSector: string | null;
  /** What it reads until chosen: its own sector, else the one the import would file it under (mostChosen). */
  suggested: string;
  /** Why `suggested` was guessed ("from “Council” in the organisation’s name"), when it was. */
  guessedWhy: string | null;
  /** How the file writes it otherwise ("HM Revenue & Customs" for "HM Revenue and Customs"), each once. */
  writtenAs: string[];
}

/**
 * The rows by the organisation each files its person under, as the server found it (`filedUnder`): "Beeb", merged
 * into the BBC, is the BBC's row, and someone who stays at an organisation of their own is in no group. No database
 * here: the preview runs it in the browser.
 */
export function organisationGroups(rows: PreviewRow[]): OrganisationGroup[] {
  const groups = new Map<string, OrganisationGroup>();
  const filed = rows.filter((r) => r.action !== 'skip' && r.filedUnder);
  for (const r of filed) {
    const key = r.filedUnder!.key;
    // The planner keys an organisation the import would create by its folded name, 'new:…' (lib/import/plan.ts).
    const g = groups.get(key) ?? {
      name: r.filedUnder!.name,
      lines: [],
      isNew: key.startsWith('new:'),
      ownSector: null,
      suggested: '',
      guessedWhy: null,
      writtenAs: [],
    };
    g.lines.push(r.line);
    const spelt = r.filedUnder!.writtenAs;
    if (spelt && !g.writtenAs.includes(spelt)) g.writtenAs.push(spelt);
    if (r.sectorFromOrganisation) g.ownSector = r.sector;
    groups.set(key, g);
  }
  // What the import would file the organisation under, by its own rule; one that has a sector keeps it.
  const learnt = mostChosen(filed.map((r) => ({ key: r.filedUnder!.key, choice: r.sectorFromOrganisation ? null : r.sector })));
  return [...groups].map(([key, g]) => {
    const suggested = g.ownSector ?? learnt.get(key) ?? '';
    // Guessed when no row of it chose the sector it learns (each row that has it was guessed): the first why says.
    const having = filed.filter((r) => r.filedUnder!.key === key && !r.sectorFromOrganisation && r.sector === suggested);
    const guessedWhy = !g.ownSector && having.length && having.every((r) => r.sectorGuess) ? having[0]!.sectorGuess! : null;
    return { ...g, suggested, guessedWhy };
  });
}

/** What the organisation's choice reads: the one made (all its lines share it, '' for "No sector"), else what its rows suggest. */
export function groupSector(g: OrganisationGroup, choices: SectorChoices): string {
  const chosen = g.lines.find((l) => l in choices);
  return chosen === undefined ? g.suggested : choices[chosen]!;
}

/**
 * The organisations a "set the sector of every organisation without one" choice goes to: those with no sector of
 * their own or from the file, that the user has not chosen for either. "No sector", chosen, is a choice and is kept.
 */
export function organisationsWithoutSector(groups: OrganisationGroup[], choices: SectorChoices): OrganisationGroup[] {
  return groups.filter((g) => !g.suggested && !g.lines.some((l) => l in choices));
}

/** The counts the collapsed list of organisations is summed up by, as they read now (the user's choices included). */
export function organisationCounts(groups: OrganisationGroup[], choices: SectorChoices): { all: number; new: number; withSector: number } {
  return {
    all: groups.length,
    new: groups.filter((g) => g.isNew).length,
    withSector: groups.filter((g) => groupSector(g, choices)).length,
  };
}

/**
 * The choices with `lines` set to `sector`, or taken out (back to what the file suggests) for null. Sent as they
 * are with the import: a sector per line, '' for none.
 */
export function withSector(choices: SectorChoices, lines: number[], sector: string | null): SectorChoices {
  const next = { ...choices };
  for (const line of lines) {
    if (sector === null) delete next[line];
    else next[line] = sector;
  }
  return next;
}
