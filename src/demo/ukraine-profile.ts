/**
 * The Ukraine demo profile (../shared/domain/demo-data.md): real institutions of the National Mechanism
 * for Interaction with invented contact details, and invented staff. No real person appears here.
 */
export type DemoOrganisation = {
  key: string;
  nameUk: string;
  nameEn: string;
  type: string;
  /** KATOTTH codes; empty means nationwide. */
  jurisdiction: string[];
  contacts?: { phone?: string; email?: string; address?: string; website?: string };
};

export type DemoUser = {
  username: string;
  displayName: string;
  organisation: string;
  roles: string[];
  locale?: 'uk' | 'en';
};

/** Oblasts (and Kyiv city): KATOTTH code, Ukrainian adjective, English name. */
export const OBLASTS = [
  ['UA05000000000010236', 'Вінницька', 'Vinnytsia'],
  ['UA07000000000024379', 'Волинська', 'Volyn'],
  ['UA12000000000090473', 'Дніпропетровська', 'Dnipropetrovsk'],
  ['UA14000000000091971', 'Донецька', 'Donetsk'],
  ['UA18000000000041385', 'Житомирська', 'Zhytomyr'],
  ['UA21000000000011690', 'Закарпатська', 'Zakarpattia'],
  ['UA23000000000064947', 'Запорізька', 'Zaporizhzhia'],
  ['UA26000000000069363', 'Івано-Франківська', 'Ivano-Frankivsk'],
  ['UA32000000000030281', 'Київська', 'Kyiv'],
  ['UA35000000000016081', 'Кіровоградська', 'Kirovohrad'],
  ['UA44000000000018893', 'Луганська', 'Luhansk'],
  ['UA46000000000026241', 'Львівська', 'Lviv'],
  ['UA48000000000039575', 'Миколаївська', 'Mykolaiv'],
  ['UA51000000000030770', 'Одеська', 'Odesa'],
  ['UA53000000000028050', 'Полтавська', 'Poltava'],
  ['UA56000000000066151', 'Рівненська', 'Rivne'],
  ['UA59000000000057109', 'Сумська', 'Sumy'],
  ['UA61000000000060328', 'Тернопільська', 'Ternopil'],
  ['UA63000000000041885', 'Харківська', 'Kharkiv'],
  ['UA65000000000030969', 'Херсонська', 'Kherson'],
  ['UA68000000000099709', 'Хмельницька', 'Khmelnytskyi'],
  ['UA71000000000010357', 'Черкаська', 'Cherkasy'],
  ['UA73000000000044923', 'Чернівецька', 'Chernivtsi'],
  ['UA74000000000025378', 'Чернігівська', 'Chernihiv'],
] as const;
const KYIV_CITY = 'UA80000000000093317';
const oblastCode = (en: string) => OBLASTS.find((o) => o[2] === en)![0];
/** "Вінницька" → "Вінницькій" (locative of the oblast adjective). */
const locative = (adjective: string) => adjective.replace(/а$/, 'ій');

const nssDepartments: DemoOrganisation[] = [
  ...OBLASTS.map(([code, uk, en]) => ({
    key: `nss-${en.toLowerCase()}`,
    nameUk: `Головне управління Національної соціальної сервісної служби у ${locative(uk)} області`,
    nameEn: `National Social Service Main Department in ${en} Oblast`,
    type: 'nss_oblast_department',
    jurisdiction: [code],
  })),
  {
    key: 'nss-kyiv-city',
    nameUk: 'Головне управління Національної соціальної сервісної служби у місті Києві',
    nameEn: 'National Social Service Main Department in Kyiv City',
    type: 'nss_oblast_department',
    jurisdiction: [KYIV_CITY],
  },
];

