import { weightedList, type Random, type WeightedList } from './random.ts';

export type Gender = 'male' | 'female';

/**
 * The most common Chinese surnames with their approximate share of the population (per cent,
 * rounded from published household-registration statistics); the tail is flattened.
 */
// prettier-ignore
export const CHINESE_SURNAMES: WeightedList<string> = weightedList<string>([
  ['王', 7.1], ['李', 7.0], ['张', 6.7], ['刘', 5.1], ['陈', 4.6], ['杨', 3.2], ['黄', 2.4], ['赵', 2.2],
  ['吴', 2.0], ['周', 2.0], ['徐', 1.6], ['孙', 1.5], ['马', 1.5], ['朱', 1.4], ['胡', 1.3], ['郭', 1.2],
  ['何', 1.2], ['林', 1.1], ['罗', 1.1], ['高', 1.1], ['郑', 0.9], ['梁', 0.9], ['谢', 0.8], ['宋', 0.8],
  ['唐', 0.8], ['许', 0.8], ['韩', 0.7], ['冯', 0.7], ['邓', 0.7], ['曹', 0.7], ['彭', 0.7], ['曾', 0.7],
  ['肖', 0.6], ['田', 0.6], ['董', 0.6], ['袁', 0.6], ['潘', 0.6], ['于', 0.6], ['蒋', 0.6], ['蔡', 0.5],
  ['余', 0.5], ['杜', 0.5], ['叶', 0.5], ['程', 0.5], ['苏', 0.5], ['魏', 0.5], ['吕', 0.5], ['丁', 0.5],
  ['任', 0.5], ['沈', 0.4], ['姚', 0.4], ['卢', 0.4], ['姜', 0.4], ['崔', 0.4], ['钟', 0.4], ['谭', 0.4],
  ['陆', 0.4], ['汪', 0.4], ['范', 0.4], ['金', 0.3], ['石', 0.3], ['廖', 0.3], ['贾', 0.3], ['夏', 0.3],
  ['韦', 0.3], ['付', 0.3], ['方', 0.3], ['白', 0.3], ['邹', 0.3], ['孟', 0.2], ['熊', 0.2], ['秦', 0.2],
  ['邱', 0.2], ['江', 0.2], ['尹', 0.2], ['薛', 0.2], ['闫', 0.2], ['段', 0.2], ['雷', 0.2], ['侯', 0.1],
  ['龙', 0.1], ['史', 0.1], ['陶', 0.1], ['黎', 0.1], ['贺', 0.1], ['顾', 0.1], ['毛', 0.1], ['郝', 0.1],
  ['龚', 0.1], ['邵', 0.1], ['万', 0.1], ['钱', 0.1], ['严', 0.1], ['武', 0.1], ['戴', 0.1], ['莫', 0.1],
  ['孔', 0.1], ['向', 0.1], ['汤', 0.1], ['常', 0.1], ['葛', 0.1], ['庄', 0.1], ['恽', 0.02], ['盛', 0.1],
]);

/** Full given names typical of people born before the 1960s. */
// prettier-ignore
const OLD_GIVEN: Record<Gender, readonly string[]> = {
  male: ['建国', '建华', '国强', '国平', '国庆', '德明', '德胜', '志明', '志刚', '福生', '金根', '荣生', '根宝', '长林', '永康', '振华', '洪生', '明华', '学军', '卫东', '兴华', '宝林', '新民', '和平'],
  female: ['秀英', '桂英', '秀兰', '桂兰', '玉兰', '玉珍', '凤英', '美英', '彩英', '金娣', '月娥', '雪珍', '素珍', '淑珍', '翠华', '惠芬', '菊芬', '秀珍', '爱华', '玉梅', '小妹', '招娣'],
};

/** Characters of given names, by era of birth. */
// prettier-ignore
const GIVEN_CHARS: Record<'mid' | 'young', Record<Gender, readonly string[]>> = {
  mid: {
    male: ['伟', '强', '军', '磊', '勇', '杰', '涛', '斌', '波', '明', '刚', '平', '辉', '华', '飞', '峰', '健', '俊', '建', '东', '林', '宏', '亮', '超', '鹏', '浩', '晓', '立', '海', '荣', '清', '文'],
    female: ['芳', '娟', '敏', '静', '丽', '艳', '霞', '红', '燕', '萍', '玲', '琴', '慧', '英', '华', '梅', '兰', '洁', '芬', '婷', '莉', '娜', '晓', '雪', '云'],
  },
  young: {
    male: ['浩', '宇', '轩', '子', '睿', '博', '晨', '铭', '昊', '泽', '宸', '锦', '航', '一', '嘉', '俊', '文', '哲', '天', '凯', '诚', '奕', '然', '阳'],
    female: ['欣', '怡', '梓', '涵', '雨', '萱', '诗', '琪', '可', '馨', '悦', '佳', '思', '紫', '彤', '语', '婉', '若', '依', '沐', '梦', '雅', '晴', '瑶'],
  },
};

/** A given name (one or two characters) in the style of the birth year. */
export function givenName(random: Random, gender: Gender, birthYear: number): string {
  if (birthYear < 1960 && random.chance(0.7)) return random.pick(OLD_GIVEN[gender]);
  const chars = GIVEN_CHARS[birthYear < 1990 ? 'mid' : 'young'][gender];
  const first = random.pick(chars);
  if (random.chance(birthYear < 1990 ? 0.35 : 0.15)) return first;
  let second = random.pick(chars);
  while (second === first) second = random.pick(chars);
  return first + second;
}

/** A full name: a surname drawn by frequency (or the one given) and a given name of the era. */
export function personName(random: Random, options: { gender: Gender; birthYear: number; surname?: string }): string {
  return (options.surname ?? random.weighted(CHINESE_SURNAMES)) + givenName(random, options.gender, options.birthYear);
}
