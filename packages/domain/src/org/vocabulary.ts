// The notice's organisation vocabulary (R1–R5) with the Chinese labels the console shows.

export const DEPARTMENT_KINDS = [
  'town_office',
  'public_institution',
  'district_line',
  'enterprise',
  'police',
  'traffic',
] as const;
export type DepartmentKind = (typeof DEPARTMENT_KINDS)[number];

export const DEPARTMENT_KIND_LABELS: Record<DepartmentKind, { zh: string; en: string }> = {
  town_office: { zh: '镇机关科室', en: 'Town office' },
  public_institution: { zh: '镇属事业单位', en: 'Town public institution' },
  district_line: { zh: '区条线部门', en: 'District line department' },
  enterprise: { zh: '企业', en: 'Enterprise' },
  police: { zh: '公安派出机构', en: 'Police unit' },
  traffic: { zh: '交通管理机构', en: 'Traffic unit' },
};

export const COMMUNITY_KINDS = ['village', 'residential'] as const;
export type CommunityKind = (typeof COMMUNITY_KINDS)[number];

export const COMMUNITY_KIND_LABELS: Record<CommunityKind, { zh: string; en: string }> = {
  village: { zh: '村委会', en: 'Village committee' },
  residential: { zh: '居委会', en: 'Residential committee' },
};

/** R2: the two categories. */
export const CATEGORY_CODES = ['social_coordination', 'public_service'] as const;
export type CategoryCode = (typeof CATEGORY_CODES)[number];

export const CATEGORY_LABELS: Record<CategoryCode, { zh: string; en: string }> = {
  social_coordination: { zh: '社会协管类', en: 'Social coordination' },
  public_service: { zh: '公共服务类', en: 'Public service' },
};

/** The leadership group (领导小组), its office, and the supervision office are named bodies (§三, R27). */
export const BODY_KINDS = ['leadership_group', 'leadership_office', 'supervision_office'] as const;
export type BodyKind = (typeof BODY_KINDS)[number];

export const BODY_KIND_LABELS: Record<BodyKind, { zh: string; en: string }> = {
  leadership_group: { zh: '领导小组', en: 'Leadership group' },
  leadership_office: { zh: '领导小组办公室', en: 'Leadership group office' },
  supervision_office: { zh: '监察室', en: 'Supervision office' },
};

/** Default share of the monthly score held by communities where a team grants one (DOMAIN.md defaults: 30%). */
export const DEFAULT_COMMUNITY_SHARE_PERCENT = 30;
