/**
 * Job titles people write both ways, short form → written out (the usual one first): a search for one finds the
 * other ("cio" finds a Chief Information Officer), and a post counts a CIO and a Chief Information Officer as one
 * title and writes "cto", typed on a phone, as CTO.
 */
export const TITLE_FORMS: Record<string, string[]> = {
  ceo: ['chief executive officer', 'chief executive'],
  cio: ['chief information officer'],
  cto: ['chief technology officer', 'chief technical officer'],
  cfo: ['chief financial officer', 'chief finance officer'],
  coo: ['chief operating officer', 'chief operations officer'],
  cdo: ['chief digital officer', 'chief data officer'],
  ciso: ['chief information security officer'],
  cmo: ['chief marketing officer'],
  cpo: ['chief product officer', 'chief people officer'],
  cro: ['chief revenue officer', 'chief risk officer'],
  cso: ['chief security officer', 'chief strategy officer'],
  cxo: ['chief experience officer'],
  vp: ['vice president'],
  md: ['managing director'],
  hr: ['human resources'],
};
