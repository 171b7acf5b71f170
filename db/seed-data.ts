/** Word lists for the seed: realistic enough to make search, facets and posts worth looking at. */

export const FIRST_NAMES = [
  'Amelia', 'Oliver', 'Priya', 'James', 'Sofia', 'Mohammed', 'Grace', 'Thomas', 'Aisha', 'William', 'Chloe',
  'Daniel', 'Fatima', 'Harry', 'Isla', 'Jack', 'Mei', 'Lucas', 'Niamh', 'Oscar', 'Rosa', 'Samuel', 'Zara', 'Ethan',
  'Hannah', 'Kwame', 'Lena', 'Marcus', 'Nadia', 'Owen', 'Rachel', 'Tariq', 'Yasmin', 'Ben', 'Carys', 'Dev', 'Elena',
  'Finn', 'Gemma', 'Hugo', 'Imogen', 'Jonah', 'Kate', 'Leo', 'Maya', 'Nathan', 'Olivia', 'Patrick', 'Ruth', 'Sean',
];

export const LAST_NAMES = [
  'Smith', 'Patel', 'Jones', 'Williams', 'Khan', 'Brown', 'Taylor', 'Davies', 'Evans', 'Wilson', 'Thomas', 'Roberts',
  'Johnson', 'Lewis', 'Walker', 'Robinson', 'Wood', 'Thompson', 'White', 'Hughes', 'Edwards', 'Green', 'Hall',
  'Martin', 'Clarke', 'Jackson', 'Okafor', 'Nguyen', 'Murphy', "O'Brien", 'Kowalski', 'Rossi', 'Fernandes', 'Chen',
  'Ahmed', 'Singh', 'Mensah', 'Novak', 'Fischer', 'Moreau', 'Lindqvist', 'Byrne', 'Campbell', 'Stewart', 'Reid',
];

/** Per sector: organisation stems (combined with places where a place makes sense) and typical roles. */
export const SECTOR_DATA: Record<string, { orgs: string[]; placed?: string[]; roles: string[] }> = {
  Government: {
    orgs: [
      'Department for Education', 'HM Treasury', 'Home Office', 'Cabinet Office', 'Ministry of Justice',
      'Department of Health and Social Care', 'HM Revenue and Customs', 'Department for Work and Pensions',
      'Government Digital Service', 'Ministry of Defence', 'Office for National Statistics', 'Land Registry',
    ],
    placed: ['City Council', 'County Council', 'Borough Council'],
    roles: ['Head of IT', 'Chief Information Officer', 'Chief Digital Officer', 'Deputy Director, Digital', 'Service Owner', 'Head of Cyber Security', 'Enterprise Architect', 'Head of Data'],
  },
  'Higher education': {
    orgs: ['Open University', 'Imperial College London', 'London School of Economics', 'King’s College London'],
    placed: ['University', 'College'],
    roles: ['Director of IT Services', 'Pro-Vice-Chancellor (Digital)', 'Research Software Lead', 'Head of Learning Technology', 'Lecturer in Computing'],
  },
  Media: {
    orgs: ['BBC', 'Channel 4', 'ITV', 'Sky News', 'Guardian Media Group', 'Financial Times', 'Reuters', 'The Economist', 'Global Radio'],
    roles: ['Head of Audience Data', 'Chief Technology Officer', 'Digital Editor', 'Head of Product', 'Data Journalist', 'Director of Engineering'],
  },
  Technology: {
    orgs: ['Arm', 'Sage', 'Darktrace', 'Ocado Technology', 'Monzo', 'Deliveroo', 'Wise', 'Snyk', 'Graphcore', 'Improbable'],
    placed: ['Cloud', 'Analytics', 'Labs'],
    roles: ['Solutions Architect', 'Account Director, Public Sector', 'VP Engineering', 'Head of Developer Relations', 'Founder', 'Product Manager'],
  },
  Finance: {
    orgs: ['Barclays', 'HSBC', 'Lloyds Banking Group', 'Nationwide', 'Aviva', 'Legal & General', 'Bank of England', 'Schroders'],
    roles: ['Chief Risk Officer', 'Head of Fraud Analytics', 'CTO, Retail Banking', 'Head of Open Banking', 'Platform Lead'],
  },
  Health: {
    orgs: ['NHS England', 'NHS Digital', 'Guy’s and St Thomas’', 'UK Health Security Agency', 'Wellcome Trust'],
    placed: ['NHS Foundation Trust', 'Integrated Care Board'],
    roles: ['Chief Clinical Information Officer', 'Director of Digital Transformation', 'Head of Informatics', 'Data Protection Officer'],
  },
  'Charity and non-profit': {
    orgs: ['Citizens Advice', 'Oxfam', 'British Red Cross', 'Macmillan Cancer Support', 'Shelter', 'Age UK', 'NSPCC'],
    roles: ['Head of Digital', 'Director of Fundraising', 'Volunteer Coordinator', 'Chief Executive', 'Data and Insight Manager'],
  },
  Legal: {
    orgs: ['Clifford Chance', 'Linklaters', 'Allen & Overy', 'Freshfields', 'Slaughter and May'],
    roles: ['Partner, Technology', 'Legal Engineer', 'Head of Knowledge', 'Privacy Counsel'],
  },
  Consulting: {
    orgs: ['Deloitte', 'PwC', 'Accenture', 'Capgemini', 'Kainos', 'Made Tech', 'Public Digital', 'CGI'],
    roles: ['Principal Consultant', 'Delivery Director', 'Head of Public Sector', 'User Researcher', 'Partner'],
  },
  Retail: {
    orgs: ['Tesco', 'Sainsbury’s', 'John Lewis Partnership', 'Marks & Spencer', 'Boots', 'ASOS'],
    roles: ['Chief Data Officer', 'Head of E-commerce', 'Store Systems Lead', 'Loyalty Product Manager'],
  },
  Manufacturing: {
    orgs: ['Rolls-Royce', 'BAE Systems', 'Jaguar Land Rover', 'Unilever', 'GSK', 'Dyson'],
    roles: ['Head of Industrial IoT', 'Digital Manufacturing Lead', 'CIO', 'Supply Chain Analytics Manager'],
  },
  Other: {
    orgs: ['Royal Society', 'British Library', 'National Trust', 'Transport for London', 'Network Rail'],
    roles: ['Head of Innovation', 'Programme Manager', 'Community Manager', 'Director of Operations'],
  },
};

