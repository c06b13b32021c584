import type { CategoryCode, CommunityKind, DepartmentKind } from '@gongyi/domain';

// The demo town: 小昆山镇 as the notice (松昆府字〔2012〕100号) organises it. Departments, coops,
// teams and assignments reproduce DOMAIN.md R2–R4; communities are synthetic (示范一村…).

export const TOWN = { code: 'xiaokunshan', name: '小昆山镇', district: '上海市松江区' };

/** The notice took effect with November 2012's pay (§五 5). */
export const INTEGRATION_DATE = '2012-11-01';
const EXISTING = '2012-01-01';

export const DEPARTMENTS: { name: string; shortName?: string; kind: DepartmentKind; note?: string }[] = [
  { name: '社会保障事务所', shortName: '社保所', kind: 'town_office', note: '领导小组办公室与两个服务社所在地' },
  { name: '党群办', kind: 'town_office' },
  { name: '社会事业管理办公室', shortName: '社事办', kind: 'town_office' },
  { name: '社会治安综合治理办公室', shortName: '综治办', kind: 'town_office' },
  { name: '村镇建设管理办公室', shortName: '村镇办', kind: 'town_office' },
  { name: '社区办', kind: 'town_office' },
  { name: '监察室', kind: 'town_office', note: '对整合管理工作实施行政监察（R27）' },
  { name: '财政所', kind: 'town_office', note: '镇财政专户（R20）' },
  { name: '经管所', kind: 'town_office' },
  { name: '安全生产监督管理所', shortName: '安监所', kind: 'town_office' },
  { name: '城管分队', kind: 'town_office' },
  { name: '社区服务中心', kind: 'public_institution' },
  { name: '农业服务中心', kind: 'public_institution' },
  { name: '水务站', kind: 'public_institution' },
  { name: '环卫所', kind: 'public_institution' },
  { name: '社区卫生服务中心', kind: 'public_institution', note: '从业人员体检，原则上两年一次（R18）' },
  { name: '九峰物业公司', kind: 'enterprise' },
  { name: '派出所', kind: 'police' },
  { name: '交警支队', kind: 'traffic' },
  { name: '区人保局', kind: 'district_line', note: '劳动监察协管条线直管' },
];

export const COMMUNITIES: { name: string; kind: CommunityKind }[] = [
  ...['一', '二', '三', '四', '五', '六', '七', '八'].map((n) => ({ name: `示范${n}村`, kind: 'village' as const })),
  ...['一', '二', '三'].map((n) => ({ name: `示范${n}居委会`, kind: 'residential' as const })),
];

export const COOPS: { name: string; shortName: string; category: CategoryCode; note: string }[] = [
  {
    name: '松江区小昆山社会协管服务社',
    shortName: '社会协管服务社',
    category: 'social_coordination',
    note: '设在社保所；与社会协管类从业人员签订上岗协议、办理用工备案（R3、R6）',
  },
  {
    name: '松江区小昆山社区公共服务社',
    shortName: '社区公共服务社',
    category: 'public_service',
    note: '设在社保所；与公共服务类从业人员签订上岗协议、办理用工备案（R3、R6）',
  },
];

const GROUP_DUTIES = {
  g1: '协助维护辖区治安秩序、社会稳定和道路交通秩序，外来人口管理和服务、计划生育指导，协助房屋租赁、违法建筑、各类无证行为以及环境卫生等信息采集，相关法律法规政策宣传。',
  g2: '协助管理辖区市容环境综合治理、市政设施、绿化建设，协助劳动监察，采集用人单位基本信息和社区劳动力资源，推岗就业，协助社会保险工作，协助特种设备安全工作，协助监督建筑业企业用工、接待调处建筑业农民工上访纠纷，相关法律法规政策宣传。',
  g3: '服务辖区残疾人、居家养老和特殊困难老人等群体。',
  g4: '道路保洁、小区保洁、绿化养护、公共环卫设施的管理、垃圾的清运、环境卫生整治、公共场所卫生消毒、公益性保洁。',
  g5: '林业养护、河道保洁、泵站值守和维护。',
};

export interface DemoTeam {
  name: string;
  category: CategoryCode;
  duties: string;
  /** R4: supervising department (by the coop's entrustment). */
  supervising: string;
  /** R4: daily-managing units with the duties each manages. */
  units: { department: string; duties: string }[];
  /** R4: whether the communities hold a share of the monthly score. */
  communityShare: boolean;
}

const POLICE = { department: '派出所', duties: '治安秩序、外来人口管理、信息采集' };
const TRAFFIC = { department: '交警支队', duties: '道路交通秩序' };
const ESTATE = { department: '九峰物业公司', duties: '小区保洁、环境卫生整治、公益性保洁' };
const SANITATION = { department: '环卫所', duties: '道路保洁、绿化养护、公共环卫设施管理、垃圾清运、公共场所卫生消毒' };

