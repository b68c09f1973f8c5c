import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseRules } from './rules.ts';
import { SECOND_OPINION_LAW } from './screen.ts';

/**
 * The provisions of the Law on Gender Equality (Luật Bình đẳng giới 2006, 73/2006/QH11) that a finding may cite, each
 * read in a public copy of the law or a government page quoting it (7 December 2026):
 * - Art. 5 (definitions), clause 3 gender equality, 4 gender stereotype, 5 gender discrimination:
 *   hethongphapluat.vn/luat-binh-dang-gioi-2006/dieu-5;
 * - Art. 6 (principles) and Art. 10 (prohibited acts: 1 obstructing equality, 2 discrimination in any form, 3
 *   gender-based violence, 4 other acts): thanhdoannhatrang.org.vn/ban-tin-phap-luat-tuan-tu-ngay-8-11-den-ngay-14-11/;
 * - Arts. 11–18 (equality by field): 123docz.net/document/9316046-luat-binh-dang-gioi.htm (table of contents); Art. 13
 *   clause 1 (equal criteria and age in hiring): hethongphapluat.com/luat-binh-dang-gioi-2006/dieu-13; Art. 18 clause 5
 *   (men and women share the housework):
 *   pbgdpl.tayninh.gov.vn/tai-lieu-tuyen-truyen/binh-dang-gioi-trong-gia-dinh-1174.html;
 * - Art. 40 (violations in politics, economy, labour, education, science, culture, health), clause 1 point c (setting
 *   and applying rules that discriminate by gender in a community's hương ước or quy ước):
 *   giadinh.bvhttdl.gov.vn/cac-hanh-vi-vi-pham-phap-luat-ve-binh-dang-gioi-trong-linh-vuc-chinh-tri-…; sex selection
 *   of a foetus among its acts: plo.vn (28 December 2025); Art. 41 (violations in the family): luathoanganh.vn.
 * Until 7 December 2026 the rules cited "Điều 5 khoản 3 (định kiến giới)" (clause 3 defines gender equality) and
 * "Điều 10 khoản 7" (Art. 10 has four clauses). A provision not in this table is refused until someone reads it and
 * adds it here with its source.
 */
const GENDER_EQUALITY_LAW = new Map([
  ['Điều 5 khoản 4', 'định kiến giới'],
  ['Điều 5 khoản 5', 'phân biệt đối xử về giới'],
  ['Điều 6 khoản 1', 'nam, nữ bình đẳng trong các lĩnh vực của đời sống xã hội và gia đình'],
  ['Điều 10', 'các hành vi bị nghiêm cấm'],
  ['Điều 10 khoản 2', 'phân biệt đối xử về giới dưới mọi hình thức'],
  ['Điều 10 khoản 3', 'bạo lực trên cơ sở giới'],
  ['Điều 11', 'bình đẳng giới trong lĩnh vực chính trị'],
  ['Điều 13', 'bình đẳng giới trong lĩnh vực lao động'],
  ['Điều 13 khoản 1', 'bình đẳng về tiêu chuẩn, độ tuổi khi tuyển dụng'],
  ['Điều 14', 'bình đẳng giới trong lĩnh vực giáo dục và đào tạo'],
  ['Điều 17', 'bình đẳng giới trong lĩnh vực y tế'],
  ['Điều 18', 'bình đẳng giới trong gia đình'],
  ['Điều 18 khoản 5', 'thành viên nam, nữ chia sẻ công việc gia đình'],
  ['Điều 40', 'hành vi vi phạm pháp luật về bình đẳng giới (chính trị … y tế)'],
  ['Điều 40 khoản 1 điểm c', 'hương ước, quy ước có sự phân biệt đối xử về giới'],
]);

const LAW = 'Luật Bình đẳng giới 2006';

/**
 * The provisions of the Law on Gender Equality a citation names ("Điều 5 khoản 4 và khoản 5" names two), read from
 * the part of each `;`-separated citation that starts with the law's name.
 */
function provisionsCited(citation: string): string[] {
  const found: { article: string; clause?: string; point?: string }[] = [];
  for (const part of citation.split(';').filter((p) => p.trim().startsWith(LAW))) {
    for (const m of part.matchAll(/Điều (\d+)|khoản (\d+)|điểm ([a-zđ])\b/gu)) {
      const last = found.at(-1);
      if (m[1]) found.push({ article: m[1] });
      else if (m[2] && last) {
        if (last.clause) found.push({ article: last.article, clause: m[2] });
        else last.clause = m[2];
      } else if (m[3] && last) last.point = m[3];
    }
  }
  return found.map(
    (p) => `Điều ${p.article}${p.clause ? ` khoản ${p.clause}` : ''}${p.point ? ` điểm ${p.point}` : ''}`,
  );
}

const unknownProvisions = (citation: string) => provisionsCited(citation).filter((p) => !GENDER_EQUALITY_LAW.has(p));

describe('what the findings cite of the Law on Gender Equality', () => {
  const rules = parseRules(fs.readFileSync(new URL('../../../rules/screener-vi.yaml', import.meta.url), 'utf8'));

  it('reads each provision a citation names', () => {
    expect(provisionsCited(`${LAW}, Điều 5 khoản 4 và khoản 5`)).toEqual(['Điều 5 khoản 4', 'Điều 5 khoản 5']);
    expect(
      provisionsCited(`Bộ luật Dân sự 2015, Điều 651; ${LAW}, Điều 10 khoản 2, Điều 18 và Điều 40 khoản 1 điểm c`),
    ).toEqual(['Điều 10 khoản 2', 'Điều 18', 'Điều 40 khoản 1 điểm c']);
    // the two citations the rules carried until 7 December 2026
    expect(unknownProvisions(`${LAW}, Điều 5 khoản 3 (định kiến giới)`)).toEqual(['Điều 5 khoản 3']);
    expect(unknownProvisions(`${LAW}, Điều 10 khoản 7 và Điều 18`)).toEqual(['Điều 10 khoản 7']);
  });

  it('names only provisions read in the law, in every rule and in the second opinion', () => {
    const citing = rules.rules.filter((r) => r.law.includes(LAW));
    expect(citing.length).toBeGreaterThan(40);
    for (const rule of citing) {
      expect(provisionsCited(rule.law).length, rule.id).toBeGreaterThan(0);
      expect(unknownProvisions(rule.law), rule.id).toEqual([]);
    }
    expect(unknownProvisions(SECOND_OPINION_LAW)).toEqual([]);
  });
});