export const PLACES = [
  'Leeds', 'Manchester', 'Bristol', 'Birmingham', 'Kent', 'Surrey', 'Glasgow', 'Cardiff', 'Sheffield', 'Newcastle',
  'Nottingham', 'Liverpool', 'Oxford', 'Cambridge', 'Brighton', 'York', 'Norfolk', 'Essex', 'Devon', 'Cornwall',
  'Lancashire', 'Hampshire', 'Edinburgh', 'Belfast', 'Leicester', 'Coventry', 'Reading', 'Exeter', 'Bath', 'Durham',
];

export const SERIES = [
  { name: 'CIO Club', venue: 'The Shard, London', host: 'CIO Club' },
  { name: 'Digital Leaders Salon', venue: 'Google Academy, London', host: 'Digital Leaders' },
  { name: 'Public Sector CTO Forum', venue: 'Manchester Central', host: 'techUK' },
  { name: 'Women in Data breakfast', venue: 'Barbican Centre', host: 'Women in Data' },
  { name: 'Open Data Camp', venue: 'ODI, London', host: 'Open Data Institute' },
];

export const TOPICS = [
  'cloud', 'open data', 'AI governance', 'cyber security', 'device policy', 'legacy modernisation', 'procurement',
  'digital inclusion', 'data ethics', 'skills and hiring', 'remote working', 'sustainability', 'identity',
  'accessibility', 'platform teams', 'audience data', 'generative AI', 'zero trust', 'user research', 'interoperability',
];

export const FACTS = [
  '70% of public sector IT budgets go on keeping legacy systems running',
  'Only 1 in 5 councils has a published data strategy',
  'Phishing accounts for 84% of reported cyber incidents in government',
  'Audience time on streaming grew 30% year on year',
  'Half of digital projects overrun because of procurement delays',
  'A third of the workforce will need reskilling for AI within five years',
  'Moving to the cloud cut hosting costs by 40% at one department',
  '90% of users abandon a service after two failed log-ins',
];

export const FOLLOW_UPS = [
  'Send the blog post on device policy',
  'Compare notes on zero trust rollout',
  'Introduce to our head of data',
  'Share the procurement framework slides',
  'Book a coffee to talk about legacy modernisation',
  'Read the report they recommended',
  'Connect on LinkedIn',
  'Ask for the case study on cloud migration',
];

export const NOTES = [
  'Talked about their move to the cloud; keen to share lessons.',
  'Quiet at first, then very open about hiring struggles.',
  'Runs a community of practice; might invite me to speak.',
  'Asked good questions during the panel.',
  'Met at the coffee queue; knows our CTO.',
];