const oblastAdministrations: DemoOrganisation[] = (
  [
    ['Vinnytsia', 'Департамент соціальної та молодіжної політики Вінницької обласної державної адміністрації', 'Department of Social and Youth Policy, Vinnytsia Oblast State Administration'],
    ['Kharkiv', 'Департамент соціального захисту населення Харківської обласної державної адміністрації', 'Department of Social Protection, Kharkiv Oblast State Administration'],
    ['Dnipropetrovsk', 'Департамент соціального захисту населення Дніпропетровської обласної державної адміністрації', 'Department of Social Protection, Dnipropetrovsk Oblast State Administration'],
    ['Volyn', 'Департамент соціальної політики Волинської обласної державної адміністрації', 'Department of Social Policy, Volyn Oblast State Administration'],
    ['Ternopil', 'Управління соціального захисту населення Тернопільської обласної державної адміністрації', 'Social Protection Directorate, Ternopil Oblast State Administration'],
  ] as const
).map(([en, nameUk, nameEn]) => ({
  key: `osa-${en.toLowerCase()}`,
  nameUk,
  nameEn,
  type: 'oblast_administration',
  jurisdiction: [oblastCode(en)],
}));

const coalitionNgos: DemoOrganisation[] = [
  ['dzherelo', 'ГО «Джерело надій»', 'NGO Dzherelo Nadii (Source of Hope)', 'Vinnytsia'],
  ['promin', 'ГО «Промінь»', 'NGO Promin', 'Dnipropetrovsk'],
  ['caritas-if', 'Карітас Івано-Франківськ УГКЦ', 'Caritas Ivano-Frankivsk UGCC', 'Ivano-Frankivsk'],
  ['chaika', 'Центр «Чайка»', 'Chaika Centre', 'Rivne'],
  ['volyn-perspectives', 'ГО «Волинські перспективи»', 'NGO Volyn Perspectives', 'Volyn'],
  ['revival', 'ТЦЖГ «Відродження нації»', 'TCWC Revival of the Nation', 'Ternopil'],
  ['chernihiv-committee', 'Чернігівський громадський комітет захисту прав людини', 'Chernihiv Public Committee for Human Rights Protection', 'Chernihiv'],
  ['ksena', 'Благодійний фонд «Ксена»', 'Ksena Charitable Foundation', 'Khmelnytskyi'],
  ['egida', 'ГО «Егіда-Запоріжжя»', 'NGO Egida-Zaporizhzhia', 'Zaporizhzhia'],
  ['liubystok', 'ГО «Любисток»', 'NGO Liubystok', 'Mykolaiv'],
  ['life-cherkasy', 'ГО «100% життя. Черкаси»', '100% Life Cherkasy', 'Cherkasy'],
  ['successful-woman', 'ГО «Успішна жінка»', 'NGO Successful Woman', 'Kherson'],
  ['faith-hope-love', 'БФ «Віра, Надія, Любов»', 'Faith, Hope, Love Charitable Foundation', 'Odesa'],
  ['light-of-hope', 'ГО «Світло надії»', 'NGO Light of Hope', 'Poltava'],
].map(([key, nameUk, nameEn, oblast]) => ({
  key: key!,
  nameUk: nameUk!,
  nameEn: nameEn!,
  type: 'ngo',
  jurisdiction: [oblastCode(oblast!)],
}));