/** The 15 teams in the order of R2 (social coordination 7, public service 8), managed as in R4. */
export const TEAMS: DemoTeam[] = [
  { name: '特种设备协管', category: 'social_coordination', duties: GROUP_DUTIES.g2, supervising: '社会保障事务所', units: [{ department: '安全生产监督管理所', duties: '协助特种设备安全工作' }], communityShare: false },
  { name: '劳动监察协管', category: 'social_coordination', duties: GROUP_DUTIES.g2, supervising: '社会保障事务所', units: [{ department: '区人保局', duties: '协助劳动监察（条线直管）' }], communityShare: false },
  { name: '综合协管', category: 'social_coordination', duties: GROUP_DUTIES.g1, supervising: '社会治安综合治理办公室', units: [POLICE, TRAFFIC], communityShare: true },
  { name: '社区保安', category: 'social_coordination', duties: GROUP_DUTIES.g1, supervising: '社会治安综合治理办公室', units: [POLICE, TRAFFIC], communityShare: true },
  { name: '市容环境协管', category: 'social_coordination', duties: GROUP_DUTIES.g2, supervising: '社会保障事务所', units: [{ department: '城管分队', duties: '市容环境综合治理、市政设施、绿化建设' }], communityShare: false },
  { name: '社区巡逻', category: 'social_coordination', duties: GROUP_DUTIES.g1, supervising: '社会治安综合治理办公室', units: [POLICE, TRAFFIC], communityShare: true },
  { name: '建筑协管', category: 'social_coordination', duties: GROUP_DUTIES.g2, supervising: '社会保障事务所', units: [{ department: '村镇建设管理办公室', duties: '监督建筑业企业用工、调处建筑业农民工纠纷' }], communityShare: false },
  { name: '社保协管', category: 'public_service', duties: GROUP_DUTIES.g2, supervising: '社会保障事务所', units: [{ department: '社会保障事务所', duties: '协助社会保险工作' }], communityShare: false },
  { name: '就业援助', category: 'public_service', duties: GROUP_DUTIES.g2, supervising: '社会保障事务所', units: [{ department: '社会保障事务所', duties: '推岗就业、劳动力资源调查（就业援助员派驻各村居）' }], communityShare: true },
  { name: '社区公益卫生保洁', category: 'public_service', duties: GROUP_DUTIES.g4, supervising: '社区服务中心', units: [ESTATE, SANITATION], communityShare: true },
  { name: '助残协管', category: 'public_service', duties: GROUP_DUTIES.g3, supervising: '社会事业管理办公室', units: [{ department: '社会事业管理办公室', duties: '残疾人服务' }], communityShare: true },
  { name: '助老协管', category: 'public_service', duties: GROUP_DUTIES.g3, supervising: '社会事业管理办公室', units: [{ department: '社会事业管理办公室', duties: '居家养老和特殊困难老人服务（按服务人数计酬，R11）' }], communityShare: true },
  { name: '林业养护', category: 'public_service', duties: GROUP_DUTIES.g5, supervising: '农业服务中心', units: [{ department: '农业服务中心', duties: '林业养护' }], communityShare: false },
  { name: '河道保洁', category: 'public_service', duties: GROUP_DUTIES.g5, supervising: '农业服务中心', units: [{ department: '水务站', duties: '河道保洁、泵站值守和维护' }], communityShare: false },
  { name: '社区环境保洁', category: 'public_service', duties: GROUP_DUTIES.g4, supervising: '社区服务中心', units: [ESTATE, SANITATION], communityShare: true },
];

const GROUP_MEMBER_DEPARTMENTS = [
  '社会保障事务所', '党群办', '社会事业管理办公室', '社会治安综合治理办公室', '村镇建设管理办公室', '社区办', '社区服务中心', '监察室', '财政所', '经管所',
  '安全生产监督管理所', '农业服务中心', '派出所', '水务站', '九峰物业公司', '环卫所', '城管分队',
];
const OFFICE_MEMBER_DEPARTMENTS = ['社会事业管理办公室', '社会治安综合治理办公室', '社区办', '社区服务中心', '农业服务中心', '财政所'];

export interface DemoBody {
  kind: 'leadership_group' | 'leadership_office' | 'supervision_office';
  name: string;
  seat: string | null;
  duties: string;
  members: { role: string; holder: string; department?: string }[];
}

export const BODIES: DemoBody[] = [
  {
    kind: 'leadership_group',
    name: '小昆山镇推进“万、千、百人就业项目”从业人员队伍整合和管理工作领导小组',
    seat: null,
    duties: '全面负责实施整合工作，统筹管理整合后的队伍，协调部门之间关系，解决工作中的实际困难和问题；批准各管理主体的规章制度与考核办法（R23、R25）。',
    members: [
      { role: '组长', holder: '镇长' },
      { role: '副组长', holder: '党群副书记' },
      { role: '副组长', holder: '分管就业的副镇长' },
      ...GROUP_MEMBER_DEPARTMENTS.map((d) => ({ role: '成员', holder: `${d}主要领导`, department: d })),
      { role: '成员', holder: '各村、居主要领导' },
    ],
  },
  {
    kind: 'leadership_office',
    name: '领导小组办公室',
    seat: '社会保障事务所',
    duties: '牵头协调和统筹管理整合工作推进，统筹安排工作目标设置、岗位业绩考核、报酬福利统筹、资金账户管理、日常工作协调和人员招录辞退等事宜；配置专人负责资金账户管理。',
    members: [
      { role: '主任', holder: '分管就业的副镇长' },
      { role: '副主任', holder: '党群办主任', department: '党群办' },
      { role: '副主任', holder: '社保所所长', department: '社会保障事务所' },
      ...OFFICE_MEMBER_DEPARTMENTS.map((d) => ({ role: '成员', holder: `${d}负责人`, department: d })),
      { role: '成员', holder: '社保所相关人员', department: '社会保障事务所' },
    ],
  },
  {
    kind: 'supervision_office',
    name: '镇监察室',
    seat: '监察室',
    duties: '对各单位、各部门在整合管理过程中的工作情况加强行政监察，对违反规定、工作不力的严格追究责任（R27）。',
    members: [{ role: '负责人', holder: '监察室主任', department: '监察室' }],
  },
];

export const DATES = { existing: EXISTING, coops: '2012-10-01', integration: INTEGRATION_DATE };
