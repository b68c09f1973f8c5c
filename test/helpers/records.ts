/** A valid input of every record type (API shape: field → value), for unit `unitId` and another unit `otherId`. */
export function validData(type: string, otherId: number): Record<string, unknown> {
  switch (type) {
    case 'action_month_plan':
      return {
        date: '2024-10-20',
        title: 'Kế hoạch Tháng hành động năm 2024',
        year: 2024,
        documentNumber: '45/KH-UBND',
        activitiesPlanned: 6,
        description: 'Tuyên truyền, nói chuyện chuyên đề',
      };
    case 'communication_model':
      return {
        date: '2023-03-01',
        title: 'Câu lạc bộ "Ông bố trách nhiệm" — thử nghiệm',
        areaUnitId: otherId,
        targetGroups: ['men', 'community'],
        description: 'Sinh hoạt hằng tháng',
        evaluations: [
          {
            date: '2023-12-10',
            regular_activity: 8,
            participants: 7,
            measured_change: 6.5,
            sustainability: 7,
            effective: true,
            note: 'Đạt',
          },
        ],
      };
    case 'media_product':
      return {
        date: '2024-11-25',
        title: 'Video "Chia sẻ việc nhà"',
        kind: 'video',
        channel: 'Fanpage Hội Phụ nữ',
        languages: ['vi', 'hmong'],
        views: 12500,
        shares: 310,
        copies: null,
      };
    case 'training_course':
      return {
        date: '2024-09-12',
        title: 'Tập huấn kỹ năng truyền thông về bình đẳng giới',
        endDate: '2024-09-13',
        audiences: ['communicators', 'respected_people'],
        participantsTotal: 40,
        participantsFemale: 25,
        participantsMale: 15,
        preTestScore: 55.5,
        postTestScore: 82,
      };
    case 'resource_mobilisation':
      return {
        date: '2024-06-05',
        title: 'Tài trợ in tờ rơi',
        contributorKind: 'enterprise',
        contributor: 'Công ty TNHH Ánh Dương',
        resourceKind: 'money',
        valueVnd: 15_000_000,
        purpose: 'In 5.000 tờ rơi',
      };
    case 'education_activity':
      return {
        date: '2024-06-01',
        title: 'Diễn đàn trẻ em về bình đẳng giới',
        setting: 'school',
        activityKind: 'children_forum',
        participantsTotal: 120,
        children: 100,
        girls: 52,
        boys: 48,
      };
    case 'false_information_case':
      return {
        date: '2024-04-02',
        title: 'Bài đăng xuyên tạc chính sách bình đẳng giới',
        seenWhere: 'Mạng xã hội Facebook',
        claim: 'Cho rằng luật cấm nam giới…',
        reach: 5000,
        responseWhere: 'Cổng thông tin tỉnh',
        responseDate: '2024-04-04',
        status: 'refuted',
      };
    case 'inspection':
      return {
        date: '2024-08-20',
        title: 'Kiểm tra thực hiện Luật Bình đẳng giới',
        inspectingBody: 'Sở Nội vụ',
        inspectedUnitId: otherId,
        scope: 'Năm 2023–2024',
        findings: 'Chưa có kế hoạch truyền thông riêng',
        recommendations: [
          { content: 'Ban hành kế hoạch truyền thông', dueDate: '2030-12-31', status: 'open', followUp: '' },
          { content: 'Cử cán bộ dự tập huấn', dueDate: '2024-12-31', status: 'done', followUp: 'Đã cử 2 người' },
        ],
      };
    case 'periodic_report':
      return {
        period: '2024-CN',
        results: 'Tổ chức 12 hoạt động truyền thông',
        difficulties: 'Thiếu kinh phí',
        proposals: 'Bổ sung kinh phí',
      };
    default:
      throw new Error(`no fixture for ${type}`);
  }
}

/** One input per type that breaks a rule of that type, and the field that must be named. */
export function invalidData(type: string, otherId: number): { data: Record<string, unknown>; field: string } {
  const d = validData(type, otherId);
  switch (type) {
    case 'action_month_plan':
      return { data: { ...d, date: '2022-10-20' }, field: 'date' };
    case 'communication_model':
      return {
        data: {
          ...d,
          evaluations: [
            {
              date: '2023-12-10',
              regular_activity: 11,
              participants: 7,
              measured_change: 6,
              sustainability: 7,
              effective: true,
            },
          ],
        },
        field: 'evaluations[1].regular_activity',
      };
    case 'media_product':
      return { data: { ...d, kind: 'hologram' }, field: 'kind' };
    case 'training_course':
      return { data: { ...d, participantsFemale: 30, participantsMale: 15 }, field: 'participantsTotal' };
    case 'resource_mobilisation':
      return { data: { ...d, valueVnd: -5 }, field: 'valueVnd' };
    case 'education_activity':
      return { data: { ...d, girls: 60, boys: 48 }, field: 'children' };
    case 'false_information_case':
      return { data: { ...d, responseDate: null }, field: 'responseDate' };
    case 'inspection':
      return {
        data: { ...d, recommendations: [{ content: 'Thiếu hạn', status: 'open' }] },
        field: 'recommendations[1].dueDate',
      };
    case 'periodic_report':
      return { data: { ...d, period: '2024-Q3' }, field: 'period' };
    default:
      throw new Error(`no fixture for ${type}`);
  }
}
