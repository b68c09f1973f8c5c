/** Kinds of organisational unit and the rules that hold between them. */

export const UNIT_KINDS = [
  'province',
  'district',
  'commune',
  'department',
  'association',
  'media',
  'school',
  'enterprise',
  'village',
  'other',
] as const;
export type UnitKind = (typeof UNIT_KINDS)[number];

export const UNIT_KIND_LABELS: Record<UnitKind, { vi: string; en: string }> = {
  province: { vi: 'Tỉnh, thành phố', en: 'Province' },
  district: { vi: 'Huyện, quận, thị xã, thành phố thuộc tỉnh', en: 'District' },
  commune: { vi: 'Xã, phường, thị trấn, đặc khu', en: 'Commune' },
  department: { vi: 'Sở, ban, ngành', en: 'Department or sector' },
  association: { vi: 'Hội, đoàn thể', en: 'Association or mass organisation' },
  media: { vi: 'Cơ quan báo chí, truyền thông', en: 'Media agency' },
  school: { vi: 'Trường học', en: 'School' },
  enterprise: { vi: 'Doanh nghiệp', en: 'Enterprise' },
  village: { vi: 'Thôn, tổ dân phố', en: 'Village or residential group' },
  other: { vi: 'Đơn vị khác', en: 'Other unit' },
};

/** Kinds that are areas of the administrative map (the others are organisations inside an area). */
export const AREA_KINDS: ReadonlySet<UnitKind> = new Set(['province', 'district', 'commune', 'village']);

/** Which kinds may sit directly under which parent kind; `null` means "no parent". */
const ALLOWED_PARENTS: Record<UnitKind, ReadonlyArray<UnitKind | null>> = {
  province: [null],
  district: ['province'],
  commune: ['district', 'province'],
  village: ['commune'],
  department: ['province', 'district', 'commune', null],
  association: ['province', 'district', 'commune', 'association', null],
  media: ['province', 'district', 'commune', null],
  school: ['province', 'district', 'commune', null],
  enterprise: ['province', 'district', 'commune', null],
  other: ['province', 'district', 'commune', 'department', 'association', null],
};

/** The kinds a unit of this kind may sit under, most usual first. */
export function allowedParentKinds(kind: UnitKind): UnitKind[] {
  return ALLOWED_PARENTS[kind].filter((k): k is UnitKind => k !== null);
}

export function isUnitKind(value: string): value is UnitKind {
  return (UNIT_KINDS as readonly string[]).includes(value);
}

/** Null when `kind` may sit under `parentKind`, otherwise the reason in Vietnamese. */
export function parentProblem(kind: UnitKind, parentKind: UnitKind | null): string | null {
  if (ALLOWED_PARENTS[kind].includes(parentKind)) return null;
  if (parentKind === null) return `đơn vị loại "${kind}" phải có đơn vị cấp trên`;
  return `đơn vị loại "${kind}" không thể trực thuộc đơn vị loại "${parentKind}"`;
}
