import type { Label } from '../api.ts';

/** The words of the office's survey page (instruments, waves, results, sample size, formulas), both languages. */
export const SURVEY_STRINGS = {
  svGroup_sex: { vi: 'Giới tính', en: 'Sex' },
  svGroup_age_group: { vi: 'Nhóm tuổi', en: 'Age group' },
  svGroup_area: { vi: 'Thành thị, nông thôn', en: 'Urban or rural' },
  svGroup_ethnicity: { vi: 'Dân tộc', en: 'Ethnicity' },
  svGroup_target_group: { vi: 'Nhóm đối tượng', en: 'Target group' },
  svChooseXlsForm: { vi: 'Chọn tệp XLSForm (.xlsx)', en: 'Choose an XLSForm file (.xlsx)' },
  svCustomInstrument: { vi: 'Đăng ký bộ câu hỏi riêng', en: 'Register your own questionnaire' },
  svRegister: { vi: 'Đăng ký', en: 'Register' },
  svCustomHelp: {
    vi:
      'XLSForm (trang survey, choices, settings; settings phải có form_id và version) và quy tắc tính điểm viết ' +
      'bằng YAML — xem docs/surveys.md và instruments/bdg-nhan-thuc/scoring.yaml.',
    en:
      'An XLSForm (sheets survey, choices, settings; settings must have form_id and version) and scoring rules ' +
      'written in YAML — see docs/surveys.md and instruments/bdg-nhan-thuc/scoring.yaml.',
  },
  svXlsFormFile: { vi: 'Tệp XLSForm', en: 'XLSForm file' },
  svScoringYaml: { vi: 'Quy tắc tính điểm (YAML)', en: 'Scoring rules (YAML)' },
  svCode: { vi: 'Mã', en: 'Code' },
  svVersion: { vi: 'Phiên bản', en: 'Version' },
  svName: { vi: 'Tên', en: 'Name' },
  svSave: { vi: 'Lưu', en: 'Save' },
  svWaveName: { vi: 'Tên đợt', en: 'Name of the wave' },
  svWaveNameRequired: { vi: 'Nhập tên đợt', en: 'Enter the wave’s name' },
  svYear: { vi: 'Năm', en: 'Year' },
  svYearRequired: { vi: 'Nhập năm', en: 'Enter the year' },
  svInstrumentRequired: { vi: 'Chọn bộ câu hỏi', en: 'Choose a questionnaire' },
  svDays: { vi: 'Thời gian', en: 'Dates' },
  svDaysRequired: { vi: 'Chọn ngày bắt đầu và kết thúc', en: 'Choose the first and the last day' },
  svDesign: {
    vi: 'Thiết kế mẫu (để trống nếu là mẫu ngẫu nhiên đơn giản hoặc biểu mẫu công khai)',
    en: 'Sample design (leave empty for a simple random sample or the public form)',
  },
  svStrata: { vi: 'Cột tầng', en: 'Strata column' },
  svCluster: { vi: 'Cột cụm', en: 'Cluster column' },
  svWeight: { vi: 'Cột trọng số', en: 'Weight column' },
  svMargins: {
    vi: 'Biên tổng thể để hiệu chỉnh (mỗi dòng: câu hỏi,lựa chọn,tổng số)',
    en: 'Population margins for raking (one per line: question,choice,total)',
  },
  svMarginsHelp: {
    vi: 'Ví dụ: sex,female,612000 — dùng cùng biên cho mọi đợt để so sánh được',
    en: 'For example: sex,female,612000 — use the same margins for every wave to keep them comparable',
  },
  svWave: { vi: 'Đợt', en: 'Wave' },
  svImported: {
    vi: 'Đã nhập {created}; bỏ qua {skipped} bản ghi đã có.',
    en: '{created} imported; {skipped} already stored were skipped.',
  },
  svMatched: { vi: 'Khớp', en: 'Matched' },
  svToolColumns: { vi: 'Cột của công cụ thu thập', en: 'Columns of the collection tool' },
  svNotMatched: { vi: 'Không khớp (không nhập)', en: 'Not matched (not imported)' },
  svMissingColumns: { vi: 'Câu hỏi không có cột', en: 'Questions without a column' },
  svOverall: { vi: 'Chung', en: 'Overall' },
  svScale_overall: { vi: 'Điểm chung', en: 'Overall score' },
  svScale_knowledge: { vi: 'Hiểu biết pháp luật', en: 'Knowledge of the law' },
  svScale_norms: { vi: 'Quan niệm giới', en: 'Gender norms' },
  svPHolm: { vi: 'p (hiệu chỉnh Holm)', en: 'p (Holm-adjusted)' },
  svNearCeiling: { vi: 'Đầu kỳ đã gần mức trần', en: 'Baseline already near the ceiling' },
  svVerdict_stretch_met: { vi: 'Đạt mức phấn đấu', en: 'Stretch target achieved' },
  svVerdict_met: { vi: 'Đạt', en: 'Achieved' },
  svVerdict_not_shown: { vi: 'Chưa chứng minh được', en: 'Not shown' },
  svVerdict_declined: { vi: 'Giảm', en: 'Declined' },
  svMethod: {
    vi:
      'Trung bình có trọng số, sai số theo thiết kế mẫu (tầng, cụm), khoảng tin cậy 95%; thay đổi là tỷ số hai ' +
      'trung bình − 1 (phương pháp delta trên log). "Đạt" chỉ khi cận dưới của khoảng tin cậy đạt chỉ tiêu. ' +
      'Công thức: docs/surveys.md.',
    en:
      'Weighted means, standard errors from the sample design (strata, clusters), 95% confidence intervals; ' +
      'change is the ratio of two means − 1 (delta method on the log). "Achieved" only when the interval’s lower ' +
      'bound reaches the target. Formulas: docs/surveys.md.',
  },
  svSampleSize: { vi: 'Cỡ mẫu cần cho mỗi đợt', en: 'Sample size needed per wave' },
  svBaselineScore: { vi: 'Điểm đầu kỳ', en: 'Baseline score' },
  svSd: { vi: 'Độ lệch chuẩn', en: 'Standard deviation' },
  svChangeToDetect: { vi: 'Thay đổi cần phát hiện (0,1 = +10%)', en: 'Change to detect (0.1 = +10%)' },
  svDeff: { vi: 'Hiệu ứng thiết kế', en: 'Design effect' },
  svPerWave: { vi: '{n} người mỗi đợt', en: '{n} people per wave' },
  svSampleFormula: {
    vi: 'n = deff × (z₁₋α/₂ + z_power)² × 2σ² / (thay đổi × trung bình)²',
    en: 'n = deff × (z₁₋α/₂ + z_power)² × 2σ² / (change × mean)²',
  },
  svPower: { vi: 'lực kiểm định 80%, mức ý nghĩa 5%, hai phía.', en: 'power 80%, significance 5%, two-sided.' },
  svFormulas: { vi: 'Công thức', en: 'Formulas' },
  svF_score: { vi: 'Điểm', en: 'Score' },
  svF_scoreText: {
    vi:
      'mỗi thang 0–100; câu hiểu biết: đúng 100, sai hoặc "không biết" 0; câu quan niệm: (v − min)/(max − min)·100, ' +
      'câu đảo chiều lấy max + min − v; chỉ tính khi trả lời ≥ 80% số câu của thang',
    en:
      'each scale 0–100; knowledge items: right 100, wrong or "don’t know" 0; norm items: (v − min)/(max − min)·100, ' +
      'reversed items take max + min − v; counted only when ≥ 80% of the scale’s items are answered',
  },
  svF_mean: { vi: 'Trung bình', en: 'Mean' },
  svF_meanText: {
    vi: 'ȳ = Σwᵢyᵢ / Σwᵢ trên người trả lời của nhóm, ước lượng trên toàn bộ thiết kế mẫu',
    en: 'ȳ = Σwᵢyᵢ / Σwᵢ over the group’s respondents, estimated on the whole sample design',
  },
  svF_se: { vi: 'Sai số chuẩn', en: 'Standard error' },
  svF_seText: {
    vi:
      'tuyến tính hoá Taylor: zᵢ = wᵢ(yᵢ − ȳ)/Σw trong nhóm, 0 ngoài nhóm; ' +
      'Var = Σ_h n_h/(n_h − 1)·Σ_c (z_hc − z̄_h)² theo cụm c trong tầng h (chọn có hoàn lại)',
    en:
      'Taylor linearisation: zᵢ = wᵢ(yᵢ − ȳ)/Σw inside the group, 0 outside; ' +
      'Var = Σ_h n_h/(n_h − 1)·Σ_c (z_hc − z̄_h)² over clusters c in stratum h (with replacement)',
  },
  svF_ci: { vi: 'KTC 95%', en: '95% CI' },
  svF_ciText: { vi: 'ȳ ± 1,959964·SE', en: 'ȳ ± 1.959964·SE' },
  svF_deff: { vi: 'Hiệu ứng thiết kế', en: 'Design effect' },
  svF_deffText: {
    vi: 'SE² / (s²/n), s² = n/(n − 1)·Σwᵢ(yᵢ − ȳ)²/Σwᵢ',
    en: 'SE² / (s²/n), s² = n/(n − 1)·Σwᵢ(yᵢ − ȳ)²/Σwᵢ',
  },
  svF_raking: { vi: 'Hiệu chỉnh (raking)', en: 'Raking' },
  svF_rakingText: {
    vi:
      'trọng số nhân lần lượt theo từng biên đến khi khớp tổng thể; sai số tính lại theo phép hiệu chỉnh ' +
      '(như gói survey của R)',
    en:
      'weights multiplied margin by margin until they match the population; errors recomputed for the raking ' +
      '(as R’s survey package does)',
  },
  svF_change: { vi: 'Thay đổi', en: 'Change' },
  svF_changeText: {
    vi:
      'b/a − 1; KTC theo phương pháp delta trên log: exp(log(b/a) ± z·√(SE_b²/b² + SE_a²/a²)) − 1; ' +
      'khoảng Fieller bên cạnh',
    en:
      'b/a − 1; CI by the delta method on the log: exp(log(b/a) ± z·√(SE_b²/b² + SE_a²/a²)) − 1; ' +
      'Fieller’s interval beside it',
  },
  svF_verdict: { vi: 'Kết luận', en: 'Verdict' },
  svF_verdictText: {
    vi: '"Đạt" chỉ khi cận dưới của KTC ≥ chỉ tiêu; "giảm" khi cả khoảng < 0; còn lại "chưa chứng minh được"',
    en:
      '"Achieved" only when the CI’s lower bound ≥ the target; "declined" when the whole interval < 0; else ' +
      '"not shown"',
  },
  svF_groups: { vi: 'Nhiều nhóm', en: 'Several groups' },
  svF_groupsText: {
    vi: 'p của giả thuyết "không đổi" = 2Φ(−|log(b/a)|/s), hiệu chỉnh Holm trên các nhóm cùng bảng',
    en: 'p of the hypothesis "no change" = 2Φ(−|log(b/a)|/s), Holm-adjusted over the groups of one table',
  },
  svF_small: { vi: 'Ô nhỏ', en: 'Small cells' },
  svF_smallText: {
    vi:
      'nhóm dưới 30 người trả lời (ở một trong hai đợt): chỉ hiện n, không công bố số liệu; đầu kỳ > 85 điểm: ' +
      'cảnh báo mức trần',
    en:
      'groups under 30 respondents (in either wave): only n is shown, no figure published; a baseline > 85 ' +
      'points: a ceiling warning',
  },
} satisfies Record<string, Label>;