export const ukraineDemoOrganisations: DemoOrganisation[] = [
  {
    key: 'mosp',
    nameUk: 'Міністерство соціальної політики України',
    nameEn: 'Ministry of Social Policy of Ukraine',
    type: 'ministry_social_policy',
    jurisdiction: [],
    contacts: { address: 'вул. Еспланадна, 8/10, Київ', website: 'https://www.msp.gov.ua' },
  },
  {
    key: 'nss',
    nameUk: 'Національна соціальна сервісна служба України',
    nameEn: 'National Social Service of Ukraine',
    type: 'national_social_service',
    jurisdiction: [],
    contacts: { website: 'https://nssu.gov.ua' },
  },
  ...nssDepartments,
  ...oblastAdministrations,
  {
    key: 'kyiv-city-social',
    nameUk: 'Департамент соціальної політики виконавчого органу Київської міської ради (КМДА)',
    nameEn: 'Department of Social Policy, Kyiv City State Administration',
    type: 'city_administration',
    jurisdiction: [KYIV_CITY],
  },
  {
    key: 'police-migration',
    nameUk: 'Департамент міграційної поліції Національної поліції України',
    nameEn: 'Migration Police Department, National Police of Ukraine',
    type: 'police',
    jurisdiction: [],
  },
  {
    key: 'police-vinnytsia',
    nameUk: 'Головне управління Національної поліції у Вінницькій області',
    nameEn: 'National Police Main Directorate in Vinnytsia Oblast',
    type: 'police',
    jurisdiction: [oblastCode('Vinnytsia')],
  },
  {
    key: 'police-kharkiv',
    nameUk: 'Головне управління Національної поліції в Харківській області',
    nameEn: 'National Police Main Directorate in Kharkiv Oblast',
    type: 'police',
    jurisdiction: [oblastCode('Kharkiv')],
  },
  {
    key: 'police-kyiv',
    nameUk: 'Головне управління Національної поліції у м. Києві',
    nameEn: 'National Police Main Directorate in Kyiv City',
    type: 'police',
    jurisdiction: [KYIV_CITY],
  },
  {
    key: 'vinnytsia-childrens-service',
    nameUk: 'Служба у справах дітей Вінницької міської ради',
    nameEn: 'Children\u2019s Service, Vinnytsia City Council',
    type: 'childrens_service',
    jurisdiction: ['UA05020030010063857'],
  },
  {
    key: 'vinnytsia-css',
    nameUk: 'Вінницький обласний центр соціальних служб',
    nameEn: 'Vinnytsia Oblast Centre of Social Services',
    type: 'social_services_centre',
    jurisdiction: [oblastCode('Vinnytsia')],
  },
  {
    key: 'lastrada',
    nameUk: 'Міжнародний жіночий правозахисний центр «Ла Страда-Україна»',
    nameEn: 'La Strada-Ukraine International Women\u2019s Rights Centre',
    type: 'ngo',
    jurisdiction: [],
    contacts: { phone: '+380800500335', website: 'https://la-strada.org.ua' },
  },
  {
    key: 'hotline-527',
    nameUk: 'Національна гаряча лінія з протидії торгівлі людьми 527 (ТЦЖГ «Відродження нації»)',
    nameEn: 'National Counter-Trafficking Hotline 527 (TCWC Revival of the Nation)',
    type: 'hotline',
    jurisdiction: [],
    contacts: { phone: '527' },
  },
  {
    key: 'iom',
    nameUk: 'Представництво Міжнародної організації з міграції (МОМ) в Україні',
    nameEn: 'International Organization for Migration (IOM) Mission in Ukraine',
    type: 'international_organisation',
    jurisdiction: [],
    contacts: { website: 'https://ukraine.iom.int' },
  },
  ...coalitionNgos,
];

export const ukraineDemoUsers: DemoUser[] = [
  { username: 'admin', displayName: 'Олександр Бондаренко', organisation: 'mosp', roles: ['system_admin'] },
  { username: 'orgadmin.lastrada', displayName: 'Наталія Ковальчук', organisation: 'lastrada', roles: ['org_admin'] },
  { username: 'orgadmin.iom', displayName: 'Andrii Melnyk', organisation: 'iom', roles: ['org_admin'], locale: 'en' },
  { username: 'hotline.lastrada', displayName: 'Ірина Шевчук', organisation: 'lastrada', roles: ['hotline_operator'] },
  { username: 'hotline.527', displayName: 'Марія Гнатюк', organisation: 'hotline-527', roles: ['hotline_operator'] },
  { username: 'caseworker.dzherelo', displayName: 'Оксана Ткаченко', organisation: 'dzherelo', roles: ['case_worker'] },
  { username: 'official.vinnytsia', displayName: 'Сергій Кравчук', organisation: 'osa-vinnytsia', roles: ['responsible_official'] },
  { username: 'official.kharkiv', displayName: 'Тетяна Мороз', organisation: 'osa-kharkiv', roles: ['responsible_official'] },
  { username: 'decision.nss', displayName: 'Віктор Олійник', organisation: 'nss', roles: ['decision_body_member'] },
  { username: 'police.vinnytsia', displayName: 'Дмитро Савченко', organisation: 'police-vinnytsia', roles: ['police_liaison'] },
  { username: 'programme.iom', displayName: 'Olena Marchenko', organisation: 'iom', roles: ['programme_officer'], locale: 'en' },
  { username: 'analyst.mosp', displayName: 'Юлія Лисенко', organisation: 'mosp', roles: ['analyst'] },
  { username: 'monitor.coalition', displayName: 'Галина Руденко', organisation: 'lastrada', roles: ['coalition_monitor'] },
  { username: 'dpo.mosp', displayName: 'Андрій Коваленко', organisation: 'mosp', roles: ['data_protection_officer'] },
];
